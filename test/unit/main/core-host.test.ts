import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain';
import { encodeHostArgs, parseHostArgs } from '../../../src/main/core-host-runtime';
import { inMemoryHost, tempDir } from './fakes';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('host arguments', () => {
  it('round-trip paths with spaces, quotes and non-ASCII wherever argv puts them', () => {
    const options = {
      dataDir: 'C:\\Users\\Zoë "Q"\\AppData\\Roaming\\PIM Steward',
      appVersion: '1.2.3',
      nativeBinding: '/Applications/PIM Steward.app/Contents/Resources/native/electron/better_sqlite3.node',
    };
    const args = encodeHostArgs(options);
    expect(args).toHaveLength(1);
    expect(args[0]).toMatch(/^--steward-core=[A-Za-z0-9_-]+$/);
    expect(parseHostArgs(['/path/electron', '/app/out/main/core-host.js', ...args])).toEqual(options);
    expect(parseHostArgs([...args, '--inspect'])).toEqual(options);
  });

  it('refuses missing or invalid options with a readable error', () => {
    expect(() => parseHostArgs(['electron'])).toThrow(/started without --steward-core=/);
    const bad = `--steward-core=${Buffer.from(JSON.stringify({ dataDir: '' })).toString('base64url')}`;
    expect(() => parseHostArgs([bad])).toThrow();
    const extra = `--steward-core=${Buffer.from(JSON.stringify({ dataDir: '/x', shell: 'rm' })).toString('base64url')}`;
    expect(() => parseHostArgs([extra])).toThrow();
  });
});

describe('runCoreHost over a fake parentPort and a real core', () => {
  it('answers invoke frames and posts core events', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const host = inMemoryHost(dir.path);
    const replies: unknown[] = [];
    host.process.onMessage((m) => replies.push(m));
    host.process.postMessage({ type: 'invoke', id: 1, channel: 'settings:update', input: { theme: 'dark' } });
    await expect.poll(() => replies.length).toBe(2);
    expect(replies).toEqual(
      expect.arrayContaining([
        { type: 'event', event: 'settings:changed', payload: { ...DEFAULT_SETTINGS, theme: 'dark' } },
        { type: 'reply', id: 1, result: { ok: true, value: { ...DEFAULT_SETTINGS, theme: 'dark' } } },
      ]),
    );
    await host.crash(0);
  });

  it('closes core and exits on shutdown', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const host = inMemoryHost(dir.path);
    const exits: number[] = [];
    host.process.onExit((code) => exits.push(code));
    host.process.postMessage({ type: 'shutdown' });
    await expect.poll(() => exits).toEqual([0]);
    const core = await host.running.ready;
    // Closed: the database handle is gone, so core can no longer answer.
    expect(await core?.dispatch('settings:get', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('answers every call with the reason when core cannot start, and stays up', async () => {
    const host = inMemoryHost('/unused', { start: () => Promise.reject(new Error('database is locked')) });
    const replies: unknown[] = [];
    host.process.onMessage((m) => replies.push(m));
    host.process.postMessage({ type: 'invoke', id: 4, channel: 'settings:get', input: {} });
    await expect.poll(() => replies.length).toBe(1);
    expect(replies[0]).toEqual({
      type: 'reply',
      id: 4,
      result: {
        ok: false,
        error: { code: 'unavailable', message: 'Core failed to start: database is locked' },
      },
    });
    expect(host.exited()).toBe(false);
  });
});
