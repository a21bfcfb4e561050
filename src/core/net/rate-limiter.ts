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
 * - Slow requests are compensated. The server counts a request when it arrives, which can be well
 *   after our grant: the first request of a run waits for the TCP and TLS handshakes, a big PUT for
 *   its body. So each grant also waits until one second (plus margin) after the grant `rps` places
 *   before it, extended by how much slower than usual that request's round trip was (the permit's
 *   `done()` reports it). A handshake of 40 ms on request 1 then delays request 6 by 40 ms instead of
 *   landing six requests in the server's window.
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
  /** Upper bound of the slow-request compensation per grant (default 2000). */
  maxCompensationMs?: number;
}

export interface RateLimiterState {
  declaredRps: number;
  currentRps: number;
  intervalMs: number;
  /** Epoch ms before which nothing is granted (0 when not blocked). */
  blockedUntil: number;
  waiting: number;
}

/** One granted request. */
export interface Permit {
  /** The response (or the failure) is back. Optional, but it lets the limiter see slow requests. */
  done(): void;
}

export interface RateLimiter {
  /** Resolves when the caller may send one request; rejects with the signal's reason if cancelled. */
  acquire(signal?: AbortSignal): Promise<Permit>;
  /** Report a 429. `retryAfterMs` is the parsed Retry-After, when the server sent one. */
  onRateLimited(retryAfterMs?: number): void;
  /** Report a successful response (lets the rate recover after a decrease). */
  onSuccess(): void;
  /** The remote's declared rate changed (connection settings edited). */
  setDeclaredRate(requestsPerSecond: number): void;
  state(): RateLimiterState;
}

interface Waiter {
  resolve: (permit: Permit) => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Grant {
  at: number;
  rtt?: number;
}

interface Limiter {
  clock: Clock;
  margin: number;
  maxCompensationMs: number;
  declared: number;
  current: number;
  lastDecreaseAt: number;
  blockedUntil: number;
  /** The most recent grants, oldest first, at most `floor(declared)`. */
  grants: Grant[];
  /** Round trips of the last completed requests. */
  rtts: number[];
  queue: Waiter[];
  pumping: boolean;
  wake: AbortController | undefined;
}

const RTT_SAMPLES = 32;

function assertRate(rps: number): void {
  if (!Number.isFinite(rps) || rps <= 0) throw new RangeError(`requestsPerSecond must be > 0, got ${rps}`);
}

const intervalMs = (l: Limiter): number => (1000 / l.current) * (1 + l.margin);
const windowSize = (l: Limiter): number => Math.max(1, Math.floor(l.declared));

/** State changed while the pump sleeps: make it plan again. */
function rouse(l: Limiter): void {
  l.wake?.abort();
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function nextSlot(l: Limiter): number {
  const last = l.grants[l.grants.length - 1];
  let slot = Math.max(last ? last.at + intervalMs(l) : -Infinity, l.blockedUntil);
  const n = windowSize(l);
  if (l.grants.length >= n) {
    // The grant n places back shares a window with this one: start one second after it arrived,
    // taking its round trip beyond the usual one as the worst case for its arrival.
    const g = l.grants[l.grants.length - n] as Grant;
    // The median, not the fastest: on a loaded machine the fastest round trip is rare, and measuring
    // lateness against it held every grant back (0.92 of the allowed rate instead of 0.94 at load 6).
    const usual = median(l.rtts);
    const late = g.rtt === undefined ? 0 : Math.min(l.maxCompensationMs, Math.max(0, g.rtt - usual));
    slot = Math.max(slot, g.at + 1000 * (1 + l.margin) + late);
  }
  return slot;
}

function grantHead(l: Limiter): void {
  const w = l.queue.shift() as Waiter;
  if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
  const grant: Grant = { at: l.clock.now() };
  l.grants.push(grant);
  while (l.grants.length > windowSize(l)) l.grants.shift();
  w.resolve({
    done: () => {
      if (grant.rtt !== undefined) return;
      grant.rtt = l.clock.now() - grant.at;
      l.rtts.push(grant.rtt);
      if (l.rtts.length > RTT_SAMPLES) l.rtts.shift();
      if (l.queue.length > 0) rouse(l);
    },
  });
}

/** One loop hands out slots in order; it sleeps until the head's slot and re-plans when woken. */
async function pump(l: Limiter): Promise<void> {
  if (l.pumping) return;
  l.pumping = true;
  try {
    while (l.queue.length > 0) {
      const wait = nextSlot(l) - l.clock.now();
      if (wait <= 0) {
        grantHead(l);
        continue;
      }
      l.wake = new AbortController();
      try {
        await l.clock.sleep(wait, l.wake.signal);
      } catch {
        // woken early: plan again
      } finally {
        l.wake = undefined;
      }
    }
  } finally {
    l.pumping = false;
  }
}

function enqueue(l: Limiter, signal: AbortSignal | undefined): Promise<Permit> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<Permit>((resolve, reject) => {
    const waiter: Waiter = { resolve, reject, signal };
    if (signal) {
      waiter.onAbort = () => {
        const i = l.queue.indexOf(waiter);
        if (i >= 0) l.queue.splice(i, 1);
        // Nobody left: let the pump stop instead of sleeping out a long Retry-After.
        if (l.queue.length === 0) rouse(l);
        reject(signal.reason);
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
    }
    l.queue.push(waiter);
    void pump(l);
  });
}

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  assertRate(opts.requestsPerSecond);
  const l: Limiter = {
    clock: opts.clock ?? systemClock,
    margin: opts.marginRatio ?? 0.03,
    maxCompensationMs: opts.maxCompensationMs ?? 2000,
    declared: opts.requestsPerSecond,
    current: opts.requestsPerSecond,
    lastDecreaseAt: -Infinity,
    blockedUntil: 0,
    grants: [],
    rtts: [],
    queue: [],
    pumping: false,
    wake: undefined,
  };
  const cooldownMs = opts.cooldownMs ?? 1000;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 3_600_000;
  const minRate = (): number => opts.minRequestsPerSecond ?? l.declared / 16;
  return {
    acquire: (signal) => enqueue(l, signal),
    onRateLimited(retryAfterMs) {
      const now = l.clock.now();
      if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) {
        l.blockedUntil = Math.max(l.blockedUntil, now + Math.min(Math.max(0, retryAfterMs), maxRetryAfterMs));
      } else {
        l.blockedUntil = Math.max(l.blockedUntil, now + cooldownMs);
        if (now - l.lastDecreaseAt >= cooldownMs) {
          l.current = Math.max(minRate(), l.current * (opts.decreaseFactor ?? 0.5));
          l.lastDecreaseAt = now;
        }
      }
      rouse(l);
    },
    onSuccess() {
      if (l.current >= l.declared) return;
      l.current = Math.min(l.declared, l.current + (opts.recoveryStep ?? l.declared / 20));
      rouse(l);
    },
    setDeclaredRate(rps) {
      assertRate(rps);
      const wasFull = l.current >= l.declared;
      l.declared = rps;
      l.current = wasFull ? rps : Math.max(minRate(), Math.min(l.current, rps));
      rouse(l);
    },
    state: () => ({
      declaredRps: l.declared,
      currentRps: l.current,
      intervalMs: intervalMs(l),
      blockedUntil: l.blockedUntil > l.clock.now() ? l.blockedUntil : 0,
      waiting: l.queue.length,
    }),
  };
}
