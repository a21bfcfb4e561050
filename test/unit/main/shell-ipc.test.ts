import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channelNames, eventNames } from '../../../src/shared/contract';
import { createFileTokenTable } from '../../../src/main/file-tokens';
import {
  bindDropIpc,
  bindIpc,
  createEventSender,
  DROP_CHANNEL,
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  isTrustedSender,
  MAX_DROPPED_PATHS,
} from '../../../src/main/ipc';
import { shellChannels } from '../../../src/main/shell-channels';
import type { ShellHandlers } from '../../../src/main/shell-channels';
import {
  checkShellEvent,
  FILES_DROPPED_EVENT,
  SHELL_EVENT_NAMES,
  SYSTEM_NOTICE_EVENT,
  UPDATE_STATE_EVENT,
} from '../../../src/main/shell-events';
import { initialUpdateState } from '../../../src/main/update-policy';
import { fakeIpcMain, fakeWebContents, senderEvent, tempDir } from './fakes';

const APP = 'app://steward/index.html';
const state = initialUpdateState('1.0.0', 'latest', { enabled: true });

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function handlers(calls: string[], overrides: Partial<ShellHandlers> = {}): ShellHandlers {
  return {
    'files:openDialog': async (input) => {
      calls.push(`open:${String(input.multiple)}`);
      return { files: [], rejected: [] };
    },
    'files:saveDialog': async (input) => {
      calls.push(`save:${input.kind}`);
      return null;
    },
    'files:forget': async () => ({ forgotten: false }),
    'app:getUpdateState': async () => state,
    'app:checkForUpdates': async () => ({ ...state, status: 'checking' as const }),
    'app:installUpdate': async () => state,
    'system:getNotices': async () => [],
    ...overrides,
  };
}

function bind(overrides: Partial<ShellHandlers> = {}) {
  const ipcMain = fakeIpcMain();
  const calls: string[] = [];
  const forwarded: string[] = [];
  bindIpc(ipcMain, {
    forward: async (channel) => {
      forwarded.push(channel);
      return { ok: true, value: null };
    },
    isTrustedSender: (event) => isTrustedSender(event),
    shell: handlers(calls, overrides),
  });
  return { ipcMain, calls, forwarded };
}

describe('shell channels over the one invoke channel', () => {
  it('do not collide with the contract’s channels or events', () => {
    for (const name of Object.keys(shellChannels)) expect(channelNames).not.toContain(name);
    for (const name of SHELL_EVENT_NAMES.filter((n) => n !== 'menu:command'))
      expect(eventNames).not.toContain(name);
  });

  it('are answered by main, with input defaults applied, never forwarded to core', async () => {
    const { ipcMain, calls, forwarded } = bind();
    expect(await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'files:openDialog', {})).toEqual({
      ok: true,
      value: { files: [], rejected: [] },
    });
    expect(await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'app:getUpdateState', undefined)).toEqual({
      ok: true,
      value: state,
    });
    expect(calls).toEqual(['open:true']);
    expect(forwarded).toEqual([]);
  });

  it('get the same sender check as core’s channels', async () => {
    const { ipcMain, calls } = bind();
    for (const event of [senderEvent('https://evil.example/'), senderEvent(APP, { subframe: true })]) {
      expect(await ipcMain.invoke(event, INVOKE_CHANNEL, 'files:openDialog', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('validate their input before any dialog opens', async () => {
    const { ipcMain, calls } = bind();
    for (const input of [
      { kind: 'exe', suggestedName: 'x' },
      { kind: 'csv' },
      { kind: 'csv', suggestedName: 'a', path: '/etc' },
    ]) {
      const reply = await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'files:saveDialog', input);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(
      await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'files:forget', { token: '../x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(calls).toEqual([]);
  });

  it('check what main answers, and turn a throw into a Result', async () => {
    const { ipcMain } = bind({
      'app:getUpdateState': async () => ({ ...state, status: 'exploded' }) as never,
      'app:installUpdate': () => Promise.reject(new Error('no updater')),
    });
    expect(await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'app:getUpdateState', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'Main returned an invalid reply for app:getUpdateState' },
    });
    expect(await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'app:installUpdate', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'Unexpected error: no updater' },
    });
  });

  it('are unknown when main offers none', async () => {
    const ipcMain = fakeIpcMain();
    bindIpc(ipcMain, { forward: async () => ({ ok: true, value: 1 }), isTrustedSender: () => true });
    expect(await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'files:openDialog', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });
});

describe('dropped files', () => {
  function setup() {
    const dir = tempDir('steward-drop-');
    cleanups.push(() => dir.remove());
    const csv = join(dir.path, 'products.csv');
    writeFileSync(csv, 'sku\n1\n');
    const ipcMain = fakeIpcMain();
    const contents = fakeWebContents(APP);
    const events = createEventSender(() => contents);
    const table = createFileTokenTable({ platform: process.platform });
    const pending: Array<Promise<unknown>> = [];
    const warnings: string[] = [];
    const unbind = bindDropIpc(ipcMain, {
      isTrustedSender: (event) => isTrustedSender(event),
      onPaths: (paths) => {
        pending.push(
          table.registerReadable(paths).then((chosen) => events.shell(FILES_DROPPED_EVENT, chosen)),
        );
      },
      log: (_level, msg) => warnings.push(msg),
    });
    return { ipcMain, contents, table, pending, csv, dir: dir.path, warnings, unbind };
  }

  it('turn paths from the preload into tokens the page receives as an event', async () => {
    const { ipcMain, contents, table, pending, csv, dir } = setup();
    ipcMain.send(senderEvent(APP), DROP_CHANNEL, [csv, join(dir, 'setup.exe')]);
    await Promise.all(pending);
    expect(contents.sent).toHaveLength(1);
    const [channel, event, payload] = [contents.sent[0]?.channel, ...(contents.sent[0]?.args ?? [])];
    expect(channel).toBe(EVENT_CHANNEL);
    expect(event).toBe(FILES_DROPPED_EVENT);
    const chosen = payload as {
      files: Array<{ token: string; name: string; size: number }>;
      rejected: unknown[];
    };
    expect(chosen.files).toEqual([{ token: expect.stringMatching(/^ft_/), name: 'products.csv', size: 6 }]);
    expect(chosen.rejected).toEqual([{ name: 'setup.exe', reason: expect.stringMatching(/Only/) }]);
    expect(JSON.stringify(contents.sent)).not.toContain(dir);
    expect(await table.resolve(chosen.files[0]?.token, 'read')).toMatch(/products\.csv$/);
  });

  it('refuse drops from untrusted senders and malformed messages', async () => {
    const { ipcMain, pending, csv, warnings, unbind } = setup();
    ipcMain.send(senderEvent('https://evil.example/'), DROP_CHANNEL, [csv]);
    ipcMain.send(senderEvent(APP, { subframe: true }), DROP_CHANNEL, [csv]);
    ipcMain.send(senderEvent(APP), DROP_CHANNEL, csv);
    ipcMain.send(senderEvent(APP), DROP_CHANNEL, [csv, 42]);
    ipcMain.send(senderEvent(APP), DROP_CHANNEL, []);
    ipcMain.send(
      senderEvent(APP),
      DROP_CHANNEL,
      Array.from({ length: MAX_DROPPED_PATHS + 1 }, () => csv),
    );
    expect(pending).toEqual([]);
    expect(warnings.filter((w) => w.includes('untrusted'))).toHaveLength(2);
    unbind();
    ipcMain.send(senderEvent(APP), DROP_CHANNEL, [csv]);
    expect(pending).toEqual([]);
  });
});

describe('shell events', () => {
  it('validate their payloads', () => {
    expect(checkShellEvent(FILES_DROPPED_EVENT, { files: [], rejected: [] })).not.toBeNull();
    expect(
      checkShellEvent(FILES_DROPPED_EVENT, { files: [{ token: 'x', name: 'a', size: 1 }], rejected: [] }),
    ).toBeNull();
    expect(checkShellEvent(FILES_DROPPED_EVENT, { files: [], rejected: [], paths: ['/etc'] })).toBeNull();
    expect(checkShellEvent(UPDATE_STATE_EVENT, state)).toEqual({ event: UPDATE_STATE_EVENT, payload: state });
    expect(checkShellEvent(UPDATE_STATE_EVENT, { ...state, status: 'nope' })).toBeNull();
    expect(
      checkShellEvent(SYSTEM_NOTICE_EVENT, { id: 'a', level: 'warning', title: 't', message: 'm' }),
    ).not.toBeNull();
    expect(
      checkShellEvent(SYSTEM_NOTICE_EVENT, { id: 'a', level: 'panic', title: 't', message: 'm' }),
    ).toBeNull();
  });

  it('can never be raised by core', () => {
    const contents = fakeWebContents(APP);
    const events = createEventSender(() => contents);
    expect(events.core(FILES_DROPPED_EVENT, { files: [], rejected: [] })).toBe(false);
    expect(events.core(UPDATE_STATE_EVENT, state)).toBe(false);
    expect(events.shell(UPDATE_STATE_EVENT, state)).toBe(true);
    expect(contents.sent).toHaveLength(1);
  });
});
