/**
 * The web shell's host: one Node process that runs core and serves the built renderer to a browser on
 * 127.0.0.1. The contract travels over a WebSocket that only opens with the per-run secret (sent as a
 * subprotocol, never in a URL the server logs) and from this origin, so other local pages and
 * processes cannot drive core.
 */
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { Core } from '../core';
import { checkEvent } from '../shared/rpc';
import { shellOnlyEvents } from '../shared/contract';
import { MAX_FRAME_BYTES, WS_PATH, WS_PROTOCOL, WS_SECRET_PREFIX } from '../shared/wire';
import { FILES_PATH } from '../shared/wire';
import { handleFiles } from './files';
import type { EventFrame } from '../shared/wire';
import { bindSocket } from './ws-binding';
import { serveStatic, webCsp } from './static';

export interface WebHostOptions {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Defaults to 32 random bytes, new every run. */
  secret?: string;
}

export interface WebHost {
  origin: string;
  /** The URL to open: the secret rides in the fragment, which browsers never send to servers. */
  url: string;
  secret: string;
  close(): Promise<void>;
}

function secretMatches(offered: string | undefined, secret: string): boolean {
  if (!offered) return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function offeredSecret(protocolHeader: string | undefined): string | undefined {
  const protocols = (protocolHeader ?? '').split(',').map((p) => p.trim());
  return protocols.find((p) => p.startsWith(WS_SECRET_PREFIX))?.slice(WS_SECRET_PREFIX.length);
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  const secret = opts.secret ?? randomBytes(32).toString('hex');
  let origin = '';
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === FILES_PATH || path.startsWith(`${FILES_PATH}/`)) {
      void handleFiles(req, res, {
        files: opts.core.files,
        origin,
        secretOk: (s) => secretMatches(s, secret),
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    void serveStatic(res, opts.rendererDir, req.url ?? '/', webCsp(origin)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end('Renderer files missing: run `npm run build:renderer`.');
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH) return refuse(socket, 404, 'Not Found');
    // Another page in the same browser could open a socket to loopback; only our own origin may.
    if (req.headers.origin !== undefined && req.headers.origin !== origin)
      return refuse(socket, 403, 'Forbidden');
    if (!secretMatches(offeredSecret(req.headers['sec-websocket-protocol']), secret)) {
      return refuse(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      bindSocket(ws, opts.core.dispatch);
    });
  });

  const unsubscribe = opts.core.onEvent((event, payload) => {
    const checked = shellOnlyEvents.includes(event) ? null : checkEvent(event, payload);
    if (!checked) return;
    const frame: EventFrame = { type: 'event', event: checked.event, payload: checked.payload };
    const text = JSON.stringify(frame);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: `${origin}/#secret=${secret}`,
    secret,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
