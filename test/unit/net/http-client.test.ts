import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/net/clock';
import { createHttpClient } from '../../../src/core/net/http-client';
import { HttpError, isHttpError } from '../../../src/core/net/http-error';
import { createRateLimiter } from '../../../src/core/net/rate-limiter';
import { StewardError } from '../../../src/shared/errors';
import type { Loopback } from './loopback';
import { sendJson, startLoopback } from './loopback';

let server: Loopback;
const hanging: Array<() => void> = [];

beforeAll(async () => {
  server = await startLoopback((req, res): void => {
    const url = new URL(req.url, 'http://x');
    const status = Number(url.searchParams.get('status') ?? 200);
    switch (url.pathname) {
      case '/api/echo':
        return sendJson(res, 200, { method: req.method, url: req.url, headers: req.headers, body: req.body });
      case '/api/status': {
        const type = url.searchParams.get('type') ?? 'application/json';
        const headers: Record<string, string> = { 'content-type': type };
        const retryAfter = url.searchParams.get('retryAfter');
        if (retryAfter) headers['retry-after'] = retryAfter;
        if (status === 301) headers.location = 'https://api.example.com/v2/products';
        res.writeHead(status, headers);
        res.end(url.searchParams.get('body') ?? '');
        return;
      }
      case '/api/hang':
        hanging.push(() => res.end());
        return;
      case '/api/reset':
        res.socket?.destroy();
        return;
      case '/api/big':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: 'x'.repeat(10_000) }));
        return;
      default:
        return sendJson(res, 404, { message: 'no route' });
    }
  });
});

afterAll(async () => {
  hanging.forEach((end) => end());
  await server.close();
});

const client = (extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) =>
  createHttpClient({ baseUrl: `${server.url}/api/`, userAgent: 'PIM-Steward/test', ...extra });

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('expected the request to fail');
}

function statusPath(status: number, body: unknown, extra: Record<string, string> = {}): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `status?${new URLSearchParams({ status: String(status), body: text, ...extra })}`;
}

describe('requests', () => {
  it('joins paths, encodes queries per RFC 3986 and repeats array keys', async () => {
    const res = await client().request({
      method: 'GET',
      path: '/echo',
      query: { 'fields[]': ['id', 'name'], filter: 'date_from:2024-01-01', q: "a b+c/ü'", skip: undefined },
    });
    const echo = res.json<{ url: string; headers: Record<string, string> }>();
    expect(echo.url).toBe(
      '/api/echo?fields%5B%5D=id&fields%5B%5D=name&filter=date_from%3A2024-01-01&q=a%20b%2Bc%2F%C3%BC%27',
    );
    expect(echo.headers['user-agent']).toBe('PIM-Steward/test');
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${server.url}/api/echo`);
  });

  it('sends a JSON body on GET when asked (ETIM detail reads) and refuses it otherwise', async () => {
    const res = await client().request({
      method: 'GET',
      path: 'echo',
      json: ['XYZ123', 'XYZ124'],
      bodyOnGet: true,
    });
    expect(res.json()).toMatchObject({ method: 'GET', body: '["XYZ123","XYZ124"]' });
    expect(res.json<{ headers: Record<string, string> }>().headers['content-type']).toBe('application/json');
    await expect(client().request({ method: 'GET', path: 'echo', json: [] })).rejects.toThrow(/bodyOnGet/);
  });

  it('sends a DELETE with a JSON body, raw bodies with their own content type, and default headers', async () => {
    const wexbo = client({ defaultHeaders: { 'Content-Type': 'application/vnd.wexbo.v1' } });
    const del = await wexbo.request({ method: 'DELETE', path: 'echo', json: ['1'] });
    expect(del.json()).toMatchObject({ method: 'DELETE', body: '["1"]' });
    expect(del.json<{ headers: Record<string, string> }>().headers['content-type']).toBe(
      'application/vnd.wexbo.v1',
    );
    const overridden = await wexbo.request({
      method: 'POST',
      path: 'echo',
      headers: { 'CONTENT-TYPE': 'text/plain' },
      body: 'x',
    });
    expect(overridden.json<{ headers: Record<string, string> }>().headers['content-type']).toBe('text/plain');
    const csv = await client().request({
      method: 'POST',
      path: 'echo',
      headers: { 'content-type': 'text/csv' },
      body: 'SKU Number,Product Title\n2011,ProductB2011\n',
    });
    expect(csv.json()).toMatchObject({ body: 'SKU Number,Product Title\n2011,ProductB2011\n' });
  });

  it('authenticates with typed bearer tokens and basic credentials', async () => {
    const bearer = await client({ auth: { kind: 'bearer', token: 'tok' } }).request({
      method: 'GET',
      path: 'echo',
    });
    expect(bearer.json<{ headers: Record<string, string> }>().headers.authorization).toBe('Bearer tok');
    const direct = await client({ auth: { kind: 'bearer', token: 'tok', tokenType: 'Direct' } }).request({
      method: 'GET',
      path: 'echo',
    });
    expect(direct.json<{ headers: Record<string, string> }>().headers.authorization).toBe('Direct tok');
    const basic = await client({ auth: { kind: 'basic', username: 'api', password: 'pä:ss' } }).request({
      method: 'GET',
      path: 'echo',
    });
    const header = basic.json<{ headers: Record<string, string> }>().headers.authorization as string;
    expect(Buffer.from(header.replace('Basic ', ''), 'base64').toString('utf8')).toBe('api:pä:ss');
  });

  it('returns undefined from json() for an empty body and a clear error for malformed JSON', async () => {
    const empty = await client().request({ method: 'GET', path: statusPath(204, '') });
    expect(empty.json()).toBeUndefined();
    const bad = await client().request({ method: 'GET', path: statusPath(200, '{"oops":') });
    expect(() => bad.json()).toThrow(/not valid JSON/);
  });

  it('parses JSON sent as text/html (ETIM)', async () => {
    const res = await client().request({
      method: 'GET',
      path: statusPath(200, { productIds: ['A'] }, { type: 'text/html' }),
    });
    expect(res.json()).toEqual({ productIds: ['A'] });
  });
});

describe('status codes become typed errors', () => {
  const table: Array<[number, string, boolean, unknown, string | undefined, string | undefined]> = [
    [
      400,
      'validation',
      false,
      { errors: ['Limit parameter should be set to integer from the range [1, 100000]'] },
      'Limit parameter should be set to integer from the range [1, 100000]',
      undefined,
    ],
    [
      409,
      'validation',
      false,
      {
        result: false,
        data: null,
        errors: [
          { code: 100, msg: 'Field foo not exist.', field: 'foo' },
          { code: 409, msg: 'Price must be a number', error: 'products_7', field: 'price' },
        ],
      },
      'Price must be a number',
      'price',
    ],
    [
      422,
      'validation',
      false,
      {
        errors: [
          {
            status: '422',
            title: 'Invalid',
            detail: 'Name is required',
            source: { pointer: '/data/attributes/name' },
          },
        ],
      },
      'Name is required',
      'name',
    ],
    [
      400,
      'validation',
      false,
      { message: 'The "%1" value is invalid for %2.', parameters: ['abc', 'price'] },
      'The "abc" value is invalid for price.',
      undefined,
    ],
    [
      401,
      'unauthorized',
      false,
      {
        message: "The consumer isn't authorized to access %resources.",
        parameters: { resources: 'Magento_Catalog::products' },
      },
      "The consumer isn't authorized to access Magento_Catalog::products.",
      undefined,
    ],
    [
      402,
      'payment_required',
      false,
      { result: false, errors: [{ code: 402, msg: 'Not enough credit' }] },
      'Not enough credit',
      undefined,
    ],
    [403, 'forbidden', false, 'Forbidden', 'Forbidden', undefined],
    [404, 'not_found', false, '', undefined, undefined],
    [405, 'unexpected', false, '', undefined, undefined],
    [408, 'transient', true, '', undefined, undefined],
    [
      413,
      'payload_too_large',
      false,
      { error: 'Payload Too Large', message: 'Maximum upload size exceeded' },
      'Maximum upload size exceeded',
      undefined,
    ],
    [423, 'locked', false, { errors: [{ code: 423, msg: 'Token expired' }] }, 'Token expired', undefined],
    [426, 'version', false, '', undefined, undefined],
    [429, 'rate_limited', true, '', undefined, undefined],
    [
      500,
      'transient',
      true,
      '<html><title>Internal Server Error</title></html>',
      'Internal Server Error',
      undefined,
    ],
    [501, 'unexpected', false, '', undefined, undefined],
    [502, 'transient', true, '', undefined, undefined],
    [503, 'maintenance', true, 'System maintenance', 'System maintenance', undefined],
    [504, 'transient', true, '', undefined, undefined],
    [505, 'unexpected', false, '', undefined, undefined],
  ];

  it.each(table)('%i → %s (retryable %s)', async (status, kind, retryable, body, message, field) => {
    const err = await failure(client().request({ method: 'POST', path: statusPath(status, body), json: {} }));
    expect(err).toBeInstanceOf(StewardError);
    expect(err).toMatchObject({ kind, status, retryable, method: 'POST', url: `${server.url}/api/status` });
    expect(err.serverMessage).toBe(message);
    expect(err.field).toBe(field);
    if (message) expect(err.message).toContain(message);
    expect(err.message).not.toContain('body=');
  });

  it('a 301 says where the endpoint moved', async () => {
    const err = await failure(client().request({ method: 'GET', path: statusPath(301, '') }));
    expect(err.kind).toBe('unexpected');
    expect(err.message).toContain('moved to https://api.example.com/v2/products');
  });

  it('parses Retry-After in seconds and as an HTTP-date against the injected clock', async () => {
    const clock = createManualClock(Date.parse('2025-03-01T10:00:00Z'));
    const seconds = await failure(
      client({ clock }).request({ method: 'GET', path: statusPath(429, '', { retryAfter: '7' }) }),
    );
    expect(seconds.retryAfterMs).toBe(7000);
    const date = await failure(
      client({ clock }).request({
        method: 'GET',
        path: statusPath(503, '', { retryAfter: 'Sat, 01 Mar 2025 10:02:00 GMT' }),
      }),
    );
    expect(date).toMatchObject({ kind: 'maintenance', retryAfterMs: 120_000 });
  });

  it('reports 429s and successes to the limiter', async () => {
    const clock = createManualClock(1_000);
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock });
    limiter.onRateLimited(); // drop the rate so onSuccess has something to recover
    await clock.advance(1000);
    const rate = limiter.state().currentRps;
    await client({ limiter, clock }).request({ method: 'GET', path: 'echo' });
    expect(limiter.state().currentRps).toBeGreaterThan(rate);
    await clock.advance(1000);
    await failure(
      client({ limiter, clock }).request({ method: 'GET', path: statusPath(429, '', { retryAfter: '30' }) }),
    );
    expect(limiter.state().blockedUntil).toBe(clock.now() + 30_000);
  });
});

describe('network failures, timeouts and cancellation', () => {
  it('a request with no answer times out as a transient error', async () => {
    const err = await failure(client({ timeoutMs: 150 }).request({ method: 'GET', path: 'hang' }));
    expect(err).toMatchObject({ kind: 'transient', status: 0, retryable: true });
    expect(err.message).toContain('no response within 150 ms');
  });

  it('a reset connection and a refused connection are transient', async () => {
    const reset = await failure(client().request({ method: 'GET', path: 'reset' }));
    expect(reset).toMatchObject({ kind: 'transient', status: 0 });
    const refused = await failure(
      createHttpClient({ baseUrl: 'http://127.0.0.1:1/' }).request({ method: 'GET', path: 'x' }),
    );
    expect(refused.kind).toBe('transient');
    expect(refused.message).toMatch(/ECONNREFUSED/);
  });

  it("cancelling aborts an in-flight request with the caller's reason, not an HttpError", async () => {
    const ctrl = new AbortController();
    const pending = client().request({ method: 'GET', path: 'hang', signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 20);
    const err = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isHttpError(err)).toBe(false);
    expect(err).toMatchObject({ name: 'AbortError' });
  });

  it('cancelling while waiting for the limiter sends nothing', async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock: createManualClock() });
    limiter.onRateLimited(60_000);
    const before = server.received.length;
    const ctrl = new AbortController();
    const pending = client({ limiter }).request({ method: 'GET', path: 'echo', signal: ctrl.signal });
    ctrl.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.received.length).toBe(before);
  });

  it('refuses a body over maxBodyBytes locally, before spending a request', async () => {
    const before = server.received.length;
    const err = await failure(
      client({ maxBodyBytes: 1024 }).request({
        method: 'PUT',
        path: 'echo',
        json: { data: 'x'.repeat(2000) },
      }),
    );
    expect(err).toMatchObject({ kind: 'payload_too_large', status: 0, retryable: false });
    expect(server.received.length).toBe(before);
  });

  it('stops reading a response past maxResponseBytes', async () => {
    const err = await failure(client({ maxResponseBytes: 1000 }).request({ method: 'GET', path: 'big' }));
    expect(err).toMatchObject({ kind: 'unexpected', status: 0 });
    expect(err.message).toContain('larger than 1000 bytes');
  });
});

describe('TLS policy and origins', () => {
  it.each(['http://example.com/api', 'http://10.0.0.5/api', 'http://127.0.0.1.example.com/'])(
    'refuses plain http to %s',
    (baseUrl) => {
      expect(() => createHttpClient({ baseUrl })).toThrow(/over plain http: use an https:\/\/ address/);
    },
  );

  it.each([
    'http://localhost:3000/',
    'http://127.0.0.1/',
    'http://127.8.9.10:81/x',
    'http://[::1]:8080/',
    'https://api.wexbo.com/',
  ])('accepts %s', (baseUrl) => {
    expect(createHttpClient({ baseUrl }).baseUrl).toBe(new URL(baseUrl).href);
  });

  it('refuses other schemes and garbage', () => {
    expect(() => createHttpClient({ baseUrl: 'ftp://files.example.com/' })).toThrow(
      /Unsupported address scheme/,
    );
    expect(() => createHttpClient({ baseUrl: 'not a url' })).toThrow(/Not a valid server address/);
  });

  it('follows absolute URLs on the same origin only (Link headers, status URLs)', async () => {
    const same = await client().request({
      method: 'GET',
      path: `${server.url}/api/echo?page=2&options=links`,
    });
    expect(same.json()).toMatchObject({ url: '/api/echo?page=2&options=links' });
    await expect(client().request({ method: 'GET', path: 'https://evil.example.com/steal' })).rejects.toThrow(
      /Refusing to send this connection's credentials to https:\/\/evil\.example\.com/,
    );
  });
});

describe('fetch transport', () => {
  it('works through an injected fetch, and explains that it cannot send a GET body', async () => {
    const viaFetch = client({ fetchImpl: fetch });
    const res = await viaFetch.request({ method: 'POST', path: 'echo', json: { a: 1 } });
    expect(res.json()).toMatchObject({ method: 'POST', body: '{"a":1}' });
    await expect(
      viaFetch.request({ method: 'GET', path: 'echo', json: [1], bodyOnGet: true }),
    ).rejects.toThrow(/fetch cannot send a body with GET/);
    const err = await failure(
      viaFetch.request({
        method: 'GET',
        path: statusPath(423, { errors: [{ code: 423, msg: 'IP not allowed' }] }),
      }),
    );
    expect(err).toMatchObject({ kind: 'locked', serverMessage: 'IP not allowed' });
  });
});
