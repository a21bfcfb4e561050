/**
 * The process-wide registry of rate limiters. Remotes limit per token (WEXBO: 5 requests/s "for one
 * connection (token)", 001_15500709165aa147.txt), so the key is the remote origin plus a fingerprint
 * of the credential: two connections that share a token share one limiter, and the sync engine and
 * the upload queue of one connection never get separate budgets.
 */
import { createHash } from 'node:crypto';
import { createRateLimiter } from './rate-limiter';
import type { RateLimiter, RateLimiterOptions } from './rate-limiter';

const limiters = new Map<string, RateLimiter>();

/**
 * Returns the limiter for `key`, creating it on first use. A later call with another declared rate
 * re-declares the rate (the connection's settings changed); other options only apply on creation.
 */
export function getLimiter(key: string, opts: RateLimiterOptions): RateLimiter {
  const existing = limiters.get(key);
  if (existing) {
    if (existing.state().declaredRps !== opts.requestsPerSecond)
      existing.setDeclaredRate(opts.requestsPerSecond);
    return existing;
  }
  const created = createRateLimiter(opts);
  limiters.set(key, created);
  return created;
}

/** Drops a limiter (connection removed, or a test cleaning up). Waiting callers keep their limiter. */
export function forgetLimiter(key: string): boolean {
  return limiters.delete(key);
}

/**
 * A registry key that never contains the secret itself: the origin of the remote and a truncated
 * SHA-256 of the credential (a token, `user:password`, or an OAuth consumer key and token).
 */
export function limiterKey(baseUrl: string, credential: string): string {
  const origin = new URL(baseUrl).origin;
  const fingerprint = createHash('sha256').update(credential, 'utf8').digest('hex').slice(0, 24);
  return `${origin}#${fingerprint}`;
}
