/**
 * Real time, real sockets: a loopback server that enforces 5 requests per second the way WEXBO does
 * (429 past it, 001_15500709165aa147.txt), with a sliding window, which is stricter than the fixed
 * per-second buckets a server would typically count. The only assertions are the server's own counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/core/net/http-client';
import { isHttpError } from '../../../src/core/net/http-error';
import { createRateLimiter } from '../../../src/core/net/rate-limiter';
import type { Loopback } from './loopback';
import { sendJson, startLoopback } from './loopback';

const LIMIT = 5;

function windowedServer(opts: { retryAfterOnRequest?: number } = {}) {
  const arrivals: number[] = [];
  const counts = { served: 0, rateLimited: 0, earlyAfterRetryAfter: 0 };
  let retryUntil = 0;
  const handler = (_req: unknown, res: Parameters<typeof sendJson>[0]) => {
    const now = performance.now();
    if (now < retryUntil) {
      counts.earlyAfterRetryAfter++;
      return sendJson(
        res,
        429,
        { errors: [{ code: 429, msg: 'Retry-After not honoured' }] },
        { 'retry-after': '1' },
      );
    }
    const recent = arrivals.filter((t) => t > now - 1000).length;
    arrivals.push(now);
    if (recent >= LIMIT) {
      counts.rateLimited++;
      return sendJson(res, 429, {
        result: false,
        data: null,
        errors: [{ code: 429, msg: 'Too Many Requests' }],
      });
    }
    counts.served++;
    if (counts.served === opts.retryAfterOnRequest) {
      retryUntil = now + 1000;
      return sendJson(res, 429, { errors: [{ code: 429, msg: 'slow down' }] }, { 'retry-after': '1' });
    }
    sendJson(res, 200, { result: true, data: { n: counts.served }, errors: [] });
  };
  return { handler, counts };
}

/** Several workers share one limiter, as the sync engine and the upload queue do. */
async function runWorkers(
  url: string,
  workers: number,
  perWorker: number,
  limited = true,
): Promise<{ ok: number; failed: number }> {
  const limiter = limited ? createRateLimiter({ requestsPerSecond: LIMIT }) : undefined;
  const client = createHttpClient({ baseUrl: url, limiter, timeoutMs: 10_000 });
  const tally = { ok: 0, failed: 0 };
  const worker = async (w: number) => {
    for (let i = 0; i < perWorker; i++) {
      try {
        await client.request({ method: 'GET', path: 'products', query: { worker: w, i } });
        tally.ok++;
      } catch (err) {
        if (!isHttpError(err, 'rate_limited')) throw err;
        tally.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return tally;
}

describe('rate limiter against a live 5 requests/s server', () => {
  let server: Loopback | undefined;
  afterEach(async () => server?.close());

  it('30 requests from three workers sharing one limiter draw zero 429s', async () => {
    const s = windowedServer();
    server = await startLoopback(s.handler);
    const tally = await runWorkers(server.url, 3, 10);
    expect(s.counts.rateLimited).toBe(0);
    expect(s.counts.served).toBe(30);
    expect(tally).toEqual({ ok: 30, failed: 0 });
  });

  it('control: the same workers without the limiter do draw 429s from this server', async () => {
    const s = windowedServer();
    server = await startLoopback(s.handler);
    const tally = await runWorkers(server.url, 3, 10, false);
    expect(s.counts.rateLimited).toBeGreaterThan(0);
    expect(tally.failed).toBe(s.counts.rateLimited);
  });

  it('after a 429 with Retry-After, no request arrives before the server said', async () => {
    const s = windowedServer({ retryAfterOnRequest: 4 });
    server = await startLoopback(s.handler);
    const tally = await runWorkers(server.url, 2, 6);
    expect(s.counts.earlyAfterRetryAfter).toBe(0);
    expect(s.counts.rateLimited).toBe(0);
    expect(tally).toEqual({ ok: 11, failed: 1 });
  });
});
