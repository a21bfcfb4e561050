/**
 * What a failed request means for the queue (DESIGN.md, Push; HttpError kinds in net/http-error.ts):
 * - 429, 503, 408, other 5xx, network errors and timeouts: retry with backoff, honouring Retry-After.
 *   Only 429, 503 and 408 say the request was not processed; after a 500, a reset or a timeout it may
 *   have been, so the operations stay "uncertain" (a non-idempotent create is looked up first).
 * - 413: split the batch; 400/409/422/404 for a whole request: narrow it down to the records at fault.
 * - 401, 423, 403, 426 and answers that make no sense as a status: stop the connection, no retry
 *   (WEXBO locks a token after 5 failed logins, 001_15500709165aa147.txt).
 * - 402: pause the connection until the user resumes it.
 * Anything else (a connector that could not read a 2xx answer) leaves the outcome unknown.
 */
import type { ConnectionStatus } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import { HttpError, isHttpError, retryDelayMs } from '../net';
import { describeFailure } from '../sync/service';

export type Failure =
  | { kind: 'abort' }
  | { kind: 'retry'; error: HttpError; message: string; uncertain: boolean }
  | { kind: 'split'; message: string }
  | { kind: 'bisect'; message: string }
  | { kind: 'stop'; error: unknown; message: string; status: ConnectionStatus }
  | { kind: 'pause'; error: unknown; message: string }
  | { kind: 'unknown'; error: unknown; message: string };

/** The request ran past the queue's own timeout: a network failure whose outcome is unknown. */
export function timeoutError(ms: number, what: string): HttpError {
  return new HttpError({
    kind: 'transient',
    status: 0,
    method: what,
    url: '',
    detail: `no answer within ${ms} ms`,
  });
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function classify(err: unknown, aborted: boolean): Failure {
  if (aborted) return { kind: 'abort' };
  if (!isHttpError(err)) {
    if (err instanceof StewardError && err.code === 'unauthorized') {
      return { kind: 'stop', error: err, ...describe(err) };
    }
    return { kind: 'unknown', error: err, message: messageOf(err) };
  }
  switch (err.kind) {
    case 'rate_limited':
    case 'maintenance':
      return { kind: 'retry', error: err, message: err.message, uncertain: false };
    case 'transient':
      // 408: the server gave up reading the request; 0 and 5xx: it may have acted on it.
      return { kind: 'retry', error: err, message: err.message, uncertain: err.status !== 408 };
    case 'payload_too_large':
      return { kind: 'split', message: err.serverMessage ?? err.message };
    case 'validation':
    case 'not_found':
      return { kind: 'bisect', message: err.serverMessage ?? err.message };
    case 'payment_required':
      return { kind: 'pause', error: err, message: describeFailure(err).message };
    case 'unexpected':
      // A 2xx we could not read: the remote may have done the work.
      if (err.status >= 200 && err.status < 300) return { kind: 'unknown', error: err, message: err.message };
      return { kind: 'stop', error: err, ...describe(err) };
    default:
      return { kind: 'stop', error: err, ...describe(err) };
  }
}

function describe(err: unknown): { message: string; status: ConnectionStatus } {
  const d = describeFailure(err);
  return { message: d.message.replace(/sync again/g, 'push again'), status: d.status };
}

/** Milliseconds before the next attempt, never sooner than Retry-After. */
export function backoffMs(
  err: unknown,
  attempt: number,
  opts: { baseMs?: number; random?: () => number },
): number {
  const fromHttp = retryDelayMs(err, attempt, opts);
  if (fromHttp !== undefined) return fromHttp;
  const base = opts.baseMs ?? 1000;
  const ceiling = Math.min(300_000, base * 2 ** Math.min(attempt, 30));
  return Math.floor((opts.random ?? Math.random)() * ceiling);
}
