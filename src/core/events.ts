import type { Emit, EventName } from '../shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/** A synchronous fan-out of core events; a throwing listener never breaks the others. */
export function createEventBus(log: (msg: string) => void): {
  emit: Emit;
  on(listener: EventListener): () => void;
} {
  const listeners = new Set<EventListener>();
  return {
    emit: (event, payload) => {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch (err) {
          log(`event listener failed on ${event}: ${String(err)}`);
        }
      }
    },
    on: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
