/**
 * The wire under the HTTP client, swappable for tests or an in-process demo PIM.
 *
 * The default is undici's `request`, not `fetch`: ETIM reads product details with a GET that carries
 * a JSON array of ids (004_48b37cfc1a1923fe.txt) and deletes with a DELETE that carries one, and the
 * fetch standard forbids a body on GET. Redirects are not followed: WEXBO answers 301 for a moved
 * endpoint (001_15500709165aa147.txt) and silently re-sending credentials elsewhere is not our call.
 */
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { StewardError } from '../../shared/errors';

export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal: AbortSignal;
  /** The transport stops reading (and throws `ResponseTooLargeError`) past this many bytes. */
  maxResponseBytes: number;
}

export interface TransportResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
}

export type HttpTransport = (req: TransportRequest) => Promise<TransportResponse>;

export class ResponseTooLargeError extends Error {
  constructor(limit: number) {
    super(`response body larger than ${limit} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

function normalizeHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readBounded(chunks: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > limit) throw new ResponseTooLargeError(limit);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

export function createUndiciTransport(dispatcher?: Dispatcher): HttpTransport {
  return async (req) => {
    const res = await request(req.url, {
      method: req.method as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body,
      signal: req.signal,
      ...(dispatcher ? { dispatcher } : {}),
    });
    try {
      const body = await readBounded(res.body, req.maxResponseBytes);
      return { status: res.statusCode, headers: normalizeHeaders(res.headers), body };
    } catch (err) {
      res.body.destroy();
      throw err;
    }
  };
}

/** For callers that must inject a fetch. It cannot send a GET with a body (see the note above). */
export function createFetchTransport(fetchImpl: typeof fetch): HttpTransport {
  return async (req) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.body !== undefined) {
      throw new StewardError(
        'invalid_input',
        `fetch cannot send a body with ${req.method}; use the default (undici) transport for this request.`,
      );
    }
    const res = await fetchImpl(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: req.signal,
      redirect: 'manual',
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    const body = res.body ? await readBounded(res.body, req.maxResponseBytes) : new Uint8Array();
    return { status: res.status, headers, body };
  };
}
