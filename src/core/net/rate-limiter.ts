/**
 * One rate limiter per remote connection token, shared by the sync engine and the upload queue.
 *
 * Written here rather than taken from a library: the common limiters (bottleneck, p-limit, p-throttle,
 * limiter) either count fixed windows, which lets 2× the rate through across a window edge, or have no
 * notion of a server-imposed pause, so none honours Retry-After or slows down after a 429.
 *
 * Guarantees (WEXBO allows 5 requests/s per token and answers 429 past it: 001_15500709165aa147.txt):
 * - Strict spacing: two grants are never closer than `intervalMs` = 1000 / rate × (1 + margin).
 *   Spacing alone bounds every sliding one-second window: n grants need (n − 1) × interval ≤ 1000 ms,
 *   so with interval > 1000 / rps at most rps grants fit in any window, wherever it starts. The margin
 *   absorbs network jitter between our grant and the server's arrival clock (3 % of 200 ms summed
 *   over five intervals tolerates 30 ms of jitter) and still leaves 97 % of the allowed throughput.
 * - `onRateLimited(retryAfterMs)` blocks every caller until Retry-After has passed. Without
 *   Retry-After it blocks for `cooldownMs` and halves the rate (at most once per cooldown, so the
 *   429s of requests already in flight do not collapse the rate); `onSuccess` then adds the rate back
 *   in small steps up to the declared rate.
 * - FIFO order, so neither sync nor upload starves the other; a waiting acquire can be cancelled.
 */
import { systemClock } from './clock';
import type { Clock } from './clock';

export interface RateLimiterOptions {
  /** The rate the remote declares, e.g. 5 for WEXBO. */
  requestsPerSecond: number;
  clock?: Clock;
  /** Extra spacing as a fraction of the interval (default 0.03). */
  marginRatio?: number;
  /** Multiplicative decrease after a 429 without Retry-After (default 0.5). */
  decreaseFactor?: number;
  /** Floor of the adaptive rate (default declared / 16). */
  minRequestsPerSecond?: number;
  /** Requests/s added back per success (default declared / 20). */
  recoveryStep?: number;
  /** Pause after a 429 without Retry-After, and the minimum time between two decreases (default 1000). */
  cooldownMs?: number;
  /** Upper bound on a Retry-After pause, so a bogus header cannot park the app for days (default 1 h). */
  maxRetryAfterMs?: number;
}

export interface RateLimiterState {
  declaredRps: number;
  currentRps: number;
  intervalMs: number;
  /** Epoch ms before which nothing is granted (0 when not blocked). */
  blockedUntil: number;
  waiting: number;
}

export interface RateLimiter {
  /** Resolves when the caller may send one request; rejects with the signal's reason if cancelled. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Report a 429. `retryAfterMs` is the parsed Retry-After, when the server sent one. */
  onRateLimited(retryAfterMs?: number): void;
  /** Report a successful response (lets the rate recover after a decrease). */
  onSuccess(): void;
  /** The remote's declared rate changed (connection settings edited). */
  setDeclaredRate(requestsPerSecond: number): void;
  state(): RateLimiterState;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

function assertRate(rps: number): void {
  if (!Number.isFinite(rps) || rps <= 0) throw new RangeError(`requestsPerSecond must be > 0, got ${rps}`);
}

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  assertRate(opts.requestsPerSecond);
  const clock = opts.clock ?? systemClock;
  const margin = opts.marginRatio ?? 0.03;
  const factor = opts.decreaseFactor ?? 0.5;
  const cooldownMs = opts.cooldownMs ?? 1000;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 3_600_000;
  let declared = opts.requestsPerSecond;
  let current = declared;
  let lastGrantAt = -Infinity;
  let lastDecreaseAt = -Infinity;
  let blockedUntil = 0;
  const queue: Waiter[] = [];
  let pumping = false;
  let wake: AbortController | undefined;

  const minRate = (): number => opts.minRequestsPerSecond ?? declared / 16;
  const step = (): number => opts.recoveryStep ?? declared / 20;
  const intervalMs = (): number => (1000 / current) * (1 + margin);
  const nextSlot = (): number => Math.max(lastGrantAt + intervalMs(), blockedUntil);

  /** State changed while the pump sleeps: make it recompute its next slot. */
  const rouse = (): void => wake?.abort();

  const grantHead = (): void => {
    const w = queue.shift() as Waiter;
    if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
    lastGrantAt = clock.now();
    w.resolve();
  };

  // One loop hands out slots in order; it sleeps until the head's slot and re-plans when woken.
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const wait = nextSlot() - clock.now();
        if (wait <= 0) {
          grantHead();
          continue;
        }
        wake = new AbortController();
        try {
          await clock.sleep(wait, wake.signal);
        } catch {
          // woken early: plan again
        } finally {
          wake = undefined;
        }
      }
    } finally {
      pumping = false;
    }
  };

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, reject, signal };
        if (signal) {
          waiter.onAbort = () => {
            const i = queue.indexOf(waiter);
            if (i >= 0) queue.splice(i, 1);
            // Nobody left: let the pump stop instead of sleeping out a long Retry-After.
            if (queue.length === 0) rouse();
            reject(signal.reason);
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        queue.push(waiter);
        void pump();
      });
    },
    onRateLimited(retryAfterMs) {
      const now = clock.now();
      if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) {
        blockedUntil = Math.max(blockedUntil, now + Math.min(Math.max(0, retryAfterMs), maxRetryAfterMs));
      } else {
        blockedUntil = Math.max(blockedUntil, now + cooldownMs);
        if (now - lastDecreaseAt >= cooldownMs) {
          current = Math.max(minRate(), current * factor);
          lastDecreaseAt = now;
        }
      }
      rouse();
    },
    onSuccess() {
      if (current >= declared) return;
      current = Math.min(declared, current + step());
      rouse();
    },
    setDeclaredRate(rps) {
      assertRate(rps);
      const wasFull = current >= declared;
      declared = rps;
      current = wasFull ? declared : Math.max(minRate(), Math.min(current, declared));
      rouse();
    },
    state: () => ({
      declaredRps: declared,
      currentRps: current,
      intervalMs: intervalMs(),
      blockedUntil: blockedUntil > clock.now() ? blockedUntil : 0,
      waiting: queue.length,
    }),
  };
}
