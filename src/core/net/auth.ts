/**
 * Request authentication for the three schemes the five remotes use (seeds/README.md):
 * - bearer: WEXBO `Authorization: Bearer {API_TOKEN}` (001_15500709165aa147.txt); Wizart issues typed
 *   tokens (Bearer, Web, Android, iOS, Direct: 000_e06ea13dbfabb382.txt) whose header syntax the
 *   public document does not show, so the scheme word is a connection setting (`tokenType`).
 * - basic: ETIM and Broadleaf (004_48b37cfc1a1923fe.txt, 002_dd6ca172e7a2ab05.txt).
 * - oauth1: PrintXpand on Magento 2 (003_f9a1ab627ff386f6.txt), signed with the `oauth-1.0a` package.
 *   Magento rebuilds the signature base string from the method, the URL without query, the OAuth
 *   header parameters, the query parameters (rawurldecoded, a repeated key keeps only its last value)
 *   and, for application/x-www-form-urlencoded bodies only, the form fields; a JSON body is not signed.
 *   We sign exactly that set and refuse repeated query keys, which Magento would verify differently.
 */
import { createHmac, randomBytes } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { StewardError } from '../../shared/errors';
import type { QueryPair } from './url';

export type HttpAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string; /** Scheme word, default `Bearer`. */ tokenType?: string }
  | { kind: 'basic'; username: string; password: string }
  | {
      kind: 'oauth1';
      consumerKey: string;
      consumerSecret: string;
      token: string;
      tokenSecret: string;
      /** Magento 2.4 accepts both; SHA-256 unless the installation is older. */
      signatureMethod?: 'HMAC-SHA256' | 'HMAC-SHA1';
      realm?: string;
    };

export interface SignableRequest {
  method: string;
  /** Absolute URL without query string. */
  baseUrl: string;
  /** Decoded query pairs plus, for form bodies, the decoded form fields. */
  params: readonly QueryPair[];
  /** Epoch ms, for the OAuth timestamp. */
  now: number;
}

/** A stable, non-secret description of the credential for the limiter registry key. */
export function credentialId(auth: HttpAuth): string {
  switch (auth.kind) {
    case 'none':
      return 'none';
    case 'bearer':
      return `bearer:${auth.token}`;
    case 'basic':
      return `basic:${auth.username}:${auth.password}`;
    case 'oauth1':
      return `oauth1:${auth.consumerKey}:${auth.token}`;
  }
}

function basicHeader(username: string, password: string): string {
  if (username.includes(':')) {
    throw new StewardError('invalid_input', 'An HTTP Basic user name cannot contain ":".');
  }
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function hmac(algorithm: 'sha1' | 'sha256') {
  return (baseString: string, key: string): string =>
    createHmac(algorithm, key).update(baseString).digest('base64');
}

function oauthData(params: readonly QueryPair[]): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, value] of params) {
    if (Object.hasOwn(data, key)) {
      throw new StewardError(
        'invalid_input',
        `OAuth 1.0a request repeats the parameter "${key}": Magento keeps only the last value, so the signature would not verify.`,
      );
    }
    data[key] = value;
  }
  return data;
}

function oauth1Header(auth: Extract<HttpAuth, { kind: 'oauth1' }>, req: SignableRequest): string {
  const method = auth.signatureMethod ?? 'HMAC-SHA256';
  const oauth = new OAuth({
    consumer: { key: auth.consumerKey, secret: auth.consumerSecret },
    signature_method: method,
    hash_function: hmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256'),
    ...(auth.realm ? { realm: auth.realm } : {}),
  });
  // The package draws nonces from Math.random and reads the wall clock; use a CSPRNG and our clock.
  oauth.getNonce = () => randomBytes(16).toString('hex');
  oauth.getTimeStamp = () => Math.floor(req.now / 1000);
  const signed = oauth.authorize(
    { url: req.baseUrl, method: req.method, data: oauthData(req.params) },
    { key: auth.token, secret: auth.tokenSecret },
  );
  return oauth.toHeader(signed).Authorization;
}

/** Throws the signing error now, before the request spends a rate-limiter slot. */
export function assertSignable(auth: HttpAuth, params: readonly QueryPair[]): void {
  if (auth.kind === 'oauth1') oauthData(params);
}

/** The Authorization header value for a request, or undefined when the connection has no auth. */
export function authorizationHeader(auth: HttpAuth, req: SignableRequest): string | undefined {
  switch (auth.kind) {
    case 'none':
      return undefined;
    case 'bearer':
      return `${auth.tokenType ?? 'Bearer'} ${auth.token}`;
    case 'basic':
      return basicHeader(auth.username, auth.password);
    case 'oauth1':
      return oauth1Header(auth, req);
  }
}
