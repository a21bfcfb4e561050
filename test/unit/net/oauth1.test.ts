/**
 * OAuth 1.0a against a loopback server that verifies signatures the way Magento 2 does
 * (003_f9a1ab627ff386f6.txt points at Magento's OAuth-based authentication): the base string is
 * METHOD & URL-without-query & the sorted, RFC 3986-encoded parameters, where the parameters are the
 * OAuth header values, the query (split on & and =, rawurldecoded) and form fields, but not a JSON body.
 * The verifier is written here from the specification, independently of the code under test.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/net/clock';
import { createHttpClient } from '../../../src/core/net/http-client';
import type { HttpAuth } from '../../../src/core/net/auth';
import type { Loopback, Received } from './loopback';
import { sendJson, startLoopback } from './loopback';

const CONSUMER = { key: 'ck-123', secret: 'cs-s3cr3t' };
const TOKEN = { key: 'at-456', secret: 'ts-t0ken' };

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function rawurldecode(s: string): string {
  return decodeURIComponent(s);
}

function parseOAuthHeader(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^OAuth\s+/, '').matchAll(/(\w+)="([^"]*)"/g)) {
    out[rawurldecode(m[1] as string)] = rawurldecode(m[2] as string);
  }
  return out;
}

function verify(req: Received, host: string): { ok: boolean; method?: string; timestamp?: string } {
  const header = req.headers.authorization;
  if (!header?.startsWith('OAuth ')) return { ok: false };
  const oauth = parseOAuthHeader(header);
  const params: Array<[string, string]> = Object.entries(oauth).filter(
    ([k]) => k !== 'oauth_signature' && k !== 'realm',
  );
  const [path, query = ''] = req.url.split('?');
  const fromQuery = new Map<string, string>();
  for (const part of query.split('&').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (k !== undefined && v !== undefined) fromQuery.set(rawurldecode(k), rawurldecode(v)); // last one wins
  }
  params.push(...fromQuery);
  if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
    params.push(...new URLSearchParams(req.body));
  }
  const normalized = params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = [req.method.toUpperCase(), rfc3986(`http://${host}${path}`), rfc3986(normalized)].join('&');
  const algorithm = oauth.oauth_signature_method === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const expected = createHmac(algorithm, `${rfc3986(CONSUMER.secret)}&${rfc3986(TOKEN.secret)}`)
    .update(base)
    .digest('base64');
  return {
    ok:
      expected === oauth.oauth_signature &&
      oauth.oauth_consumer_key === CONSUMER.key &&
      oauth.oauth_token === TOKEN.key,
    method: oauth.oauth_signature_method,
    timestamp: oauth.oauth_timestamp,
  };
}

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback((req, res) => {
    const result = verify(req, new URL(server.url).host);
    if (!result.ok) return sendJson(res, 401, { message: 'The signature is invalid. Verify and try again.' });
    sendJson(res, 200, [{ response: [{ id: '10001', code: '200', status: 'success', message: 'ok' }] }], {
      'x-signature-method': result.method ?? '',
      'x-timestamp': result.timestamp ?? '',
    });
  });
});
afterAll(() => server.close());

const oauth = (extra: Partial<Extract<HttpAuth, { kind: 'oauth1' }>> = {}): HttpAuth => ({
  kind: 'oauth1',
  consumerKey: CONSUMER.key,
  consumerSecret: CONSUMER.secret,
  token: TOKEN.key,
  tokenSecret: TOKEN.secret,
  ...extra,
});

describe('OAuth 1.0a (PrintXpand / Magento 2)', () => {
  it('signs a JSON POST with HMAC-SHA256 by default (the JSON body is not signed)', async () => {
    const client = createHttpClient({ baseUrl: `${server.url}/rest/V1/`, auth: oauth() });
    const res = await client.request({
      method: 'POST',
      path: 'product/create/',
      json: { product: { '10001': { id: '10001', name: 'Simple Tshirt', type: 'simple' } } },
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-signature-method']).toBe('HMAC-SHA256');
  });

  it('signs HMAC-SHA1 when configured', async () => {
    const client = createHttpClient({
      baseUrl: `${server.url}/rest/V1/`,
      auth: oauth({ signatureMethod: 'HMAC-SHA1' }),
    });
    const res = await client.request({ method: 'GET', path: 'category/list' });
    expect(res.headers['x-signature-method']).toBe('HMAC-SHA1');
  });

  it('signs query parameters with reserved and non-ASCII characters, and form fields', async () => {
    const client = createHttpClient({ baseUrl: `${server.url}/rest/V1`, auth: oauth() });
    const query = {
      'searchCriteria[filter_groups][0][filters][0][value]': "50% off & more+ (ü) it's",
      page: 2,
      empty: '',
    };
    expect((await client.request({ method: 'GET', path: 'products', query })).status).toBe(200);
    const form = await client.request({
      method: 'POST',
      path: 'order/create/',
      query: { a: 'b' },
      form: { note: 'a b&c=d', 'x[]': '1' },
    });
    expect(form.status).toBe(200);
  });

  it('takes the timestamp from the injected clock', async () => {
    const clock = createManualClock(Date.parse('2025-06-01T12:00:00Z'));
    const client = createHttpClient({ baseUrl: server.url, auth: oauth(), clock });
    const res = await client.request({ method: 'GET', path: 'rest/V1/x' });
    expect(res.headers['x-timestamp']).toBe(String(Date.parse('2025-06-01T12:00:00Z') / 1000));
  });

  it('a wrong secret fails verification (the verifier is not a rubber stamp)', async () => {
    const client = createHttpClient({ baseUrl: server.url, auth: oauth({ tokenSecret: 'wrong' }) });
    await expect(client.request({ method: 'GET', path: 'rest/V1/x' })).rejects.toMatchObject({
      kind: 'unauthorized',
      serverMessage: 'The signature is invalid. Verify and try again.',
    });
  });

  it('refuses a repeated query key, which Magento would verify against its last value only', async () => {
    const client = createHttpClient({ baseUrl: server.url, auth: oauth() });
    await expect(
      client.request({ method: 'GET', path: 'rest/V1/x', query: { id: ['1', '2'] } }),
    ).rejects.toThrow(/repeats the parameter "id"/);
  });
});
