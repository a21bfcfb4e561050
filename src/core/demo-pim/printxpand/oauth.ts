/**
 * Magento 2's OAuth 1.0a check of an integration's access-token request, step for step, because
 * seeds/003_f9a1ab627ff386f6.txt says PrintXpand follows "Magneto 2 OAuth-based Authentication".
 * Order, messages and statuses follow Magento's Framework\Oauth\Oauth::validateAccessTokenRequest,
 * Oauth\Helper\Request (parameter collection), Integration\Model\Oauth\Token\Provider and
 * Nonce\Generator (which turns a bad timestamp into "An error occurred validating the nonce").
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DemoRequest } from '../types';
import { magentoError } from './magento';
import type { MagentoReply } from './magento';
import { rawUrlDecode, rawUrlEncode, strnatcmp, urlDecode } from './php';

export interface PrintXpandCredentials {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessSecret: string;
}

/**
 * Magento's Helper\Oauth lengths: keys, secrets and tokens are all 32 characters. The length
 * checks below compare with the configured credentials instead, which is the same thing for
 * Magento-shaped credentials and still lets a demo run with shorter made-up ones.
 */
export const OAUTH_LENGTH = 32;
/** Nonce\Generator::TIME_DEVIATION, in seconds. */
const TIME_DEVIATION = 600;
const SUPPORTED = ['HMAC-SHA1', 'HMAC-SHA256'];
const REQUIRED = [
  'oauth_consumer_key',
  'oauth_signature',
  'oauth_signature_method',
  'oauth_nonce',
  'oauth_timestamp',
  'oauth_token',
];
/** Our one integration's consumer id, as Magento would print it in the nonce message. */
const CONSUMER_ID = '1';
/** Nonces older than this are pruned, standing in for Magento's OAuth cleanup cron. */
const NONCE_RETENTION_S = 2 * 3600;

const isProtocol = (name: string) => /oauth_[a-z_-]+/.test(name);

type Params = Map<string, string>;

function headerParams(header: string): Params | undefined {
  const at = header.toLowerCase().indexOf('oauth ');
  if (!header || at === -1) return undefined;
  const params: Params = new Map();
  for (const part of header.slice(at + 6).split(',')) {
    const trimmed = part.trim();
    const eq = trimmed.indexOf('=');
    if (eq === -1) continue;
    const name = trimmed.slice(0, eq);
    if (isProtocol(name))
      params.set(rawUrlDecode(name), rawUrlDecode(trimmed.slice(eq + 1).replace(/^"+|"+$/g, '')));
  }
  return params;
}

/** Helper\Request::_processRequest: header, then a form body, then the query string. */
export function collectParams(req: DemoRequest): Params | undefined {
  const params = headerParams(String(req.headers.authorization ?? ''));
  if (!params) return undefined;
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const headerWasEmpty = params.size === 0;
    for (const pair of req.body.toString('utf8').split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const name = urlDecode(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? '' : urlDecode(pair.slice(eq + 1));
      if (!isProtocol(name) || headerWasEmpty) params.set(name, value);
    }
  }
  const rawUrl = req.raw.url ?? '';
  const q = rawUrl.indexOf('?');
  if (q !== -1) {
    for (const pair of rawUrl.slice(q + 1).split('&')) {
      const bits = pair.split('=');
      if (bits.length === 2 && !isProtocol(bits[0]!)) params.set(urlDecode(bits[0]!), urlDecode(bits[1]!));
    }
  }
  return params;
}

/** The URL Magento signs: scheme://Host header + request URI, normalised as Laminas does. */
export function signedUrl(req: DemoRequest): string {
  const host = String(req.headers.host ?? req.url.host).toLowerCase();
  const path = (req.raw.url ?? req.url.pathname).split('?')[0]!.split('#')[0]!;
  return `http://${host.replace(/:80$/, '')}${path}`;
}

export function baseString(method: string, url: string, params: Params): string {
  const encoded = [...params.entries()]
    .filter(([k]) => k !== 'oauth_signature')
    .map(([k, v]) => [rawUrlEncode(k), rawUrlEncode(v)] as const)
    .sort((a, b) => strnatcmp(a[0], b[0]));
  const query = encoded.map(([k, v]) => `${k}=${v}`).join('&');
  return [method.toUpperCase(), rawUrlEncode(url), rawUrlEncode(query)].join('&');
}

export function sign(method: string, base: string, consumerSecret: string, tokenSecret: string): string {
  const key = `${rawUrlEncode(consumerSecret)}&${rawUrlEncode(tokenSecret)}`;
  return createHmac(method === 'HMAC-SHA256' ? 'sha256' : 'sha1', key)
    .update(base)
    .digest('base64');
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function checkProtocol(params: Params, tokenLength: number): MagentoReply | undefined {
  const version = params.get('oauth_version');
  // PHP's loose `'1.0' != $version` also lets "1" through.
  if (version !== undefined && version !== '1.0' && Number(version) !== 1) {
    return magentoError(400, 'The "%1" Oauth version isn\'t supported.', [version]);
  }
  const missing = REQUIRED.filter((p) => !params.has(p));
  if (missing.length === 1) {
    return magentoError(400, '"%fieldName" is required. Enter and try again.', { fieldName: missing[0]! });
  }
  if (missing.length > 1) {
    return magentoError(400, 'One or more input exceptions have occurred.', undefined, {
      errors: missing.map((p) => ({
        message: '"%fieldName" is required. Enter and try again.',
        parameters: { fieldName: p },
      })),
    });
  }
  if (params.get('oauth_token')!.length !== tokenLength) {
    return magentoError(400, 'The token length is invalid. Check the length and try again.');
  }
  const method = params.get('oauth_signature_method')!;
  if (!SUPPORTED.includes(method)) return magentoError(400, 'Signature method %1 is not supported', [method]);
  return undefined;
}

function checkNonce(db: Database.Database, params: Params, nowMs: number): MagentoReply | undefined {
  const nowS = Math.floor(nowMs / 1000);
  // PHP's (int) cast: leading digits, else 0.
  const timestamp = Number(/^\s*[+-]?\d+/.exec(params.get('oauth_timestamp')!)?.[0] ?? 0);
  if (timestamp <= 0 || timestamp > nowS + TIME_DEVIATION) {
    return magentoError(401, 'An error occurred validating the nonce');
  }
  const key = params.get('oauth_consumer_key')!;
  const nonce = params.get('oauth_nonce')!;
  const fresh = db.transaction(() => {
    db.prepare('DELETE FROM px_nonce WHERE timestamp < ?').run(nowS - NONCE_RETENTION_S);
    const insert = db.prepare(
      'INSERT OR IGNORE INTO px_nonce (consumer_key, nonce, timestamp) VALUES (?, ?, ?)',
    );
    return insert.run(key, nonce, Math.max(timestamp, nowS)).changes === 1;
  })();
  if (!fresh)
    return magentoError(401, 'The nonce is already being used by the consumer with ID %1', [CONSUMER_ID]);
  return undefined;
}

/**
 * Undefined when the request is a valid access-token request, 'guest' when it carries no OAuth
 * header at all (Magento then treats it as anonymous), else Magento's error reply.
 */
export function verifyOAuth(
  req: DemoRequest,
  db: Database.Database,
  nowMs: number,
  creds: PrintXpandCredentials,
): MagentoReply | 'guest' | undefined {
  const params = collectParams(req);
  if (!params) return 'guest';
  const protocol = checkProtocol(params, creds.accessToken.length);
  if (protocol) return protocol;
  const consumerKey = params.get('oauth_consumer_key')!;
  if (consumerKey.length !== creds.consumerKey.length)
    return magentoError(401, 'Consumer key is not the correct length');
  if (consumerKey !== creds.consumerKey)
    return magentoError(401, 'A consumer having the specified key does not exist');
  // The nonce is stored before the token and signature are checked, as in Magento.
  const nonce = checkNonce(db, params, nowMs);
  if (nonce) return nonce;
  if (params.get('oauth_token') !== creds.accessToken)
    return magentoError(401, 'Specified token does not exist');
  const method = params.get('oauth_signature_method')!;
  const expected = sign(
    method,
    baseString(req.method, signedUrl(req), params),
    creds.consumerSecret,
    creds.accessSecret,
  );
  if (!sameString(expected, params.get('oauth_signature')!)) {
    return magentoError(401, 'The signature is invalid. Verify and try again.');
  }
  return undefined;
}
