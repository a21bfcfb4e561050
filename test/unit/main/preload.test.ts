import { runInNewContext } from 'node:vm';
import { resolve } from 'node:path';
import { build } from 'vite';
import type { Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { DROP_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../src/main/ipc-channels';

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
  const sent: unknown[][] = [];
  const paths = new Map<unknown, string>();
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
      send: (channel: string, ...args: unknown[]) => void sent.push([channel, ...args]),
    },
    // Only files the OS gave the page have a path; a File made by a script gets ''.
    webUtils: { getPathForFile: (file: unknown) => paths.get(file) ?? '' },
  };
  return {
    electron,
    exposed,
    invocations,
    sent,
    paths,
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
    // The window's event target, as the preload's global sees it.
    const windowListeners: Array<{ type: string; listener: (event: unknown) => void; capture: unknown }> = [];
    const addEventListener = (type: string, listener: (event: unknown) => void, capture?: unknown) =>
      void windowListeners.push({ type, listener, capture });
    // The sandboxed preload's require knows `electron` (and a few Node shims we do not use).
    const sandboxRequire = (name: string): unknown => {
      required.push(name);
      if (name === 'electron') return fake.electron;
      throw new Error(`module not found in a sandboxed preload: ${name}`);
    };
    runInNewContext(code, {
      require: sandboxRequire,
      module,
      exports: module.exports,
      console,
      addEventListener,
    });
    const api = fake.exposed[0]?.api as unknown as Bridge;
    const fire = (type: string, event: Record<string, unknown>) => {
      let prevented = false;
      const full = { ...event, preventDefault: () => void (prevented = true) };
      for (const l of windowListeners) if (l.type === type) l.listener(full);
      return prevented;
    };
    return { ...fake, api, required, windowListeners, fire };
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

  it('sends the paths of files the user dropped to main, and gives the page nothing', () => {
    const { api, paths, sent, fire, windowListeners, exposed } = load();
    expect(windowListeners.map((l) => [l.type, l.capture])).toEqual([
      ['dragover', true],
      ['drop', true],
    ]);
    const a = { name: 'products.csv' };
    const b = { name: 'images.zip' };
    const scripted = { name: 'forged.csv' };
    paths.set(a, '/home/u/products.csv');
    paths.set(b, '/home/u/images.zip');
    const dataTransfer = { types: ['Files'], files: [a, scripted, b] };
    expect(fire('dragover', { isTrusted: true, dataTransfer })).toBe(true);
    expect(fire('drop', { isTrusted: true, dataTransfer })).toBe(true);
    expect(sent).toEqual([[DROP_CHANNEL, ['/home/u/products.csv', '/home/u/images.zip']]]);
    // Still only invoke and on for the page.
    expect(Object.keys(exposed[0]?.api ?? {}).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.on).toBe('function');
  });

  it('ignores synthetic drops, drops without files, and files without a path', () => {
    const { paths, sent, fire } = load();
    const a = { name: 'a.csv' };
    paths.set(a, '/home/u/a.csv');
    fire('drop', { isTrusted: false, dataTransfer: { types: ['Files'], files: [a] } });
    expect(fire('drop', { isTrusted: true, dataTransfer: { types: ['text/plain'], files: [] } })).toBe(false);
    expect(fire('dragover', { isTrusted: true, dataTransfer: { types: ['text/uri-list'] } })).toBe(false);
    fire('drop', {
      isTrusted: true,
      dataTransfer: { types: ['Files'], files: [{ name: 'made-by-script.csv' }] },
    });
    fire('drop', { isTrusted: true, dataTransfer: null });
    expect(sent).toEqual([]);
  });

  it('lets the page subscribe to the shell’s own events', () => {
    const { api, emit } = load();
    const got: unknown[] = [];
    for (const name of ['files:dropped', 'app:updateState', 'system:notice']) {
      api.on(name, (payload: unknown) => got.push([name, payload]));
    }
    emit('files:dropped', { files: [], rejected: [] });
    expect(got).toEqual([['files:dropped', { files: [], rejected: [] }]]);
  });
});
