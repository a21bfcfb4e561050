import type { Result } from '../../../shared/result';

/** What the preload bridge exposes, and what the WebSocket transport imitates. */
export interface Transport {
  kind: 'preload' | 'websocket';
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Set by the desktop shell's preload (contextBridge); absent in the web shell. */
    steward?: {
      invoke(channel: string, input: unknown): Promise<Result<unknown>>;
      on(event: string, listener: (payload: unknown) => void): () => void;
    };
  }
}

export function preloadTransport(bridge: NonNullable<Window['steward']>): Transport {
  return { kind: 'preload', invoke: bridge.invoke, on: bridge.on };
}
