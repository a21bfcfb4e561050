/**
 * A plain node:http host for demo systems: routes by prefix, reads bounded bodies, serialises
 * replies. Binds 127.0.0.1 on an ephemeral port unless told otherwise.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoContext, DemoMount, DemoRequest, DemoResponse, DemoSystem } from './types';

export interface HostOptions {
  host?: string;
  port?: number;
  /** Bodies above this many bytes are not buffered; the request is flagged `bodyTooLarge`. */
  maxBodyBytes?: number;
  /**
   * Runs before a system sees the request; returning a response short-circuits it, returning
   * 'drop' destroys the socket (a reset), 'hang' never answers (a timeout).
   */
  before?(system: DemoMount, req: DemoRequest): Promise<DemoResponse | 'drop' | 'hang' | undefined>;
  /** Extra routes that are not a system (e.g. the admin API), tried first. */
  extra?: DemoMount[];
  contextFor(system: DemoMount, baseUrl: string): DemoContext;
}

export interface Host {
  origin: string;
  urlOf(system: DemoMount): string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

function readBody(req: http.IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
}

export function send(res: http.ServerResponse, reply: DemoResponse): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: Buffer | undefined;
  if (typeof reply.body === 'string') payload = Buffer.from(reply.body, 'utf8');
  else if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
    }
  }
  if (payload) headers['Content-Length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export async function startHost(systems: DemoSystem[], opts: HostOptions): Promise<Host> {
  const all: DemoMount[] = [...(opts.extra ?? []), ...systems];
  const limit = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let origin = '';
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const system = all.find((s) => url.pathname === s.prefix || url.pathname.startsWith(`${s.prefix}/`));
      if (!system) {
        send(res, { status: 404, body: { error: `No demo system at ${url.pathname}` } });
        return;
      }
      const { body, tooLarge } = await readBody(req, limit);
      const demoReq: DemoRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        url,
        path: url.pathname.slice(system.prefix.length) || '/',
        headers: req.headers,
        body,
        bodyTooLarge: tooLarge,
        raw: req,
      };
      const early = opts.before ? await opts.before(system, demoReq) : undefined;
      if (early === 'drop') {
        req.socket.destroy();
        return;
      }
      if (early === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      const reply =
        early ?? (await system.handle(demoReq, opts.contextFor(system, `${origin}${system.prefix}`)));
      send(res, reply);
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: String(err) } });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  origin = `http://${opts.host ?? '127.0.0.1'}:${addr.port}`;

  return {
    origin,
    urlOf: (system) => `${origin}${system.prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
