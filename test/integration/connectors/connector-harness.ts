/**
 * Connector tests against the demo PIM: a started demo with a hand-moved clock, and a connector
 * wired the way the registry wires one (createConnectionHttpClient with the definition's limits).
 *
 * The client gets its own clock: it reads the demo's time (OAuth timestamps must not run ahead of
 * the server's clock by more than Magento's 600 s) plus whatever the rate limiter "slept", so the
 * limiter never waits for real and never moves the demo's clock, which only the test moves.
 */
import { startDemoPim } from '../../../src/core/demo-pim';
import type { DemoPim } from '../../../src/core/demo-pim';
import { credentialId } from '../../../src/core/net/auth';
import type { HttpAuth } from '../../../src/core/net/auth';
import type { Clock } from '../../../src/core/net/clock';
import { createConnectionHttpClient } from '../../../src/core/net/connection-http';
import { forgetLimiter, limiterKey } from '../../../src/core/net/limiter-registry';
import type { Connector, ConnectorDefinition } from '../../../src/core/connectors/types';

export const START = Date.parse('2025-06-02T08:00:00Z');

export interface DemoClock {
  t: number;
  advance(ms: number): void;
}

export interface PimHarness {
  pim: DemoPim;
  clock: DemoClock;
  close(): Promise<void>;
}

export async function startPim(): Promise<PimHarness> {
  const clock: DemoClock = {
    t: START,
    advance(ms) {
      this.t += ms;
    },
  };
  const pim = await startDemoPim({ products: 20, now: () => clock.t });
  return { pim, clock, close: () => pim.close() };
}

function clientClock(demo: DemoClock): Clock {
  let slept = 0;
  return {
    now: () => demo.t + slept,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      slept += Math.max(0, ms);
    },
  };
}

export interface Connected {
  connector: Connector;
  /** Drops the connection's limiter from the process-wide registry. */
  close(): void;
}

export function connect(
  h: PimHarness,
  def: ConnectorDefinition,
  baseUrl: string,
  auth: HttpAuth,
  settings: Record<string, string> = {},
): Connected {
  const clock = clientClock(h.clock);
  const http = createConnectionHttpClient({
    baseUrl,
    auth,
    limits: def.capabilities.limits,
    userAgent: 'pim-steward-test',
    clock,
  });
  const connector = def.create({
    connectionId: `test-${def.kind}`,
    baseUrl,
    settings: { ...def.defaultSettings, ...settings },
    http,
    clock,
  });
  return { connector, close: () => void forgetLimiter(limiterKey(baseUrl, credentialId(auth))) };
}

export const signal = (): AbortSignal => new AbortController().signal;

/**
 * Polls `status` after moving the demo clock by `stepMs` each time, until `done` or `maxPolls`
 * (a bound, so a job that never ends fails the test instead of hanging it).
 */
export async function walk<T>(
  clock: DemoClock,
  stepMs: number,
  maxPolls: number,
  status: () => Promise<T>,
  done: (s: T) => boolean,
): Promise<T[]> {
  const seen: T[] = [];
  for (let i = 0; i < maxPolls; i++) {
    clock.advance(stepMs);
    const s = await status();
    seen.push(s);
    if (done(s)) return seen;
  }
  throw new Error(`the job did not finish within ${maxPolls} polls`);
}
