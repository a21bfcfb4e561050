/**
 * When to try again after a failed request, for the sync engine and the durable upload queue (which
 * stores the answer as `next_attempt_at`). Exponential backoff with full jitter, so many records that
 * failed together do not come back together, and never sooner than the server's Retry-After.
 */
import { isHttpError } from './http-error';

export interface BackoffOptions {
  /** Delay scale of the first retry (default 1 s). */
  baseMs?: number;
  /** Cap of the exponential part (default 5 min). */
  maxMs?: number;
  /** [0, 1) source; inject for deterministic tests. */
  random?: () => number;
}

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempt counts from 0), or undefined when the
 * error is not worth retrying (validation, auth, lock, credit, unknown errors).
 */
export function retryDelayMs(err: unknown, attempt: number, opts: BackoffOptions = {}): number | undefined {
  if (!isHttpError(err) || !err.retryable) return undefined;
  const base = opts.baseMs ?? 1000;
  const cap = opts.maxMs ?? 300_000;
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, Math.min(attempt, 30)));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, err.retryAfterMs ?? 0);
}
