/**
 * WEXBO at its real limit: 5 requests per second per token (001_15500709165aa147.txt), enforced by
 * the demo PIM with a sliding one-second window. A pull and a push of the same connection share the
 * token's limiter, so running both at once still draws no 429, and no body reaches a 413.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushOp } from '../../../src/core/connectors/types';
import { startSyncHarness } from './harness';
import type { SyncHarness } from './harness';

describe('WEXBO at 5 requests per second', () => {
  let h: SyncHarness;
  beforeEach(async () => {
    h = await startSyncHarness({ products: 300, seed: 23, requestsPerSecond: 'real' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('a pull and a push running together share the token budget: no 429, no 413', async () => {
    expect(h.pim.admin.state().wexbo.ratePerSecond).toBe(5);
    const pusher = h.connector('wexbo');
    const ops: PushOp[] = Array.from({ length: 14 }, (_, i) => ({
      clientOpId: `u${i}`,
      op: 'update',
      remoteId: String(1000100 + i),
      doc: { stock: 500 + i },
      changedPaths: ['stock'],
    }));
    const [summary, results] = await Promise.all([
      h.pull('wexbo', 'products'),
      pusher.push?.('products', ops, new AbortController().signal),
    ]);
    // Products the push edited while the pull ran are read again at the end of the date order.
    expect(summary.records).toBeGreaterThanOrEqual(300);
    expect(h.records('wexbo', 'products').size).toBe(300);
    expect(results?.every((r) => r.ok)).toBe(true);
    const counters = h.pim.admin.counters('wexbo');
    // 2 keyset pages + 2 id pages + 14 PUTs, every one answered 200.
    expect(counters.total).toBe(18);
    expect(counters.byStatus).toEqual({ '200': 18 });
  });
});
