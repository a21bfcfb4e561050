/**
 * Test harness for the demo PIM as a whole (WEXBO, ETIM, admin): a started server with a
 * hand-moved clock, and raw HTTP helpers (node:http, since ETIM reads with GET + JSON body).
 */
import http from 'node:http';
import { startDemoPim, type DemoPim, type DemoPimOptions } from '../../../src/core/demo-pim';

export interface Clock {
  t: number;
  now: () => number;
  advance(ms: number): void;
  set(iso: string): void;
}

export function createClock(iso = '2025-06-02T08:00:00Z'): Clock {
  const clock: Clock = {
    t: Date.parse(iso),
    now: () => clock.t,
    advance: (ms) => {
      clock.t += ms;
    },
    set: (i) => {
      clock.t = Date.parse(i);
    },
  };
  return clock;
}

export interface Harness {
  pim: DemoPim;
  clock: Clock;
  close(): Promise<void>;
}

export async function startPim(opts: DemoPimOptions = {}, clock = createClock()): Promise<Harness> {
  const pim = await startDemoPim({ products: 300, ...opts, now: clock.now });
  return { pim, clock, close: () => pim.close() };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => unknown;
}

export function request(
  url: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    timeoutMs?: number;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    // GET bodies get no chunked framing from node:http, so say how long they are.
    if (opts.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(opts.body));
    const req = http.request(url, { method: opts.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: () => JSON.parse(text) as unknown,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('client timeout')));
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

export const WEXBO_TYPE = 'application/vnd.wexbo.v1';

export function wexboHeaders(pim: DemoPim, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${pim.credentials.wexbo.token}`, 'Content-Type': WEXBO_TYPE, ...extra };
}

/** A WEXBO call with the right token and version; `body` objects are sent as JSON. */
export function wexbo(
  pim: DemoPim,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<RawResponse> {
  const body =
    opts.body === undefined
      ? undefined
      : typeof opts.body === 'string'
        ? opts.body
        : JSON.stringify(opts.body);
  return request(`${pim.urls.wexbo}${path}`, {
    method: opts.method,
    headers: wexboHeaders(pim, opts.headers),
    body,
  });
}

export function etimAuth(pim: DemoPim): string {
  return `Basic ${Buffer.from(`${pim.credentials.etim.user}:${pim.credentials.etim.password}`).toString('base64')}`;
}

/** An ETIM call with Basic auth; `body` objects are sent as JSON (also with GET, as the seed does). */
export function etim(pim: DemoPim, method: string, path: string, body?: unknown): Promise<RawResponse> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return request(`${pim.urls.etim}${path}`, {
    method,
    headers: { Authorization: etimAuth(pim) },
    body: payload,
  });
}

/** A loopback receiver for ETIM push notifications. */
export async function startReceiver(): Promise<{ url: string; received: unknown[]; close(): Promise<void> }> {
  const received: unknown[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/etim-notifications`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
