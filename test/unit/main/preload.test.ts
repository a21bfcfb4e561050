import { runInNewContext } from 'node:vm';
import { resolve } from 'node:path';
import { build } from 'vite';
import type { Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../src/main/ipc-channels';

const PRELOAD_ENTRY = resolve(import.meta.dirname, '../../../src/preload/index.ts');

/** Bundles the preload the way the desktop build does: one CommonJS file, only `electron` external. */
async function bundlePreload(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: PRELOAD_ENTRY, formats: ['cjs'], fileName: 'index' },
      rollupOptions: { external: ['electron'], output: { inlineDynamicImports: true } },
    },
  })) as Rollup.RollupOutput[];
  const chunks = output.flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  expect(chunks).toHaveLength(1);
  return chunks[0]?.code ?? '';
}

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A fake `electron` module as a sandboxed preload sees it: contextBridge and ipcRenderer. */
function fakeElectron() {
  const exposed: Array<{ key: string; api: Record<string, unknown> }> = [];
  const invocations: unknown[][] = [];
  const listeners: Array<{ channel: string; listener: Listener }> = [];
  let reply: (args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: 'pong' });
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => void exposed.push({ key, api }),
    },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        invocations.push([channel, ...args]);
        return reply(args);
      },
      on: (channel: string, listener: Listener) => void listeners.push({ channel, listener }),
    },
  };
  return {
    electron,
    exposed,
    invocations,
    listeners,
    setReply: (fn: typeof reply) => (reply = fn),
    /** Main sending an event on the event channel. */
    emit: (...args: unknown[]) => {
      for (const l of listeners)
        if (l.channel === EVENT_CHANNEL) l.listener({ sender: 'ipc-event' }, ...args);
    },
  };
}

interface Bridge {
  invoke(channel: unknown, input?: unknown): Promise<unknown>;
  on(event: unknown, listener: unknown): () => void;
}

describe('preload bundle', () => {
  let code = '';
  beforeAll(async () => {
    code = await bundlePreload();
  }, 60_000);

  function load() {
    const fake = fakeElectron();
    const required: string[] = [];
    const module = { exports: {} };
    // The sandboxed preload's require knows `electron` (and a few Node shims we do not use).
    const sandboxRequire = (name: string): unknown => {
      required.push(name);
      if (name === 'electron') return fake.electron;
      throw new Error(`module not found in a sandboxed preload: ${name}`);
    };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    const api = fake.exposed[0]?.api as unknown as Bridge;
    return { ...fake, api, required };
  }

  it('is self-contained: it requires nothing but electron', () => {
    const { required } = load();
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes exactly window.steward = { invoke, on }, and never ipcRenderer', () => {
    const { exposed, listeners } = load();
    expect(exposed.map((e) => e.key)).toEqual(['steward']);
    const api = exposed[0]?.api ?? {};
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(listeners.map((l) => l.channel)).toEqual([EVENT_CHANNEL]);
  });

  it('invoke goes to the one invoke channel and returns main’s Result', async () => {
    const { api, invocations } = load();
    expect(await api.invoke('settings:get', {})).toEqual({ ok: true, value: 'pong' });
    expect(invocations).toEqual([[INVOKE_CHANNEL, 'settings:get', {}]]);
  });

  it('invoke refuses a non-string channel without IPC, and never throws', async () => {
    const { api, invocations, setReply } = load();
    for (const channel of [42, null, undefined, { toString: () => 'settings:get' }, '']) {
      expect(await api.invoke(channel, {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(invocations).toEqual([]);
    setReply(() => Promise.reject(new Error('An object could not be cloned.')));
    expect(await api.invoke('settings:update', { theme: () => 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('could not be cloned') },
    });
  });

  it('on delivers only the payload of its event, and returns an unsubscribe', () => {
    const { api, emit } = load();
    const got: unknown[] = [];
    const other: unknown[] = [];
    const off = api.on('settings:changed', (payload: unknown) => got.push(payload));
    api.on('status:changed', (payload: unknown) => other.push(payload));
    expect(typeof off).toBe('function');
    emit('settings:changed', { theme: 'dark' });
    emit('activity:updated', { id: 1 });
    emit(42, {});
    expect(got).toEqual([{ theme: 'dark' }]);
    expect(other).toEqual([]);
    off();
    emit('settings:changed', { theme: 'light' });
    expect(got).toEqual([{ theme: 'dark' }]);
  });

  it('on delivers menu commands and keeps other listeners when one throws', () => {
    const { api, emit } = load();
    const got: unknown[] = [];
    const errors = console.error;
    console.error = () => undefined;
    try {
      api.on('menu:command', () => {
        throw new Error('listener bug');
      });
      api.on('menu:command', (payload: unknown) => got.push(payload));
      emit('menu:command', { command: 'sync:now' });
    } finally {
      console.error = errors;
    }
    expect(got).toEqual([{ command: 'sync:now' }]);
  });

  it('on refuses names outside the contract and non-function listeners', () => {
    const { api } = load();
    expect(() => api.on('steward:invoke', () => undefined)).toThrow(/Unknown event/);
    expect(() => api.on('__proto__', () => undefined)).toThrow(/Unknown event/);
    // Thrown in the preload's realm, so matched by message rather than by class.
    expect(() => api.on(42, () => undefined)).toThrow(/event name must be a string/);
    expect(() => api.on('settings:changed', 'not a function')).toThrow(/listener must be a function/);
  });
});
