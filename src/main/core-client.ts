/**
 * Main's handle on the core host: spawns it, correlates calls through a core peer, restarts it when
 * it dies (a few times, then gives up with a clear error), and shuts it down gracefully.
 * The process is injected (`spawn`), so this runs in tests with an in-memory host.
 */
import type { Result } from '../shared/result';
import { createCorePeer } from './core-peer';
import type { ShutdownFrame } from './core-peer';
import { answerServiceRequest, isServiceRequest } from './host-services';
import type { HostServiceHandlers } from './host-services';
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
  /** What the host may ask of main (secrets, file tokens); without it such requests are refused. */
  services?: HostServiceHandlers;
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

/**
 * Asks a host to shut down (core closes SQLite) and waits for it to exit; kills it after `graceMs`
 * so quitting never hangs on a host that is stuck or never reports its exit.
 */
export function stopHost(
  host: HostProcess,
  exited: Promise<void>,
  options: { timers: Timers; graceMs: number; log?: Log | undefined },
): Promise<void> {
  return new Promise<void>((resolve) => {
    const killTimer = options.timers.setTimeout(() => {
      options.log?.('warn', 'core host did not exit in time; killing it');
      host.kill();
      resolve();
    }, options.graceMs);
    void exited.then(() => {
      options.timers.clearTimeout(killTimer);
      resolve();
    });
    try {
      const frame: ShutdownFrame = { type: 'shutdown' };
      host.postMessage(frame);
    } catch {
      host.kill();
    }
  });
}

export function createCoreClient(options: CoreClientOptions): CoreClient {
  const timers = options.timers ?? defaultTimers;
  const now = options.now ?? Date.now;
  const policy = options.restartPolicy ?? DEFAULT_RESTART_POLICY;
  const log = options.log;
  const exits: number[] = [];
  let child: { host: HostProcess; exited: Promise<void> } | null = null;
  let state: CoreClientState = 'running';
  let failure = '';
  let restarts = 0;

  const peer = createCorePeer({
    send: (frame) => {
      if (!child) throw new Error('the core host is not running');
      child.host.postMessage(frame);
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

  const crashed = (code: number): void => {
    peer.failAll({
      code: 'unavailable',
      message: `Core stopped unexpectedly (exit code ${code}); restarting it.`,
    });
    exits.push(now());
    if (!shouldRestart(exits, now(), policy)) {
      giveUp(`Core stopped ${exits.length} times; it was not restarted again. Restart PIM Steward.`);
      return;
    }
    restarts += 1;
    log?.('warn', `core host exited with code ${code}; restart ${restarts}`);
    start();
  };

  const refuse: HostServiceHandlers = {
    secrets: {
      get: () => Promise.reject(new Error('no secrets service')),
      set: () => Promise.reject(new Error('no secrets service')),
      delete: () => Promise.reject(new Error('no secrets service')),
    },
    files: { resolve: () => Promise.reject(new Error('no file service')) },
  };

  /** Answers a service request of one host; the reply goes to that host only, if it still runs. */
  async function answerHost(host: HostProcess, message: unknown): Promise<void> {
    const reply = await answerServiceRequest(message, options.services ?? refuse);
    if (!reply || child?.host !== host) return;
    try {
      host.postMessage(reply);
    } catch (err) {
      log?.('warn', `could not answer the core host: ${String(err)}`);
    }
  }

  function start(): void {
    let host: HostProcess;
    try {
      host = options.spawn();
    } catch (err) {
      giveUp(`Core could not be started: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    let markExited: () => void = () => undefined;
    const current = { host, exited: new Promise<void>((resolve) => (markExited = resolve)) };
    child = current;
    // A late message or exit from a replaced host must not touch the new host's calls.
    host.onMessage((message) => {
      if (child !== current) return;
      if (isServiceRequest(message)) {
        void answerHost(current.host, message);
        return;
      }
      peer.receive(message);
    });
    host.onExit((code) => {
      markExited();
      if (child !== current) return;
      child = null;
      if (state !== 'closed') crashed(code);
    });
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
    async close() {
      if (state === 'closed') return;
      state = 'closed';
      const current = child;
      if (current) {
        const graceMs = options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;
        await stopHost(current.host, current.exited, { timers, graceMs, log });
      }
      child = null;
      peer.failAll({ code: 'unavailable', message: 'PIM Steward is shutting down.' });
    },
    state: () => state,
    restarts: () => restarts,
  };
}
