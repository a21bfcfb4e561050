import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/index';
import type { Core } from '../../../src/core/index';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain';
import type { Dispatch } from '../../../src/shared/rpc';
import { createCoreEndpoint, createCorePeer } from '../../../src/main/core-peer';
import type { CorePeer } from '../../../src/main/core-peer';
import { manualTimers, tempDir } from './fakes';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function realCore(): Promise<Core> {
  const dir = tempDir();
  const core = await createCore({ dataDir: dir.path });
  cleanups.push(
    () => dir.remove(),
    () => core.close(),
  );
  return core;
}

/** Peer and endpoint joined by structured-clone, asynchronous delivery (like a process boundary). */
function pair(
  dispatch: Dispatch | Promise<Dispatch>,
  options: { timeoutMs?: number; timers?: ReturnType<typeof manualTimers> } = {},
) {
  const events: Array<[string, unknown]> = [];
  const endpoint = createCoreEndpoint({
    dispatch,
    send: (frame) => {
      const copy = structuredClone(frame);
      setImmediate(() => peer.receive(copy));
    },
  });
  const peer: CorePeer = createCorePeer({
    send: (frame) => {
      const copy = structuredClone(frame);
      setImmediate(() => void endpoint.receive(copy));
    },
    onEvent: (event, payload) => events.push([event, payload]),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  return { peer, endpoint, events };
}

describe('core peer and endpoint, in memory, over a real core', () => {
  it('correlates concurrent calls with their replies', async () => {
    const core = await realCore();
    const { peer } = pair(core.dispatch);
    const [settings, updated, activity, bad] = await Promise.all([
      peer.invoke('settings:get', {}),
      peer.invoke('settings:update', { theme: 'light' }),
      peer.invoke('activity:list', { limit: 5 }),
      peer.invoke('settings:update', { theme: 42 }),
    ]);
    expect(settings).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(updated).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, theme: 'light' } });
    expect(activity).toEqual({ ok: true, value: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(peer.pendingCount()).toBe(0);
  });

  it('forwards core events to main', async () => {
    const core = await realCore();
    const { peer, endpoint, events } = pair(core.dispatch);
    core.onEvent((event, payload) => endpoint.emit(event, payload));
    await peer.invoke('settings:update', { theme: 'dark' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual([['settings:changed', { ...DEFAULT_SETTINGS, theme: 'dark' }]]);
  });

  it('holds calls made while core is still starting', async () => {
    let release: (d: Dispatch) => void = () => undefined;
    const starting = new Promise<Dispatch>((resolve) => (release = resolve));
    const { peer } = pair(starting);
    const call = peer.invoke('settings:get', {});
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(peer.pendingCount()).toBe(1);
    release((await realCore()).dispatch);
    expect(await call).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });
});

describe('createCorePeer', () => {
  it('times out a call core never answers, and ignores the late reply', async () => {
    const timers = manualTimers();
    const sent: unknown[] = [];
    const peer = createCorePeer({
      send: (f) => sent.push(f),
      onEvent: () => undefined,
      timeoutMs: 1000,
      timers,
    });
    const call = peer.invoke('settings:get', {});
    expect(sent).toEqual([{ type: 'invoke', id: 1, channel: 'settings:get', input: {} }]);
    timers.advance(999);
    expect(peer.pendingCount()).toBe(1);
    timers.advance(1);
    expect(await call).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Core did not answer settings:get within 1 s.' },
    });
    peer.receive({ type: 'reply', id: 1, result: { ok: true, value: 'late' } });
    expect(peer.pendingCount()).toBe(0);
    expect(timers.pending()).toBe(0);
  });

  it('uses a per-channel timeout', async () => {
    const timers = manualTimers();
    const peer = createCorePeer({
      send: () => undefined,
      onEvent: () => undefined,
      timeoutMs: (channel) => (channel === 'app:getInfo' ? 100 : 5000),
      timers,
    });
    const fast = peer.invoke('app:getInfo', {});
    const slow = peer.invoke('settings:get', {});
    timers.advance(100);
    expect(await fast).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(peer.pendingCount()).toBe(1);
    timers.advance(4900);
    expect(await slow).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('answers at once when the host cannot be reached', async () => {
    const timers = manualTimers();
    const peer = createCorePeer({
      send: () => {
        throw new Error('The utility process has exited');
      },
      onEvent: () => undefined,
      timers,
    });
    expect(await peer.invoke('settings:get', {})).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'Core is not running: Unexpected error: The utility process has exited',
      },
    });
    expect(timers.pending()).toBe(0);
  });

  it('fails every pending call when the host dies', async () => {
    const peer = createCorePeer({ send: () => undefined, onEvent: () => undefined, timers: manualTimers() });
    const calls = [peer.invoke('settings:get', {}), peer.invoke('app:getInfo', {})];
    peer.failAll({ code: 'unavailable', message: 'Core stopped' });
    expect(await Promise.all(calls)).toEqual([
      { ok: false, error: { code: 'unavailable', message: 'Core stopped' } },
      { ok: false, error: { code: 'unavailable', message: 'Core stopped' } },
    ]);
  });

  it('drops malformed frames from the host', () => {
    const events: unknown[] = [];
    const logged: string[] = [];
    const peer = createCorePeer({
      send: () => undefined,
      onEvent: (e) => events.push(e),
      timers: manualTimers(),
      log: (_l, msg) => logged.push(msg),
    });
    const pending = peer.invoke('settings:get', {});
    for (const frame of [
      null,
      'reply',
      { type: 'reply', id: 1 },
      { type: 'reply', id: 1, result: { ok: 'yes' } },
      { type: 'event' },
      { type: 'nope' },
    ]) {
      peer.receive(frame);
    }
    expect(peer.pendingCount()).toBe(1);
    expect(events).toEqual([]);
    expect(logged).toHaveLength(6);
    peer.failAll({ code: 'unavailable', message: 'end' });
    return pending;
  });
});

describe('createCoreEndpoint', () => {
  it('answers malformed frames with invalid_input and survives a throwing dispatch', async () => {
    const replies: unknown[] = [];
    const endpoint = createCoreEndpoint({
      dispatch: () => Promise.reject(new Error('boom')),
      send: (frame) => replies.push(frame),
    });
    await endpoint.receive({ type: 'invoke', id: 7, channel: 'x'.repeat(101), input: {} });
    await endpoint.receive({ garbage: true });
    await endpoint.receive({ type: 'invoke', id: 8, channel: 'settings:get', input: {} });
    expect(replies).toEqual([
      {
        type: 'reply',
        id: 7,
        result: { ok: false, error: { code: 'invalid_input', message: 'Malformed request frame.' } },
      },
      {
        type: 'reply',
        id: -1,
        result: { ok: false, error: { code: 'invalid_input', message: 'Malformed request frame.' } },
      },
      {
        type: 'reply',
        id: 8,
        result: { ok: false, error: { code: 'internal', message: 'Unexpected error: boom' } },
      },
    ]);
  });

  it('calls onShutdown for a shutdown frame', async () => {
    let shutdown = 0;
    const endpoint = createCoreEndpoint({
      dispatch: async () => ({ ok: true, value: 1 }),
      send: () => undefined,
      onShutdown: () => shutdown++,
    });
    await endpoint.receive({ type: 'shutdown' });
    expect(shutdown).toBe(1);
  });
});
