/**
 * Wires one connection's HTTP client the only correct way: its limiter comes from the registry keyed
 * by origin + credential, so the sync engine, the upload queue and any other connection using the same
 * token share one budget; and bodies over the remote's limit are refused before they cost a 413.
 */
import { credentialId } from './auth';
import type { HttpAuth } from './auth';
import type { Clock } from './clock';
import { createHttpClient } from './http-client';
import type { HttpClient } from './http-client';
import { getLimiter, limiterKey } from './limiter-registry';
import type { HttpTransport } from './transport';

export interface ConnectionHttpOptions {
  baseUrl: string;
  auth: HttpAuth;
  limits: { requestsPerSecond: number; maxBodyBytes?: number };
  userAgent: string;
  timeoutMs?: number;
  defaultHeaders?: Record<string, string>;
  /** Used by the limiter too, but only when this call creates it. */
  clock?: Clock;
  transport?: HttpTransport;
}

export function createConnectionHttpClient(opts: ConnectionHttpOptions): HttpClient {
  const limiter = getLimiter(limiterKey(opts.baseUrl, credentialId(opts.auth)), {
    requestsPerSecond: opts.limits.requestsPerSecond,
    clock: opts.clock,
  });
  return createHttpClient({
    baseUrl: opts.baseUrl,
    auth: opts.auth,
    limiter,
    userAgent: opts.userAgent,
    timeoutMs: opts.timeoutMs,
    defaultHeaders: opts.defaultHeaders,
    maxBodyBytes: opts.limits.maxBodyBytes,
    clock: opts.clock,
    transport: opts.transport,
  });
}
