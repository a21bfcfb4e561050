/**
 * The tracker's two ways of waiting. `runLoop`: poll what is due, then sleep on the injected clock
 * until the next job is due (or, with nothing open, until woken), never spinning. `sendWithRetry`:
 * an upload or trigger the server refused before acting on it (429, 503) is sent again after its
 * Retry-After; anything else is not, because a repeated upload could start the import twice.
 */
import { isHttpError } from '../net/http-error';
import type { Clock } from '../net/clock';
import type { RemoteJobStatus } from '../connectors/types';
import type { PollTiming } from './schedule';

export interface LoopDeps {
  closing: AbortSignal;
  /** Aborted when a new job arrives; `rearm` replaces it after it fired. */
  wakeSignal: () => AbortSignal;
  rearm: () => void;
  poll: () => Promise<unknown>;
  nextDueAt: () => Promise<string | null>;
  /** The longest sleep, or null for none (then, with nothing due, the loop waits to be woken). */
  maxWaitMs: () => number | null;
  now: () => Date;
  clock: Clock;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export async function runLoop(d: LoopDeps): Promise<void> {
  while (!d.closing.aborted) {
    await d.poll();
    if (d.closing.aborted) return;
    const due = await d.nextDueAt();
    const cap = d.maxWaitMs();
    const signal = AbortSignal.any([d.closing, d.wakeSignal()]);
    if (due === null && cap === null) {
      await untilAborted(signal);
    } else {
      const untilDue = due === null ? Infinity : Math.max(0, Date.parse(due) - d.now().getTime());
      const wait = Math.min(untilDue, cap ?? Infinity);
      try {
        await d.clock.sleep(wait, signal);
      } catch (err) {
        // Woken or closing: both are the way out of a sleep. Anything else is the clock failing.
        if (!signal.aborted) throw err;
      }
    }
    d.rearm();
  }
}

/** Statuses at which the server refused the request before doing anything with it. */
const REFUSED_BEFORE_ACTING = new Set([429, 503]);
const MAX_SENDS = 3;

export async function sendWithRetry(
  send: (signal: AbortSignal) => Promise<RemoteJobStatus>,
  timing: PollTiming,
  clock: Clock,
  signal: AbortSignal,
): Promise<RemoteJobStatus> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(signal);
    } catch (err) {
      const again =
        attempt < MAX_SENDS && isHttpError(err) && err.retryable && REFUSED_BEFORE_ACTING.has(err.status);
      if (!again) throw err;
      const backoff = Math.min(timing.quietMaxMs, timing.fastMs * 2 ** attempt);
      await clock.sleep(Math.max(backoff, err.retryAfterMs ?? 0), signal);
    }
  }
}
