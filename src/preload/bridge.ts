/**
 * The whole renderer-facing surface of the desktop shell: `invoke` and `on`, nothing else. The
 * renderer never sees `ipcRenderer`, IPC events or senders. Main re-checks everything (sender,
 * channel, payload); the checks here only keep mistakes from crossing the bridge.
 */
import { isEventName } from '../shared/contract';
import type { Result } from '../shared/result';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/ipc-channels';
import { isShellEventName } from '../main/shell-events';

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export type EventListener = (payload: unknown) => void;

export interface StewardBridge {
  invoke(channel: string, input?: unknown): Promise<Result<unknown>>;
  on(event: string, listener: EventListener): () => void;
}

function failure(code: 'invalid_input' | 'internal', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export function createBridge(ipc: IpcRendererLike): StewardBridge {
  const listeners = new Map<string, Set<EventListener>>();

  // One IPC listener for all events; the IpcRendererEvent is dropped here so it never reaches the page.
  ipc.on(EVENT_CHANNEL, (_event, name, payload) => {
    if (typeof name !== 'string') return;
    const set = listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`steward: a listener of ${name} failed`, err);
      }
    }
  });

  return {
    async invoke(channel, input) {
      if (typeof channel !== 'string' || channel.length === 0 || channel.length > 100) {
        return failure('invalid_input', 'The channel name must be a non-empty string.');
      }
      try {
        return (await ipc.invoke(INVOKE_CHANNEL, channel, input)) as Result<unknown>;
      } catch (err) {
        // E.g. an input that cannot be cloned (a function, a DOM node): still a Result, not a throw.
        const message = err instanceof Error ? err.message : String(err);
        return failure('invalid_input', `Could not send ${channel}: ${message}`);
      }
    },
    on(event, listener) {
      if (typeof event !== 'string') throw new TypeError('The event name must be a string.');
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      if (!isEventName(event) && !isShellEventName(event)) throw new TypeError(`Unknown event: ${event}`);
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      // Wrapped so the same function subscribed twice gets two independent subscriptions.
      const entry: EventListener = (payload) => listener(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
}
