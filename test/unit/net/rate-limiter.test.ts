import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/net/clock';
import type { ManualClock } from '../../../src/core/net/clock';
import { forgetLimiter, getLimiter, limiterKey } from '../../../src/core/net/limiter-registry';
import { createRateLimiter } from '../../../src/core/net/rate-limiter';
import type { RateLimiter } from '../../../src/core/net/rate-limiter';

/** Starts `n` acquires at once and records, for each, the clock time it was granted. */
function acquireMany(limiter: RateLimiter, clock: ManualClock, n: number, signal?: AbortSignal): number[] {
  const grants: number[] = [];
  for (let i = 0; i < n; i++) void limiter.acquire(signal).then(() => grants.push(clock.now()));
  return grants;
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    const start = times[i] as number;
    best = Math.max(best, times.filter((t) => t >= start && t < start + windowMs).length);
  }
  return best;
}

describe('rate limiter spacing', () => {
  it('spaces N acquires by exactly the interval and never exceeds the rate in any one-second window', async () => {
    const clock = createManualClock(1_000_000);
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock });
    const grants = acquireMany(limiter, clock, 40);
    await clock.runAll();
    expect(grants).toHaveLength(40);
    const interval = limiter.state().intervalMs;
    expect(interval).toBeCloseTo(206, 6); // 200 ms + 3 % margin
    grants.forEach((t, i) => expect(t).toBeCloseTo(1_000_000 + i * interval, 6));
    // Sliding windows starting at every grant, and at every millisecond of the first few seconds.
    expect(maxInAnyWindow(grants, 1000)).toBe(5);
    for (let start = 1_000_000; start < 1_003_000; start += 1) {
      expect(grants.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
    }
  });

  it('with no margin the spacing is exactly 1000 / rps', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 4, clock, marginRatio: 0 });
    const grants = acquireMany(limiter, clock, 9);
    await clock.runAll();
    expect(grants).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
    expect(maxInAnyWindow(grants, 1000)).toBe(4);
  });

  it('grants at once when the last grant is older than one interval', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock, marginRatio: 0 });
    const first = acquireMany(limiter, clock, 1);
    await clock.advance(0);
    expect(first).toEqual([0]);
    await clock.advance(5000);
    const later = acquireMany(limiter, clock, 2);
    await clock.runAll();
    expect(later).toEqual([5000, 5200]);
  });

  it('serves waiters in FIFO order', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 10, clock });
    const order: number[] = [];
    for (let i = 0; i < 6; i++) void limiter.acquire().then(() => order.push(i));
    await clock.runAll();
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('rate limiter after a 429', () => {
  it('blocks everyone until Retry-After has passed, without slowing down', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock, marginRatio: 0 });
    const grants = acquireMany(limiter, clock, 1);
    await clock.advance(0);
    limiter.onRateLimited(3000);
    expect(limiter.state().blockedUntil).toBe(3000);
    const after = acquireMany(limiter, clock, 3);
    await clock.runAll();
    expect(grants).toEqual([0]);
    expect(after).toEqual([3000, 3200, 3400]);
    expect(limiter.state().currentRps).toBe(5);
  });

  it('re-plans waiters that were already scheduled when the 429 arrives', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock, marginRatio: 0 });
    const grants = acquireMany(limiter, clock, 4);
    await clock.advance(250); // grants at 0 and 200
    expect(grants).toEqual([0, 200]);
    limiter.onRateLimited(2000); // at t = 250
    await clock.runAll();
    expect(grants).toEqual([0, 200, 2250, 2450]);
  });

  it('a later, shorter Retry-After never shortens an existing block', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock });
    limiter.onRateLimited(5000);
    limiter.onRateLimited(1000);
    expect(limiter.state().blockedUntil).toBe(5000);
  });

  it('caps an absurd Retry-After', () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock, maxRetryAfterMs: 60_000 });
    limiter.onRateLimited(86_400_000);
    expect(limiter.state().blockedUntil).toBe(60_000);
  });

  it('without Retry-After: pauses one cooldown and halves the rate, once per cooldown', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 8, clock, marginRatio: 0 });
    limiter.onRateLimited();
    limiter.onRateLimited(); // a second in-flight request's 429: no second decrease
    expect(limiter.state().currentRps).toBe(4);
    expect(limiter.state().blockedUntil).toBe(1000);
    const grants = acquireMany(limiter, clock, 3);
    await clock.runAll();
    expect(grants).toEqual([1000, 1250, 1500]);
    limiter.onRateLimited(); // at t = 1500, past the cooldown: decreases again
    expect(limiter.state().currentRps).toBe(2);
  });

  it('never decreases below the floor', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock, minRequestsPerSecond: 1 });
    for (let i = 0; i < 10; i++) {
      limiter.onRateLimited();
      await clock.advance(1000);
    }
    expect(limiter.state().currentRps).toBe(1);
  });

  it('recovers additively after successes, back to (never above) the declared rate', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock, marginRatio: 0 });
    limiter.onRateLimited();
    expect(limiter.state().currentRps).toBe(2.5);
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      limiter.onSuccess();
      seen.push(limiter.state().currentRps);
    }
    // declared / 20 = 0.25 per success: 10 successes to climb from 2.5 to 5, then it stays at 5.
    expect(seen.slice(0, 10).map((r) => Number(r.toFixed(2)))).toEqual([
      2.75, 3, 3.25, 3.5, 3.75, 4, 4.25, 4.5, 4.75, 5,
    ]);
    expect(seen.slice(10).every((r) => r === 5)).toBe(true);
    // And the spacing follows the recovered rate.
    await clock.advance(1000);
    const grants = acquireMany(limiter, clock, 3);
    await clock.runAll();
    expect(grants).toEqual([1000, 1200, 1400]);
  });
});

describe('rate limiter cancellation', () => {
  it('rejects a waiting acquire when its signal aborts and gives its slot to the next', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock, marginRatio: 0 });
    const ctrl = new AbortController();
    const grants: string[] = [];
    void limiter.acquire().then(() => grants.push(`a@${clock.now()}`));
    const cancelled = limiter.acquire(ctrl.signal);
    void limiter.acquire().then(() => grants.push(`c@${clock.now()}`));
    await clock.advance(100);
    expect(limiter.state().waiting).toBe(2);
    ctrl.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(limiter.state().waiting).toBe(1);
    await clock.runAll();
    expect(grants).toEqual(['a@0', 'c@200']);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock: createManualClock() });
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(limiter.state().waiting).toBe(0);
  });

  it('a cancelled acquire during a Retry-After block leaves the block in place', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock });
    limiter.onRateLimited(10_000);
    const ctrl = new AbortController();
    const waiting = limiter.acquire(ctrl.signal);
    await clock.advance(500);
    ctrl.abort(new Error('user cancelled the sync'));
    await expect(waiting).rejects.toThrow('user cancelled the sync');
    expect(limiter.state().blockedUntil).toBe(10_000);
    expect(clock.pending()).toBe(0);
  });
});

describe('limiter registry', () => {
  const keys: string[] = [];
  afterEach(() => keys.splice(0).forEach(forgetLimiter));

  it('returns one limiter per key, shared by every caller', () => {
    const key = limiterKey('https://api.wexbo.com/', 'bearer:secret-token');
    keys.push(key);
    const a = getLimiter(key, { requestsPerSecond: 5 });
    const b = getLimiter(key, { requestsPerSecond: 5 });
    expect(a).toBe(b);
    const other = limiterKey('https://api.wexbo.com/', 'bearer:another-token');
    keys.push(other);
    expect(getLimiter(other, { requestsPerSecond: 5 })).not.toBe(a);
  });

  it('re-declares the rate when the settings change', () => {
    const key = limiterKey('https://etim-mapper.com/api/x', 'basic:u:p');
    keys.push(key);
    getLimiter(key, { requestsPerSecond: 5 });
    expect(getLimiter(key, { requestsPerSecond: 2 }).state()).toMatchObject({
      declaredRps: 2,
      currentRps: 2,
    });
  });

  it('keys never contain the credential, and the same token on the same host shares a key', () => {
    const key = limiterKey('https://api.wexbo.com/products', 'bearer:super-secret');
    expect(key).not.toContain('super-secret');
    expect(key.startsWith('https://api.wexbo.com#')).toBe(true);
    expect(limiterKey('https://api.wexbo.com/other', 'bearer:super-secret')).toBe(key);
  });

  it('rejects a non-positive rate', () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0 })).toThrow(RangeError);
  });
});

describe('rate limiter slow-request compensation', () => {
  /** Grants `n` permits; permit i reports done `rtts[i]` ms after its grant. Returns grant times. */
  async function run(limiter: RateLimiter, clock: ManualClock, rtts: number[]): Promise<number[]> {
    const grants: number[] = [];
    for (const rtt of rtts) {
      void limiter.acquire().then((permit) => {
        grants.push(clock.now());
        void clock.sleep(rtt).then(() => permit.done());
      });
    }
    await clock.runAll();
    return grants;
  }

  it('without slow requests, the sixth of five per second comes one second after the first', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock, marginRatio: 0 });
    expect(await run(limiter, clock, [1, 1, 1, 1, 1, 1])).toEqual([0, 200, 400, 600, 800, 1000]);
  });

  it('a slow first request (handshake) delays the grant five places later by its extra round trip', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, clock, marginRatio: 0 });
    // Request 0 takes 40 ms where the others take 1 ms: it may have reached the server up to 39 ms late.
    const grants = await run(limiter, clock, [40, 1, 1, 1, 1, 1, 1]);
    expect(grants).toEqual([0, 200, 400, 600, 800, 1039, 1239]);
  });

  it('caps the compensation', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({
      requestsPerSecond: 2,
      clock,
      marginRatio: 0,
      maxCompensationMs: 300,
    });
    // Request 0 is slow (900 ms against 1 ms usual): request 2 waits 1000 + 300 ms after it, not 1899.
    expect(await run(limiter, clock, [900, 1, 1, 1])).toEqual([0, 500, 1300, 1800]);
  });

  it('does not hold everyone back for a request still in flight (a long upload)', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 2, clock, marginRatio: 0 });
    expect(await run(limiter, clock, [10_000, 1, 1, 1])).toEqual([0, 500, 1000, 1500]);
  });

  it('a permit reported twice counts once', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ requestsPerSecond: 1, clock, marginRatio: 0 });
    const permit = await limiter.acquire();
    await clock.advance(10);
    permit.done();
    await clock.advance(5000);
    permit.done();
    const next = acquireMany(limiter, clock, 1);
    await clock.runAll();
    expect(next).toEqual([5010]);
  });
});
