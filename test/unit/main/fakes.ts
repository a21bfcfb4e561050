/**
 * Small fakes of the Electron objects the shell talks to (the Electron binary cannot run here).
 * Nothing of our own code is faked: the core behind the in-memory host is the real one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../src/core/index';
import type { Core } from '../../../src/core/index';
import type { HostProcess } from '../../../src/main/core-client';
import { runCoreHost } from '../../../src/main/core-host-runtime';
import type { ParentPortLike, RunningHost } from '../../../src/main/core-host-runtime';
import type { ServiceCaller } from '../../../src/main/host-services';
import type { SafeStorageLike } from '../../../src/main/safe-storage-secrets';
import type { UpdaterLike } from '../../../src/main/update-controller';
import type { Timers } from '../../../src/main/window-state-store';

export function tempDir(prefix = 'steward-main-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Timers that only fire when the test advances the clock. */
export function manualTimers(): Timers & { advance(ms: number): void; pending(): number; now(): number } {
  let now = 0;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout(fn, ms) {
      const handle = nextHandle++;
      timers.set(handle, { at: now + ms, fn });
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
    pending: () => timers.size,
    now: () => now,
  };
}

/** What an IpcMainInvokeEvent carries about its sender. */
export function senderEvent(url: string, options: { subframe?: boolean; noFrame?: boolean } = {}) {
  if (options.noFrame) return { senderFrame: null };
  return { senderFrame: { url, parent: options.subframe ? { url } : null } };
}

type Handler = (event: never, ...args: unknown[]) => unknown;

type Listener = (event: never, ...args: unknown[]) => void;

/** ipcMain: records `handle` and `on` registrations and lets a test call them like a renderer would. */
export function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Listener[]>();
  return {
    handlers,
    listeners,
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    removeListener(channel: string, listener: Listener) {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      );
    },
    /** Like `ipcRenderer.send`: arguments are structured-cloned, there is no reply. */
    send(event: unknown, channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener(event as never, ...structuredClone(args));
    },
    handle(channel: string, listener: Handler) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    /** Mirrors Electron: arguments are structured-cloned on the way in and the reply on the way out. */
    async invoke(event: unknown, channel: string, ...args: unknown[]): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler(event as never, ...structuredClone(args)));
    },
  };
}

/** A webContents that records what it was sent. */
export function fakeWebContents(url: string) {
  const sent: Array<{ channel: string; args: unknown[] }> = [];
  let destroyed = false;
  let currentUrl = url;
  return {
    sent,
    isDestroyed: () => destroyed,
    destroy: () => {
      destroyed = true;
    },
    getURL: () => currentUrl,
    navigate: (next: string) => {
      currentUrl = next;
    },
    send(channel: string, ...args: unknown[]) {
      sent.push({ channel, args: structuredClone(args) });
    },
  };
}

export interface InMemoryHost {
  process: HostProcess;
  running: RunningHost;
  /** The host dies as a crashed process would (core's database handle is released). */
  crash(code: number): Promise<void>;
  exited(): boolean;
  received: unknown[];
}

/**
 * A stand-in for `utilityProcess.fork(core-host.js)`: the real core-host runtime and the real core,
 * with structured-clone message passing and asynchronous delivery like a process boundary.
 */
export function inMemoryHost(
  dataDir: string,
  options: { start?: (services: ServiceCaller) => Promise<Core> } = {},
): InMemoryHost {
  const portListeners: Array<(e: { data: unknown }) => void> = [];
  const messageListeners: Array<(m: unknown) => void> = [];
  const exitListeners: Array<(code: number) => void> = [];
  const received: unknown[] = [];
  let exited = false;

  const exit = async (code: number): Promise<void> => {
    if (exited) return;
    exited = true;
    const core = await running.ready;
    await core?.close().catch(() => undefined);
    for (const listener of exitListeners) listener(code);
  };

  const port: ParentPortLike = {
    on(_event, listener) {
      portListeners.push(listener);
    },
    postMessage(message) {
      if (exited) return;
      const copy = structuredClone(message);
      setImmediate(() => {
        if (!exited) for (const listener of messageListeners) listener(copy);
      });
    },
  };
  const running: RunningHost = runCoreHost({
    port,
    start: options.start ?? (() => createCore({ dataDir })),
    exit: (code) => void exit(code),
  });

  const process: HostProcess = {
    postMessage(message) {
      if (exited) throw new Error('The utility process has exited');
      const copy = structuredClone(message);
      received.push(copy);
      setImmediate(() => {
        for (const listener of portListeners) listener({ data: copy });
      });
    },
    onMessage: (listener) => void messageListeners.push(listener),
    onExit: (listener) => void exitListeners.push(listener),
    kill: () => {
      void exit(15);
      return true;
    },
  };
  return { process, running, crash: exit, exited: () => exited, received };
}

/**
 * Electron's safeStorage: "encrypts" by XOR with a per-instance key behind a version prefix, so
 * ciphertext never contains the plain text, another instance (another OS key) cannot decrypt it,
 * and a flag switches to the async API of Electron 45.
 */
export function fakeSafeStorage(
  options: { available?: boolean; backend?: string; async?: boolean; key?: number; reEncrypt?: boolean } = {},
) {
  const key = options.key ?? 0x5a;
  const state = { available: options.available ?? true, calls: [] as string[] };
  const encrypt = (plain: string): Buffer => {
    if (!state.available) throw new Error('Encryption is not available.');
    return Buffer.concat([
      Buffer.from('v10'),
      Buffer.from([key]),
      Buffer.from(plain, 'utf8').map((b) => b ^ key),
    ]);
  };
  const decrypt = (blob: Buffer): string => {
    if (!state.available) throw new Error('Decryption is not available.');
    // Another OS key (another machine, a reset keyring) cannot decrypt.
    if (blob.subarray(0, 3).toString() !== 'v10' || blob[3] !== key)
      throw new Error('Error while decrypting');
    return Buffer.from(blob.subarray(4).map((b) => b ^ key)).toString('utf8');
  };
  const api: SafeStorageLike = {
    isEncryptionAvailable: () => state.available,
    encryptString: (plain) => {
      state.calls.push('encryptString');
      return encrypt(plain);
    },
    decryptString: (blob) => {
      state.calls.push('decryptString');
      return decrypt(blob);
    },
    ...(options.backend === undefined ? {} : { getSelectedStorageBackend: () => options.backend as string }),
    ...(options.async
      ? {
          isAsyncEncryptionAvailable: async () => state.available,
          encryptStringAsync: async (plain: string) => {
            state.calls.push('encryptStringAsync');
            return encrypt(plain);
          },
          decryptStringAsync: async (blob: Buffer) => {
            state.calls.push('decryptStringAsync');
            return { result: decrypt(blob), shouldReEncrypt: options.reEncrypt ?? false };
          },
        }
      : {}),
  };
  return { api, state };
}

/**
 * electron-updater's autoUpdater: records what the controller sets and calls, and emits its events.
 * Like the real one, setting `channel` turns `allowDowngrade` on.
 */
export function fakeUpdater(options: { failCheck?: Error } = {}) {
  const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  const calls: string[] = [];
  let channel: string | null = null;
  const updater = {
    allowPrerelease: false,
    allowDowngrade: false,
    autoDownload: false,
    autoInstallOnAppQuit: false,
    get channel() {
      return channel;
    },
    set channel(value: string | null) {
      channel = value;
      updater.allowDowngrade = true;
    },
    on(event: string, listener: (...args: unknown[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return updater;
    },
    async checkForUpdates() {
      calls.push('checkForUpdates');
      if (options.failCheck) throw options.failCheck;
      return null;
    },
    quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
      calls.push(`quitAndInstall(${String(isSilent)}, ${String(isForceRunAfter)})`);
    },
  };
  return {
    updater: updater as UpdaterLike,
    raw: updater,
    calls,
    emit(event: string, ...args: unknown[]) {
      for (const listener of listeners.get(event) ?? []) listener(...args);
    },
  };
}
