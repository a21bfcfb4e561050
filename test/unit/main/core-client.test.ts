import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain';
import { createCoreClient, shouldRestart } from '../../../src/main/core-client';
import type { CoreClient, HostProcess } from '../../../src/main/core-client';
import { inMemoryHost, manualTimers, tempDir } from './fakes';
import type { InMemoryHost } from './fakes';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A client whose spawn starts in-memory hosts (real core-host runtime + real core) on one data folder. */
function setup(options: { now?: () => number; maxRestarts?: number } = {}) {
  const dir = tempDir();
  const hosts: InMemoryHost[] = [];
  const events: Array<[string, unknown]> = [];
  const failures: string[] = [];
  const client: CoreClient = createCoreClient({
    spawn: () => {
      const host = inMemoryHost(dir.path);
      hosts.push(host);
      return host.process;
    },
    onEvent: (event, payload) => events.push([event, payload]),
    onFailed: (reason) => failures.push(reason),
    restartPolicy: { maxRestarts: options.maxRestarts ?? 3, windowMs: 60_000 },
    ...(options.now ? { now: options.now } : {}),
  });
  cleanups.push(
    () => dir.remove(),
    async () => {
      await client.close();
      for (const host of hosts) await host.crash(0);
    },
  );
  return { client, hosts, events, failures, dataDir: dir.path };
}

describe('shouldRestart', () => {
  const policy = { maxRestarts: 3, windowMs: 60_000 };
  it('allows a few crashes per window, then stops', () => {
    expect(shouldRestart([1000], 1000, policy)).toBe(true);
    expect(shouldRestart([1000, 2000, 3000], 3000, policy)).toBe(true);
    expect(shouldRestart([1000, 2000, 3000, 4000], 4000, policy)).toBe(false);
  });
  it('forgets crashes older than the window', () => {
    expect(shouldRestart([0, 1000, 2000, 70_000], 70_000, policy)).toBe(true);
  });
});

describe('createCoreClient', () => {
  it('calls core through the host and forwards its events', async () => {
    const { client, events, dataDir } = setup();
    expect(await client.invoke('app:getInfo', {})).toMatchObject({ ok: true, value: { dataDir } });
    expect(await client.invoke('settings:update', { theme: 'dark' })).toMatchObject({ ok: true });
    await expect.poll(() => events).toEqual([['settings:changed', { ...DEFAULT_SETTINGS, theme: 'dark' }]]);
  });

  it('fails in-flight calls when the host dies, restarts it, and the data survives', async () => {
    const { client, hosts } = setup();
    expect(await client.invoke('settings:update', { theme: 'light' })).toMatchObject({ ok: true });
    const inFlight = client.invoke('settings:get', {});
    await hosts[0]?.crash(1);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(client.restarts()).toBe(1);
    expect(hosts).toHaveLength(2);
    expect(await client.invoke('settings:get', {})).toEqual({
      ok: true,
      value: { ...DEFAULT_SETTINGS, theme: 'light' },
    });
  });

  it('gives up after too many crashes and says so on every call', async () => {
    const { client, hosts, failures } = setup({ now: () => 1000, maxRestarts: 2 });
    for (let i = 0; i < 3; i += 1) await hosts[i]?.crash(1);
    expect(hosts).toHaveLength(3);
    expect(client.state()).toBe('failed');
    expect(failures).toHaveLength(1);
    const reply = await client.invoke('settings:get', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect((reply as { error: { message: string } }).error.message).toContain('Restart PIM Steward');
  });

  it('ignores messages from a host it has replaced', async () => {
    // Scripted utility processes: the test decides what each one says and when it exits.
    const procs: Array<{ sent: unknown[]; message?: (m: unknown) => void; exit?: (code: number) => void }> =
      [];
    const client = createCoreClient({
      spawn: () => {
        const proc: (typeof procs)[number] = { sent: [] };
        procs.push(proc);
        return {
          postMessage: (m) => void proc.sent.push(m),
          onMessage: (listener) => void (proc.message = listener),
          onExit: (listener) => void (proc.exit = listener),
          kill: () => true,
        };
      },
      onEvent: () => undefined,
      timers: manualTimers(),
    });
    const first = client.invoke('settings:get', {});
    procs[0]?.exit?.(1);
    expect(await first).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const second = client.invoke('settings:get', {});
    expect(procs[1]?.sent).toEqual([{ type: 'invoke', id: 2, channel: 'settings:get', input: {} }]);
    procs[0]?.message?.({ type: 'reply', id: 2, result: { ok: true, value: 'stale' } });
    procs[1]?.message?.({ type: 'reply', id: 2, result: { ok: true, value: 'fresh' } });
    expect(await second).toEqual({ ok: true, value: 'fresh' });
  });

  it('shuts the host down gracefully on close, then refuses calls', async () => {
    const { client, hosts } = setup();
    await client.invoke('settings:get', {});
    await client.close();
    expect(hosts[0]?.received.at(-1)).toEqual({ type: 'shutdown' });
    expect(hosts[0]?.exited()).toBe(true);
    expect(client.state()).toBe('closed');
    expect(hosts).toHaveLength(1);
    expect(await client.invoke('settings:get', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('kills a host that does not exit after the grace period', async () => {
    const timers = manualTimers();
    const exitListeners: Array<(code: number) => void> = [];
    let killed = 0;
    const stuck: HostProcess = {
      postMessage: () => undefined,
      onMessage: () => undefined,
      onExit: (listener) => void exitListeners.push(listener),
      kill: () => {
        killed += 1;
        return true;
      },
    };
    const client = createCoreClient({
      spawn: () => stuck,
      onEvent: () => undefined,
      timers,
      shutdownGraceMs: 5000,
    });
    const closed = client.close();
    timers.advance(4999);
    expect(killed).toBe(0);
    timers.advance(1);
    expect(killed).toBe(1);
    await closed;
    expect(client.state()).toBe('closed');
  });

  it('reports a host that cannot be spawned', async () => {
    const failures: string[] = [];
    const client = createCoreClient({
      spawn: () => {
        throw new Error('core-host.js not found');
      },
      onEvent: () => undefined,
      onFailed: (reason) => failures.push(reason),
    });
    expect(client.state()).toBe('failed');
    expect(failures).toEqual(['Core could not be started: core-host.js not found']);
    expect(await client.invoke('settings:get', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
