import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clampWindowState } from '../../../src/main/window-state';
import {
  debounce,
  loadWindowState,
  saveWindowState,
  saveWindowStateSync,
  windowStatePath,
} from '../../../src/main/window-state-store';
import { manualTimers, tempDir } from './fakes';

const displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
const dirs: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});
function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

describe('window state file', () => {
  it('round-trips through the data folder, creating it if needed', async () => {
    const file = windowStatePath(join(dataDir(), 'nested', 'PIM Steward'));
    const state = { x: 100, y: 50, width: 1400, height: 900, maximized: true };
    await saveWindowState(file, state);
    expect(clampWindowState(await loadWindowState(file), displays)).toEqual(state);
  });

  it('leaves no temp file behind and overwrites atomically', async () => {
    const dir = dataDir();
    const file = windowStatePath(dir);
    await Promise.all([
      saveWindowState(file, { x: 1, y: 1, width: 1100, height: 700, maximized: false }),
      saveWindowState(file, { x: 2, y: 2, width: 1200, height: 750, maximized: false }),
    ]);
    saveWindowStateSync(file, { x: 3, y: 3, width: 1300, height: 800, maximized: false });
    expect(readdirSync(dir)).toEqual(['window-state.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ x: 3, width: 1300 });
  });

  it('reads a missing or corrupt file as nothing saved', async () => {
    const dir = dataDir();
    expect(await loadWindowState(windowStatePath(dir))).toBeNull();
    writeFileSync(windowStatePath(dir), '{"x": 1, "y"');
    expect(await loadWindowState(windowStatePath(dir))).toBeNull();
  });
});

describe('debounce', () => {
  it('saves once, after the user stops moving the window', () => {
    const timers = manualTimers();
    let saves = 0;
    const saver = debounce(() => saves++, 500, timers);
    saver.schedule();
    timers.advance(300);
    saver.schedule();
    timers.advance(300);
    saver.schedule();
    expect(saves).toBe(0);
    timers.advance(500);
    expect(saves).toBe(1);
  });

  it('flushes a pending save at once, and only a pending one', () => {
    const timers = manualTimers();
    let saves = 0;
    const saver = debounce(() => saves++, 500, timers);
    saver.flush();
    expect(saves).toBe(0);
    saver.schedule();
    saver.flush();
    expect(saves).toBe(1);
    timers.advance(1000);
    expect(saves).toBe(1);
  });

  it('cancels a pending save', () => {
    const timers = manualTimers();
    let saves = 0;
    const saver = debounce(() => saves++, 500, timers);
    saver.schedule();
    saver.cancel();
    timers.advance(1000);
    expect(saves).toBe(0);
    expect(timers.pending()).toBe(0);
  });
});
