/**
 * The renderer's one api client. It picks the transport (the preload bridge in the desktop shell,
 * the WebSocket in the web shell) and gives screens typed calls derived from the contract.
 */
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../../../shared/contract';
import { events } from '../../../shared/contract';
import type { WireError } from '../../../shared/errors';
import { preloadTransport } from './transport';
import type { Transport } from './transport';
import { takeSecret, wsTransport } from './ws-transport';

export class ApiError extends Error {
  readonly code: WireError['code'];
  readonly details: unknown;
  constructor(error: WireError) {
    super(error.message);
    this.code = error.code;
    this.details = error.details;
  }
}

export type ConnectionListener = (connected: boolean) => void;
const connectionListeners = new Set<ConnectionListener>();
let connected = false;

function setConnected(value: boolean): void {
  connected = value;
  for (const listener of connectionListeners) listener(value);
}

function pickTransport(): Transport | null {
  if (window.steward) {
    connected = true;
    return preloadTransport(window.steward);
  }
  const secret = takeSecret();
  return secret ? wsTransport(secret, setConnected) : null;
}

const transport = pickTransport();

export const api = {
  available: transport !== null,
  kind: transport?.kind ?? null,
  isConnected: () => connected,
  onConnection(listener: ConnectionListener): () => void {
    connectionListeners.add(listener);
    return () => connectionListeners.delete(listener);
  },
  async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    if (!transport) {
      throw new ApiError({ code: 'unavailable', message: 'This page was opened without its access key.' });
    }
    const result = await transport.invoke(channel, input);
    if (!result.ok) throw new ApiError(result.error);
    return result.value as ChannelOutput<C>;
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (!transport) return () => undefined;
    return transport.on(event, (payload) => {
      const parsed = events[event].safeParse(payload);
      if (parsed.success) listener(parsed.data as EventPayload<E>);
    });
  },
};
