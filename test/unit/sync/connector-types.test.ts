import { describe, expect, it } from 'vitest';
import { chunk, entityCapabilities, pushOrder, requireMethod } from '../../../src/core/connectors/types';
import type { Capabilities, Connector, PullPage } from '../../../src/core/connectors/types';

const capabilities: Capabilities = {
  entities: ['category', 'product', 'customer', 'order'],
  read: false,
  write: true,
  importOnly: false,
  limits: { requestsPerSecond: 5, maxBodyBytes: 1_000_000 },
  auth: 'oauth1',
  entityDetails: {
    order: { incremental: false, deletions: 'none', ops: ['create'], idempotentCreate: true },
  },
};

const page: PullPage = { records: [], deletedIds: [], position: { page: 2 }, done: false };

const connector: Connector = {
  kind: 'printxpand',
  capabilities,
  async pull() {
    return page;
  },
};

describe('connector contract helpers', () => {
  it('requireMethod binds what exists and names what does not', async () => {
    const pull = requireMethod(connector, 'pull');
    expect(await pull('product', { position: null, since: null }, new AbortController().signal)).toBe(page);
    expect(() => requireMethod(connector, 'push')).toThrow('A printxpand connection does not support push.');
  });

  it('chunk splits id lists to the remote read size (ETIM: 100 per GET)', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `XYZ${i}`);
    expect(chunk(ids, 100).map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunk([], 100)).toEqual([]);
    expect(() => chunk(ids, 0)).toThrow(RangeError);
  });

  it('pushOrder puts categories before products (003), unknown entities last', () => {
    expect(pushOrder(capabilities, ['order', 'product', 'mystery', 'category'])).toEqual([
      'category',
      'product',
      'order',
      'mystery',
    ]);
  });

  it('entityCapabilities falls back to a conservative default', () => {
    expect(entityCapabilities(capabilities, 'order').ops).toEqual(['create']);
    expect(entityCapabilities(capabilities, 'product')).toEqual({
      incremental: false,
      deletions: 'reconcile',
      ops: ['create', 'update', 'delete'],
      idempotentCreate: false,
    });
  });
});
