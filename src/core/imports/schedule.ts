/**
 * When to ask a remote about a job again. Fast while the job moves, slower the longer it does not,
 * slower still the longer it has run (a two-hour Broadleaf import does not need a poll a second), and
 * after a failed poll an exponential backoff that never undercuts the server's Retry-After. The
 * connector's shared rate limiter (net/limiter-registry.ts) spaces the requests themselves.
 */
import { isHttpError } from '../net/http-error';
import { isStewardError } from '../../shared/errors';

export interface PollTiming {
  /** First poll after the upload, and the interval while a young job moves (default 1 s). */
  fastMs: number;
  /** Longest interval while a job moves (default 15 s). */
  movingMaxMs: number;
  /** Longest interval while a job does not move, and for stuck jobs (default 60 s). */
  quietMaxMs: number;
  /** Interval after the remote refused the credentials: never hammer a login (default 10 min). */
  authRetryMs: number;
  /** Upper bound of any backoff (default 1 h). */
  maxBackoffMs: number;
}

export const DEFAULT_TIMING: PollTiming = {
  fastMs: 1000,
  movingMaxMs: 15_000,
  quietMaxMs: 60_000,
  authRetryMs: 10 * 60_000,
  maxBackoffMs: 60 * 60_000,
};

/** The wait after a successful poll; `ageMs` is how long the job has existed. */
export function nextPollDelay(t: PollTiming, moved: boolean, quietPolls: number, ageMs: number): number {
  // A job that has run for 10 minutes is polled about every 30 s while it moves (capped).
  const moving = Math.min(t.movingMaxMs, Math.max(t.fastMs, Math.round(ageMs / 20)));
  if (moved) return moving;
  return Math.min(t.quietMaxMs, moving * 2 ** Math.min(quietPolls, 20));
}

export type PollFailure =
  /** Worth trying again soon: 429, 503, 5xx, network. */
  | { kind: 'retry'; delayMs: number }
  /** The credentials were refused or are missing: try again rarely. */
  | { kind: 'auth'; delayMs: number }
  /** The remote does not know the job (any more). */
  | { kind: 'gone' }
  /** Anything else: an answer we cannot read, a refused request. Try again slowly. */
  | { kind: 'other'; delayMs: number };

const AUTH_KINDS = new Set(['unauthorized', 'locked', 'forbidden', 'payment_required']);

/** `failedPolls` counts this failure too (1 for the first). */
export function classifyPollError(err: unknown, failedPolls: number, t: PollTiming): PollFailure {
  const n = Math.max(1, failedPolls);
  const grow = (base: number) => Math.min(t.maxBackoffMs, base * 2 ** Math.min(n - 1, 20));
  if (isHttpError(err)) {
    if (err.kind === 'not_found') return { kind: 'gone' };
    if (AUTH_KINDS.has(err.kind)) return { kind: 'auth', delayMs: grow(t.authRetryMs) };
    if (err.retryable) {
      const backoff = Math.min(t.quietMaxMs, t.fastMs * 2 ** Math.min(n, 20));
      return { kind: 'retry', delayMs: Math.max(backoff, err.retryAfterMs ?? 0) };
    }
    return { kind: 'other', delayMs: grow(t.quietMaxMs) };
  }
  // A secret that is missing or unreadable: the connector could not even be built.
  if (isStewardError(err) && err.code === 'unauthorized')
    return { kind: 'auth', delayMs: grow(t.authRetryMs) };
  return { kind: 'other', delayMs: grow(t.quietMaxMs) };
}
