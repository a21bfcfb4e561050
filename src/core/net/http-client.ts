/**
 * The HTTP client every connector uses: one per connection. Each request waits for the connection's
 * shared rate limiter, is authenticated, bounded by a timeout and cancellable, and either returns a
 * 2xx response or throws an `HttpError` whose kind tells the caller what to do (see http-error.ts).
 * It never retries by itself: retry policy lives in the sync engine and the durable upload queue,
 * which know whether a request is safe to repeat. It does tell the limiter about every 429 and 2xx.
 */
import { StewardError } from '../../shared/errors';
import { assertSignable, authorizationHeader } from './auth';
import type { HttpAuth } from './auth';
import { systemClock } from './clock';
import type { Clock } from './clock';
import { HttpError, kindForStatus } from './http-error';
import type { RateLimiter } from './rate-limiter';
import { parseRetryAfter } from './retry-after';
import { extractServerMessage } from './server-message';
import { createFetchTransport, createUndiciTransport, ResponseTooLargeError } from './transport';
import type { HttpTransport, TransportRequest, TransportResponse } from './transport';
import { encodePairs, parseBaseUrl, parseRawQuery, queryPairs, resolveRequestUrl, withQuery } from './url';
import type { QueryPair, QueryParams } from './url';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpClientOptions {
  baseUrl: string;
  auth?: HttpAuth;
  /** The connection token's limiter (limiter-registry.ts); omit only for remotes with no limit. */
  limiter?: RateLimiter;
  /** Per request, counted from when the limiter lets it go (default 30 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** Headers on every request, e.g. WEXBO's `Content-Type: application/vnd.wexbo.v1`. */
  defaultHeaders?: Record<string, string>;
  /** Refuse bigger request bodies locally (payload_too_large) instead of collecting a 413. */
  maxBodyBytes?: number;
  /** Stop reading a response past this size (default 256 MiB). */
  maxResponseBytes?: number;
  /** Clock for Retry-After dates and OAuth timestamps. */
  clock?: Clock;
  transport?: HttpTransport;
  /** Convenience for tests that inject fetch; cannot send a GET with a body. */
  fetchImpl?: typeof fetch;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Below the base URL, or an absolute URL on the same origin. Encode ids with `percentEncode`. */
  path: string;
  query?: QueryParams;
  headers?: Record<string, string>;
  /** Serialized as JSON (Content-Type application/json unless `headers` or defaults set one). */
  json?: unknown;
  /** A raw body (CSV, XLSX, ZIP); set Content-Type in `headers`. */
  body?: string | Uint8Array;
  /** application/x-www-form-urlencoded fields; included in an OAuth 1.0a signature. */
  form?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** Allows a body on GET (ETIM detail reads, 004_48b37cfc1a1923fe.txt); refused otherwise. */
  bodyOnGet?: boolean;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  method: string;
  headers: Record<string, string>;
  /** The URL requested, without its query string. */
  url: string;
  body: Uint8Array;
  text(): string;
  /** Parsed JSON whatever the Content-Type (ETIM sends JSON as text/html); undefined for no body. */
  json<T = unknown>(): T;
}

export interface HttpClient {
  readonly baseUrl: string;
  request(req: HttpRequest): Promise<HttpResponse>;
}

interface PreparedBody {
  body?: string | Uint8Array;
  contentType?: string;
  formPairs: QueryPair[];
}

function prepareBody(req: HttpRequest): PreparedBody {
  const given = [req.json !== undefined, req.body !== undefined, req.form !== undefined].filter(
    Boolean,
  ).length;
  if (given > 1) throw new StewardError('invalid_input', 'Give a request only one of json, body or form.');
  if (given === 1 && (req.method === 'GET' || req.method === 'HEAD') && !req.bodyOnGet) {
    throw new StewardError(
      'invalid_input',
      `A ${req.method} request carries a body only with bodyOnGet: true.`,
    );
  }
  if (req.json !== undefined)
    return { body: JSON.stringify(req.json), contentType: 'application/json', formPairs: [] };
  if (req.form !== undefined) {
    const formPairs = Object.entries(req.form).map(([k, v]) => [k, v] as const);
    return { body: encodePairs(formPairs), contentType: 'application/x-www-form-urlencoded', formPairs };
  }
  return { body: req.body, formPairs: [] };
}

function byteLength(body: string | Uint8Array | undefined): number {
  if (body === undefined) return 0;
  return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
}

/** Header names are case-insensitive: merge into lower-case keys so a default and an override never both go out. */
function mergeHeaders(...sources: Array<Record<string, string> | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources)
    for (const [name, value] of Object.entries(source ?? {})) out[name.toLowerCase()] = value;
  return out;
}

function makeResponse(res: TransportResponse, method: string, url: string): HttpResponse {
  return {
    status: res.status,
    method,
    headers: res.headers,
    url,
    body: res.body,
    text: () => Buffer.from(res.body).toString('utf8'),
    json<T>(): T {
      const text = Buffer.from(res.body).toString('utf8');
      if (text.trim() === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (cause) {
        throw new HttpError({
          kind: 'unexpected',
          status: res.status,
          method,
          url,
          detail: 'the response is not valid JSON',
          body: text.slice(0, 2048),
          cause,
        });
      }
    },
  };
}

function networkError(
  err: unknown,
  method: string,
  url: string,
  timedOut: boolean,
  timeoutMs: number,
): HttpError {
  if (err instanceof ResponseTooLargeError) {
    return new HttpError({ kind: 'unexpected', status: 0, method, url, detail: err.message, cause: err });
  }
  const code =
    (err as { code?: unknown; cause?: { code?: unknown } })?.code ??
    (err as { cause?: { code?: unknown } })?.cause?.code;
  const detail = timedOut
    ? `no response within ${timeoutMs} ms`
    : `${err instanceof Error ? err.message : String(err)}${typeof code === 'string' ? ` (${code})` : ''}`;
  return new HttpError({ kind: 'transient', status: 0, method, url, detail, cause: err });
}

function statusError(res: TransportResponse, method: string, url: string, now: number): HttpError {
  const text = Buffer.from(res.body).toString('utf8');
  const { message, field } = extractServerMessage(text);
  const location = res.status >= 300 && res.status < 400 ? res.headers.location : undefined;
  return new HttpError({
    kind: kindForStatus(res.status),
    status: res.status,
    method,
    url,
    serverMessage: message,
    field,
    retryAfterMs: parseRetryAfter(res.headers['retry-after'], now),
    body: text.slice(0, 2048),
    ...(location ? { detail: `moved to ${location}` } : {}),
  });
}

/** One attempt on the wire, bounded by the timeout; the caller's own abort wins over a timeout. */
async function transmit(
  transport: HttpTransport,
  req: Omit<TransportRequest, 'signal'>,
  userSignal: AbortSignal | undefined,
  timeoutMs: number,
  bareUrl: string,
): Promise<TransportResponse> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error('timeout')), timeoutMs);
  const signal = userSignal ? AbortSignal.any([userSignal, timeout.signal]) : timeout.signal;
  try {
    return await transport({ ...req, signal });
  } catch (err) {
    if (userSignal?.aborted) throw userSignal.reason;
    throw networkError(err, req.method, bareUrl, timeout.signal.aborted, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const base = parseBaseUrl(opts.baseUrl);
  const auth: HttpAuth = opts.auth ?? { kind: 'none' };
  const clock = opts.clock ?? systemClock;
  const transport =
    opts.transport ?? (opts.fetchImpl ? createFetchTransport(opts.fetchImpl) : createUndiciTransport());
  const defaultTimeout = opts.timeoutMs ?? 30_000;
  const maxResponseBytes = opts.maxResponseBytes ?? 256 * 1024 * 1024;

  async function send(req: HttpRequest): Promise<HttpResponse> {
    const method = req.method.toUpperCase();
    const prepared = prepareBody(req);
    const target = withQuery(resolveRequestUrl(base, req.path), queryPairs(req.query));
    const bareUrl = `${target.origin}${target.pathname}`;
    const size = byteLength(prepared.body);
    if (opts.maxBodyBytes !== undefined && size > opts.maxBodyBytes) {
      throw new HttpError({
        kind: 'payload_too_large',
        status: 0,
        method,
        url: bareUrl,
        detail: `the body is ${size} bytes and the remote accepts at most ${opts.maxBodyBytes}; not sent`,
      });
    }

    const signedParams = [...parseRawQuery(target.search), ...prepared.formPairs];
    assertSignable(auth, signedParams);
    const permit = await opts.limiter?.acquire(req.signal);
    let res: TransportResponse;
    try {
      req.signal?.throwIfAborted();
      // Signed after the limiter wait, so an OAuth timestamp is never stale by a Retry-After pause.
      const headers = mergeHeaders(
        { ...(opts.userAgent ? { 'user-agent': opts.userAgent } : {}) },
        { ...(prepared.contentType ? { 'content-type': prepared.contentType } : {}) },
        opts.defaultHeaders,
        req.headers,
      );
      const authorization = authorizationHeader(auth, {
        method,
        baseUrl: bareUrl,
        params: signedParams,
        now: clock.now(),
      });
      if (authorization) headers.authorization = authorization;
      res = await transmit(
        transport,
        { method, url: target.href, headers, body: prepared.body, maxResponseBytes },
        req.signal,
        req.timeoutMs ?? defaultTimeout,
        bareUrl,
      );
    } finally {
      permit?.done();
    }

    if (res.status >= 200 && res.status < 300) {
      opts.limiter?.onSuccess();
      return makeResponse(res, method, bareUrl);
    }
    const error = statusError(res, method, bareUrl, clock.now());
    if (error.kind === 'rate_limited') opts.limiter?.onRateLimited(error.retryAfterMs);
    throw error;
  }

  return { baseUrl: base.href, request: send };
}
