/**
 * Time as a dependency. The rate limiter (and anything else that waits) takes a `Clock` so tests can
 * drive time by hand instead of sleeping: `createManualClock()` fires timers only when told to.
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    await delay(Math.max(0, ms), undefined, signal ? { signal } : undefined);
  },
};

export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing due timers in order and letting their continuations run. */
  advance(ms: number): Promise<void>;
  /** Fires timers in order until none is left (at most `maxTimers`, so a runaway loop fails fast). */
  runAll(maxTimers?: number): Promise<void>;
  /** Number of sleeps currently waiting. */
  pending(): number;
}

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/** Lets every queued promise continuation run (setImmediate comes after the microtask queue). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function createManualClock(start = 0): ManualClock {
  let current = start;
  let seq = 0;
  const timers: Timer[] = [];

  const nextDue = (limit: number): Timer | undefined => {
    let best: Timer | undefined;
    for (const t of timers) {
      if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
    }
    return best;
  };

  const fireOne = async (timer: Timer): Promise<void> => {
    timers.splice(timers.indexOf(timer), 1);
    current = Math.max(current, timer.at);
    timer.fire();
    await settle();
  };

  return {
    now: () => current,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer: Timer = {
          at: current + Math.max(0, ms),
          seq: seq++,
          fire: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          const i = timers.indexOf(timer);
          if (i >= 0) timers.splice(i, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
      });
    },
    async advance(ms) {
      const target = current + ms;
      await settle();
      for (let t = nextDue(target); t; t = nextDue(target)) await fireOne(t);
      current = target;
      await settle();
    },
    async runAll(maxTimers = 10_000) {
      await settle();
      for (let fired = 0; timers.length > 0; fired++) {
        if (fired >= maxTimers) throw new Error(`ManualClock.runAll: more than ${maxTimers} timers fired`);
        await fireOne(nextDue(Infinity) as Timer);
      }
    },
    pending: () => timers.length,
  };
}
