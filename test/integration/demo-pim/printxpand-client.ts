/**
 * A PrintXpand test client that signs like a real integration would, with the maintained
 * oauth-1.0a signer (not our own code), against a harness whose clock it reads.
 */
import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { DEMO_PRINTXPAND_CREDENTIALS } from '../../../src/core/demo-pim/printxpand';
import type { PrintXpandCredentials } from '../../../src/core/demo-pim/printxpand';
import type { SystemHarness } from './system-harness';

export type SignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

export interface CallOptions {
  method?: string;
  signature?: SignatureMethod;
  creds?: PrintXpandCredentials;
  /** Raw body text (defaults to JSON of the payload). */
  rawBody?: string;
  contentType?: string | null;
  /** Form fields to sign (for form-encoded bodies). */
  signedData?: Record<string, string>;
  /** Query string appended after signing, to tamper with it. */
  tamperQuery?: string;
  /** Replaces the Authorization header. */
  authorization?: string | null;
}

export interface RecordResult {
  id?: string | number;
  code: string | number;
  status: string;
  message: string;
}

export function signer(h: SystemHarness, method: SignatureMethod, creds: PrintXpandCredentials): OAuth {
  const algorithm = method === 'HMAC-SHA256' ? 'sha256' : 'sha1';
  const oauth = new OAuth({
    consumer: { key: creds.consumerKey, secret: creds.consumerSecret },
    signature_method: method,
    hash_function: (base, key) => createHmac(algorithm, key).update(base).digest('base64'),
  });
  // The server checks timestamps against its own (fake) clock.
  oauth.getTimeStamp = () => Math.floor(h.clock.now / 1000);
  return oauth;
}

export async function call(
  h: SystemHarness,
  path: string,
  payload: unknown,
  opts: CallOptions = {},
): Promise<Response> {
  const method = opts.method ?? 'POST';
  const creds = opts.creds ?? DEMO_PRINTXPAND_CREDENTIALS;
  const url = `${h.url}/rest/V1/${path}`;
  const oauth = signer(h, opts.signature ?? 'HMAC-SHA256', creds);
  const auth = oauth.authorize(
    { url, method, data: opts.signedData },
    { key: creds.accessToken, secret: creds.accessSecret },
  );
  const headers: Record<string, string> = {};
  if (opts.authorization !== null)
    headers.Authorization = opts.authorization ?? oauth.toHeader(auth).Authorization;
  if (opts.contentType !== null) headers['Content-Type'] = opts.contentType ?? 'application/json';
  // A Buffer body keeps fetch from adding a Content-Type of its own.
  const body = method === 'GET' ? undefined : Buffer.from(opts.rawBody ?? JSON.stringify(payload));
  return fetch(url + (opts.tamperQuery ?? ''), { method, headers, body });
}

/** Calls and returns the per-record results, expecting HTTP 200. */
export async function records(h: SystemHarness, path: string, payload: unknown): Promise<RecordResult[]> {
  const res = await call(h, path, payload);
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { response: RecordResult[] }[];
  if (body.length !== 1) throw new Error(`${path}: expected one response envelope`);
  return body[0]!.response;
}
