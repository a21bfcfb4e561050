import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/index';
import type { Core } from '../../../src/core/index';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain';
import type { Channel } from '../../../src/shared/contract';
import {
  bindIpc,
  createEventSender,
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  isTrustedSender,
} from '../../../src/main/ipc';
import { MENU_COMMAND_EVENT } from '../../../src/main/shell-events';
import { fakeIpcMain, fakeWebContents, senderEvent, tempDir } from './fakes';

const APP = 'app://steward/index.html';

describe('bindIpc', () => {
  const dir = tempDir();
  let core: Core;
  const reachedCore: string[] = [];
  const ipcMain = fakeIpcMain();
  const warnings: string[] = [];

  beforeAll(async () => {
    core = await createCore({ dataDir: dir.path });
    bindIpc(ipcMain, {
      forward: (channel: Channel, input: unknown) => {
        reachedCore.push(channel);
        return core.dispatch(channel, input);
      },
      isTrustedSender: (event) => isTrustedSender(event),
      log: (level, msg) => warnings.push(`${level}: ${msg}`),
    });
  });
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('registers exactly one invoke channel', () => {
    expect([...ipcMain.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
  });

  it('forwards a call from the app main frame to core and returns its Result', async () => {
    const reply = await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'settings:get', {});
    expect(reply).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    const info = await ipcMain.invoke(
      senderEvent('app://steward/catalog'),
      INVOKE_CHANNEL,
      'app:getInfo',
      {},
    );
    expect(info).toMatchObject({ ok: true, value: { dataDir: dir.path } });
  });

  it.each([
    ['another origin', senderEvent('https://evil.example.com/')],
    ['a file: page', senderEvent('file:///tmp/index.html')],
    ['a sub-frame of the app', senderEvent(APP, { subframe: true })],
    ['a destroyed frame', senderEvent(APP, { noFrame: true })],
    ['the dev server when not in development', senderEvent('http://localhost:5173/')],
  ])('refuses %s with forbidden, before core', async (_label, event) => {
    const before = reachedCore.length;
    const reply = await ipcMain.invoke(event, INVOKE_CHANNEL, 'settings:get', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(reachedCore.length).toBe(before);
    expect(warnings.at(-1)).toContain('untrusted sender');
  });

  it('refuses a sender whose frame cannot be read', async () => {
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    const reply = await ipcMain.invoke(event, INVOKE_CHANNEL, 'settings:get', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers a malformed payload with a clear invalid_input, without reaching core', async () => {
    const before = reachedCore.length;
    const reply = await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'settings:update', {
      theme: 'purple',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const message = (reply as { error: { message: string } }).error.message;
    expect(message).toContain('settings:update');
    expect(message).toContain('input.theme');
    const extra = await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'activity:list', {
      limit: 10,
      drop: 'table',
    });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(reachedCore.length).toBe(before);
  });

  it('rejects an unknown or non-string channel', async () => {
    const before = reachedCore.length;
    for (const channel of ['app:quit', '__proto__', 'constructor', 42, null]) {
      const reply = await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, channel, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(reachedCore.length).toBe(before);
  });

  it('applies input defaults before forwarding', async () => {
    const reply = await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'activity:list', undefined);
    expect(reply).toEqual({ ok: true, value: [] });
  });
});

describe('bindIpc error handling', () => {
  it('turns a throwing forward into a Result and can be unbound', async () => {
    const ipcMain = fakeIpcMain();
    const unbind = bindIpc(ipcMain, {
      forward: () => Promise.reject(new Error('host crashed')),
      isTrustedSender: (event) => isTrustedSender(event),
    });
    const reply = await ipcMain.invoke(senderEvent(APP), INVOKE_CHANNEL, 'settings:get', {});
    expect(reply).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Unexpected error: host crashed' },
    });
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('trusts the dev server main frame in development', () => {
    expect(isTrustedSender(senderEvent('http://localhost:5173/'), 'http://localhost:5173/')).toBe(true);
    expect(
      isTrustedSender(senderEvent('http://localhost:5173/', { subframe: true }), 'http://localhost:5173/'),
    ).toBe(false);
  });
});

describe('createEventSender', () => {
  it('sends valid core events from a real core to the window', async () => {
    const dir = tempDir();
    const core = await createCore({ dataDir: dir.path });
    const contents = fakeWebContents(APP);
    const events = createEventSender(() => contents);
    core.onEvent((event, payload) => events.core(event, payload));
    await core.dispatch('settings:update', { theme: 'dark' });
    await core.close();
    dir.remove();
    expect(contents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: ['settings:changed', { ...DEFAULT_SETTINGS, theme: 'dark' }] },
    ]);
  });

  it('drops invalid and unknown events', () => {
    const contents = fakeWebContents(APP);
    const logged: string[] = [];
    const events = createEventSender(() => contents, { log: (_level, msg) => logged.push(msg) });
    expect(events.core('settings:changed', { theme: 'neon' })).toBe(false);
    expect(events.core('app:secrets', {})).toBe(false);
    expect(events.core(MENU_COMMAND_EVENT, { command: 'sync:now' })).toBe(false);
    expect(events.shell(MENU_COMMAND_EVENT, { command: 'format-disk' })).toBe(false);
    expect(contents.sent).toEqual([]);
    expect(logged).toHaveLength(4);
  });

  it('sends menu commands as shell events', () => {
    const contents = fakeWebContents(APP);
    const events = createEventSender(() => contents);
    expect(events.shell(MENU_COMMAND_EVENT, { command: 'go:catalog' })).toBe(true);
    expect(contents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: [MENU_COMMAND_EVENT, { command: 'go:catalog' }] },
    ]);
  });

  it('sends nothing to a missing, destroyed or navigated-away window', () => {
    const payload = { ...DEFAULT_SETTINGS };
    expect(createEventSender(() => null).core('settings:changed', payload)).toBe(false);
    const destroyed = fakeWebContents(APP);
    destroyed.destroy();
    expect(createEventSender(() => destroyed).core('settings:changed', payload)).toBe(false);
    const away = fakeWebContents(APP);
    away.navigate('https://evil.example.com/');
    expect(createEventSender(() => away).core('settings:changed', payload)).toBe(false);
    expect([...destroyed.sent, ...away.sent]).toEqual([]);
  });
});
