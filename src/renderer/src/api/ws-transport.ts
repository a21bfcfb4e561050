/**
 * The web shell's transport: the contract over one WebSocket to the host that served this page.
 * The per-run secret arrives in the URL fragment once, is kept in sessionStorage (so a reload works)
 * and is offered as a subprotocol, never in a URL.
 */
import type { Result } from '../../../shared/result';
import { ServerFrame, WS_PATH, WS_PROTOCOL, WS_SECRET_PREFIX } from '../../../shared/wire';
import type { Transport } from './transport';

const SECRET_KEY = 'steward.secret';

/** The secret this page was opened with (file uploads and downloads send it in a header). */
export function currentSecret(): string | null {
  return sessionStorage.getItem(SECRET_KEY);
}

export function takeSecret(): string | null {
  const match = /(?:^#|&)secret=([0-9a-f]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(SECRET_KEY, match[1]);
    history.replaceState(null, '', `${window.location.pathname}#/catalog`);
    return match[1];
  }
  return sessionStorage.getItem(SECRET_KEY);
}

interface Pending {
  resolve(result: Result<unknown>): void;
}

export function wsTransport(secret: string, onState: (connected: boolean) => void): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retry = 0;

  const connect = () => {
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${WS_PATH}`;
    const ws = new WebSocket(url, [WS_PROTOCOL, `${WS_SECRET_PREFIX}${secret}`]);
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      onState(true);
      for (const text of queue.splice(0)) ws.send(text);
    };
    ws.onmessage = (msg) => {
      let frame;
      try {
        frame = ServerFrame.parse(JSON.parse(String(msg.data)));
      } catch {
        return;
      }
      if (frame.type === 'reply') {
        const p = pending.get(frame.id);
        pending.delete(frame.id);
        p?.resolve(frame.result as Result<unknown>);
      } else {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      }
    };
    ws.onclose = () => {
      onState(false);
      socket = null;
      // Requests in flight are lost with the socket: fail them so no screen waits forever.
      for (const [id, p] of pending) {
        p.resolve({
          ok: false,
          error: { code: 'unavailable', message: 'Lost the connection to PIM Steward.' },
        });
        pending.delete(id);
      }
      retry = Math.min(retry + 1, 6);
      window.setTimeout(connect, 250 * 2 ** retry);
    };
  };
  connect();

  return {
    kind: 'websocket',
    invoke: (channel, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve });
        const text = JSON.stringify({ type: 'invoke', id, channel, input });
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      }),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
