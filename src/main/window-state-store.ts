/**
 * Persists the window state as JSON in the data folder. Writes are atomic (temp file + rename) so
 * a crash mid-write leaves the previous file, never a truncated one; saves while the user drags or
 * resizes are debounced.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WindowState } from './window-state';

export const WINDOW_STATE_FILE = 'window-state.json';
export const SAVE_DELAY_MS = 500;

export function windowStatePath(dataDir: string): string {
  return join(dataDir, WINDOW_STATE_FILE);
}

/** The raw saved value, or null when there is none or it is not JSON; `clampWindowState` validates it. */
export async function loadWindowState(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

let tempCounter = 0;

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // A unique temp name per write: a flush on close may overlap a debounced save still in flight.
  tempCounter += 1;
  const temp = `${file}.${process.pid}.${tempCounter}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** The same write, synchronous: for the window's `close`, after which the process may exit at once. */
export function saveWindowStateSync(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  tempCounter += 1;
  const temp = `${file}.${process.pid}.${tempCounter}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Debounced {
  /** Schedules a run `delayMs` after the last call. */
  schedule(): void;
  /** Runs now if a run is pending (window closing, app quitting). */
  flush(): void;
  cancel(): void;
}

export function debounce(run: () => void, delayMs: number, timers: Timers = realTimers): Debounced {
  let handle: unknown = null;
  const fire = (): void => {
    handle = null;
    run();
  };
  return {
    schedule() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = timers.setTimeout(fire, delayMs);
    },
    flush() {
      if (handle === null) return;
      timers.clearTimeout(handle);
      fire();
    },
    cancel() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}
