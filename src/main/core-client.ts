/**
 * Main's handle on the core host: spawns it, correlates calls through a core peer, restarts it when
 * it dies (a few times, then gives up with a clear error), and shuts it down gracefully.
 * The process is injected (`spawn`), so this runs in tests with an in-memory host.
 */
import type { Result } from '../shared/result';
import { createCorePeer } from './core-peer';
import type { ShutdownFrame } from './core-peer';
import type { Log } from './ipc';
import type { Timers } from './window-state-store';

/** The part of an Electron `UtilityProcess` the client uses (adapted in index.ts). */
export interface HostProcess {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): boolean;
}

export interface RestartPolicy {
  /** Restarts allowed within `windowMs`; one more crash in that window and the client gives up. */
  maxRestarts: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 3, windowMs: 60_000 };
export const SHUTDOWN_GRACE_MS = 5_000;

/** `exits` are the times of past crashes, the latest included. */
export function shouldRestart(exits: readonly number[], now: number, policy: RestartPolicy): boolean {
  const recent = exits.filter((t) => now - t < policy.windowMs).length;
  return recent <= policy.maxRestarts;
}

export type CoreClientState = 'running' | 'failed' | 'closed';

export interface CoreClient {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
  state(): CoreClientState;
  restarts(): number;
}

export interface CoreClientOptions {
  spawn: () => HostProcess;
  onEvent: (event: string, payload: unknown) => void;
  /** Called once when the client gives up restarting. */
  onFailed?: (reason: string) => void;
  timeoutMs?: number | ((channel: string) => number);
  restartPolicy?: RestartPolicy;
  shutdownGraceMs?: number;
  timers?: Timers;
  now?: () => number;
  log?: Log;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createCoreClient(options: CoreClientOptions): CoreClient {
  const timers = options.timers ?? defaultTimers;
  const now = options.now ?? Date.now;
  const policy = options.restartPolicy ?? DEFAULT_RESTART_POLICY;
  const log = options.log;
  const exits: number[] = [];
  let child: HostProcess | null = null;
  let state: CoreClientState = 'running';
  let failure = '';
  let restarts = 0;
  let onClosed: (() => void) | null = null;

  const peer = createCorePeer({
    send: (frame) => {
      if (!child) throw new Error('the core host is not running');
      child.postMessage(frame);
    },
    onEvent: options.onEvent,
    timers,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(log ? { log } : {}),
  });

  const giveUp = (reason: string): void => {
    state = 'failed';
    failure = reason;
    log?.('error', reason);
    options.onFailed?.(reason);
  };

  const handleExit = (current: HostProcess, code: number): void => {
    if (child !== current) return;
    child = null;
    if (state === 'closed') {
      onClosed?.();
      return;
    }
    peer.failAll({ code: 'unavailable', message: `Core stopped unexpectedly (exit code ${code}); restarting it.` });
    exits.push(now());
    if (!shouldRestart(exits, now(), policy)) {
      giveUp(`Core stopped ${exits.length} times; it was not restarted again. Restart PIM Steward.`);
      return;
    }
    restarts += 1;
    log?.('warn', `core host exited with code ${code}; restart ${restarts}`);
    start();
  };

  function start(): void {
    let current: HostProcess;
    try {
      current = options.spawn();
    } catch (err) {
      giveUp(`Core could not be started: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    child = current;
    current.onMessage((message) => {
      // A late message from a replaced host must not answer the new host's calls.
      if (child === current) peer.receive(message);
    });
    current.onExit((code) => handleExit(current, code));
  }

  start();

  return {
    invoke(channel, input) {
      if (state !== 'running') {
        const message = state === 'failed' ? failure : 'PIM Steward is shutting down.';
        return Promise.resolve({ ok: false, error: { code: 'unavailable', message } });
      }
      return peer.invoke(channel, input);
    },
    close() {
      if (state === 'closed') return Promise.resolve();
      state = 'closed';
      const current = child;
      if (!current) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const killTimer = timers.setTimeout(() => {
          log?.('warn', 'core host did not exit in time; killing it');
          current.kill();
          // Quitting must not hang on a host that does not even report its exit.
          child = null;
          onClosed?.();
        }, options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
        onClosed = () => {
          timers.clearTimeout(killTimer);
          peer.failAll({ code: 'unavailable', message: 'PIM Steward is shutting down.' });
          resolve();
        };
        try {
          const frame: ShutdownFrame = { type: 'shutdown' };
          current.postMessage(frame);
        } catch {
          current.kill();
        }
      });
    },
    state: () => state,
    restarts: () => restarts,
  };
}
