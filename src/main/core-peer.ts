/**
 * Both ends of the main ↔ core-host channel as pure message handlers, so they are tested with an
 * in-memory pair. The frames are those of src/shared/wire.ts (RequestFrame in, ReplyFrame and
 * EventFrame out), plus one control frame of this channel only: `shutdown`.
 */
import { z } from 'zod';
import { RequestFrame, ServerFrame } from '../shared/wire';
import type { EventFrame, ReplyFrame } from '../shared/wire';
import type { Dispatch } from '../shared/rpc';
import { toWireError } from '../shared/errors';
import type { WireError } from '../shared/errors';
import type { Result } from '../shared/result';
import type { Log } from './ipc';
import type { Timers } from './window-state-store';

/** Asks the host to close core (flush and close SQLite) and exit. Main → host only. */
export const ShutdownFrame = z.strictObject({ type: z.literal('shutdown') });
export type ShutdownFrame = z.infer<typeof ShutdownFrame>;

export const DEFAULT_TIMEOUT_MS = 30_000;

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface CorePeerOptions {
  /** Posts a frame to the host; may throw when the host is gone. */
  send(frame: RequestFrame): void;
  onEvent(event: string, payload: unknown): void;
  /** Per-channel timeout; every call gets an answer even if core never replies. */
  timeoutMs?: number | ((channel: string) => number);
  timers?: Timers;
  log?: Log;
}

export interface CorePeer {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** A message from the host (a ReplyFrame or an EventFrame); anything else is dropped. */
  receive(message: unknown): void;
  /** Answers every pending call with `error` (the host died or is being replaced). */
  failAll(error: WireError): void;
  pendingCount(): number;
}

interface Pending {
  channel: string;
  resolve(result: Result<unknown>): void;
  timer: unknown;
}

/** Main's side: numbers requests, matches replies, times out, forwards events. */
export function createCorePeer(options: CorePeerOptions): CorePeer {
  const timers = options.timers ?? realTimers;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const timeoutFor = (channel: string): number => {
    const t = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return typeof t === 'function' ? t(channel) : t;
  };
  const settle = (id: number, result: Result<unknown>): void => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    timers.clearTimeout(entry.timer);
    entry.resolve(result);
  };

  return {
    invoke(channel, input) {
      nextId = nextId >= Number.MAX_SAFE_INTEGER ? 1 : nextId + 1;
      const id = nextId;
      return new Promise<Result<unknown>>((resolve) => {
        const ms = timeoutFor(channel);
        const timer = timers.setTimeout(() => {
          options.log?.('warn', `core did not answer ${channel} within ${ms} ms`);
          settle(id, {
            ok: false,
            error: {
              code: 'unavailable',
              message: `Core did not answer ${channel} within ${Math.round(ms / 1000)} s.`,
            },
          });
        }, ms);
        pending.set(id, { channel, resolve, timer });
        try {
          options.send({ type: 'invoke', id, channel, input });
        } catch (err) {
          settle(id, {
            ok: false,
            error: { code: 'unavailable', message: `Core is not running: ${toWireError(err).message}` },
          });
        }
      });
    },
    receive(message) {
      const parsed = ServerFrame.safeParse(message);
      if (!parsed.success) {
        options.log?.('warn', 'dropped a malformed frame from core');
        return;
      }
      const frame = parsed.data;
      if (frame.type === 'event') {
        options.onEvent(frame.event, frame.payload);
        return;
      }
      // A reply whose id is unknown answered a call that already timed out: nothing to do.
      settle(frame.id, frame.result as Result<unknown>);
    },
    failAll(error) {
      for (const id of [...pending.keys()]) settle(id, { ok: false, error });
    },
    pendingCount: () => pending.size,
  };
}

export interface CoreEndpointOptions {
  /** Core's dispatch, or a promise of it while core is starting (requests wait for it). */
  dispatch: Dispatch | Promise<Dispatch>;
  send(frame: ReplyFrame | EventFrame): void;
  /** Called for a `shutdown` frame. */
  onShutdown?: () => void;
  log?: Log;
}

export interface CoreEndpoint {
  /** A message from main. Resolves once it is answered (tests await it; the host does not). */
  receive(message: unknown): Promise<void>;
  /** Posts a core event to main. */
  emit(event: string, payload: unknown): void;
}

function idOf(message: unknown): number {
  if (typeof message === 'object' && message !== null && 'id' in message) {
    const id = (message as { id: unknown }).id;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return id;
  }
  return -1;
}

/** The host's side: validates frames, runs them through core's dispatch, replies with a Result. */
export function createCoreEndpoint(options: CoreEndpointOptions): CoreEndpoint {
  const reply = (id: number, result: Result<unknown>): void => {
    try {
      options.send({ type: 'reply', id, result });
    } catch (err) {
      // A value that cannot be cloned must still produce an answer, or main waits for the timeout.
      options.send({ type: 'reply', id, result: { ok: false, error: toWireError(err) } });
    }
  };
  return {
    async receive(message) {
      if (ShutdownFrame.safeParse(message).success) {
        options.onShutdown?.();
        return;
      }
      const parsed = RequestFrame.safeParse(message);
      if (!parsed.success) {
        options.log?.('warn', 'core host dropped a malformed frame');
        reply(idOf(message), {
          ok: false,
          error: { code: 'invalid_input', message: 'Malformed request frame.' },
        });
        return;
      }
      const { id, channel, input } = parsed.data;
      let result: Result<unknown>;
      try {
        const dispatch = await options.dispatch;
        result = await dispatch(channel, input);
      } catch (err) {
        result = { ok: false, error: toWireError(err) };
      }
      reply(id, result);
    },
    emit(event, payload) {
      try {
        options.send({ type: 'event', event, payload });
      } catch (err) {
        options.log?.('warn', `core host could not post event ${event}: ${toWireError(err).message}`);
      }
    },
  };
}
