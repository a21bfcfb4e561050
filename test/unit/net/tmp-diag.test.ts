import { it } from 'vitest';
import { createHttpClient } from '../../../src/core/net/http-client';
import { createRateLimiter } from '../../../src/core/net/rate-limiter';
import { sendJson, startLoopback } from './loopback';
it('diag', async () => {
  for (let run = 0; run < 3; run++) {
  const arrivals: number[] = [];
  const grants: number[] = [];
  let bad = 0;
  const server = await startLoopback((_req, res) => {
    const now = performance.now();
    const recent = arrivals.filter((t) => t > now - 1000).length;
    arrivals.push(now);
    if (recent >= 5) { bad++; return sendJson(res, 429, {}); }
    sendJson(res, 200, {});
  });
  const limiter = createRateLimiter({ requestsPerSecond: 5 });
  const orig = limiter.acquire.bind(limiter);
  limiter.acquire = async (s) => { await orig(s); grants.push(performance.now()); };
  const client = createHttpClient({ baseUrl: server.url, limiter });
  await Promise.all([0,1,2].map(async () => { for (let i = 0; i < 10; i++) await client.request({ method: 'GET', path: 'x' }).catch(() => undefined); }));
  await server.close();
  const t0 = grants[0]!;
  const gaps = grants.slice(1).map((g, i) => Math.round(g - grants[i]!));
  const lat = arrivals.map((a, i) => Math.round(a - grants[i]!));
  console.log(`run ${run} bad=${bad} mingap=${Math.min(...gaps)} maxlat=${Math.max(...lat)} lat=${lat.join(',')}`);
  }
}, 120000);
