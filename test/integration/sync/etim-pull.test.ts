/**
 * ETIM products and reference data pulled through the real engine into a real store from the demo PIM
 * (004_48b37cfc1a1923fe.txt): the id feed by CET date, details 100 ids per GET, reference resources
 * read whole, incremental runs, changes during a run, a killed run resumed after a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { etimConnector } from '../../../src/core/connectors/etim';
import type { Connector, PullPage } from '../../../src/core/connectors/types';
import { etimServes, mirrored, startSyncHarness } from './harness';
import type { SyncHarness } from './harness';

const FEED = 'GET /products (feed)';
const DETAILS = 'GET /products (details)';

function withPageHook(c: Connector, hook: (n: number, page: PullPage) => void | Promise<void>): Connector {
  let n = 0;
  return {
    ...c,
    async pull(entity, cursor, signal) {
      const page = await (c.pull as NonNullable<Connector['pull']>)(entity, cursor, signal);
      await hook(++n, page);
      return page;
    },
  };
}

async function feedOrder(h: SyncHarness): Promise<string[]> {
  const auth = Buffer.from(`${h.pim.credentials.etim.user}:${h.pim.credentials.etim.password}`).toString(
    'base64',
  );
  const res = await fetch(`${h.pim.urls.etim}/products?date-from=1970-01-01`, {
    headers: { authorization: `Basic ${auth}` },
  });
  return ((await res.json()) as { productIds: string[] }).productIds;
}

describe('ETIM pull into the mirror', () => {
  let h: SyncHarness;
  beforeEach(async () => {
    h = await startSyncHarness({ products: 600, seed: 11 });
  });
  afterEach(async () => {
    await h.close();
  });
  const calls = (name: string): number => h.pim.admin.counters('etim').byEndpoint[name] ?? 0;

  it('mirrors every product field for field: one feed, details of 100 ids, one id listing', async () => {
    const summary = await h.pull('etim', 'products');
    expect({ feed: calls(FEED), details: calls(DETAILS) }).toEqual({ feed: 2, details: 6 });
    expect(summary).toMatchObject({ full: true, records: 600, pages: 6, reconciledDeletions: 0 });
    const served = await etimServes(h);
    expect(served.size).toBe(600);
    expect(mirrored(h, 'etim', 'products')).toEqual(served);
  });

  it('reads the reference data whole, as non-incremental entities', async () => {
    const reference = etimConnector.capabilities.entities.filter((e) => e !== 'products');
    expect(reference).toEqual([
      'labels',
      'attributes',
      'attribute-groups',
      'suppliers',
      'buyers',
      'category-trees',
      'relations-by-attribute',
    ]);
    for (const entity of reference) {
      expect(etimConnector.capabilities.entityDetails?.[entity]?.incremental).toBe(false);
      await h.pull('etim', entity);
      await h.pull('etim', entity);
    }
    // Each pull: the identifiers, then details (all fit in one request); the reconciliation after it
    // reuses the run's identifiers instead of asking again.
    expect(calls('GET /labels')).toBe(4);
    expect(calls('GET /suppliers')).toBe(4);
    const c = h.connector('etim');
    for (const entity of reference) {
      const ids: string[] = [];
      for await (const part of c.listIds?.(entity, new AbortController().signal) ?? []) ids.push(...part);
      const details = await c.readDetails?.(entity, ids, new AbortController().signal);
      const mirror = mirrored(h, 'etim', entity);
      expect(ids.length, entity).toBeGreaterThan(0);
      expect(mirror, entity).toEqual(new Map(details?.map((r) => [r.id, r.doc])));
    }
    // Suppliers and labels are what the product editor offers as values.
    expect([...mirrored(h, 'etim', 'suppliers').keys()].length).toBe(8);
  });

  it('re-reads only the products changed since the last run', async () => {
    await h.pull('etim', 'products');
    const order = await feedOrder(h);
    const edited = [order[3], order[250], order[599]] as string[];
    for (const id of edited) h.pim.admin.editProduct(id, { name: { en: `Edited ${id}` } });
    h.pim.admin.resetCounters('etim');

    const summary = await h.pull('etim', 'products');
    expect(summary).toMatchObject({ full: false, records: 3, pages: 1 });
    expect({ feed: calls(FEED), details: calls(DETAILS) }).toEqual({ feed: 1, details: 1 });
    const mirror = mirrored(h, 'etim', 'products');
    for (const id of edited) {
      expect(
        (mirror.get(id)?.overallInformation as { productName: Record<string, string> }).productName.en,
      ).toBe(`Edited ${id}`);
    }
    expect(mirror).toEqual(await etimServes(h));
  });

  it('misses nothing when products change during the run: after it and one incremental run the mirror is exact', async () => {
    const order = await feedOrder(h);
    const connector = withPageHook(h.connector('etim'), (n) => {
      if (n !== 1) return;
      for (const id of order.slice(0, 5)) h.pim.admin.editProduct(id, { stock: 4242 });
      for (const id of order.slice(300, 305))
        h.pim.admin.editProduct(id, { name: { en: 'Changed mid-run' } });
      for (const id of order.slice(400, 403)) h.pim.admin.deleteProduct(id);
      for (const id of order.slice(10, 12)) h.pim.admin.deleteProduct(id);
      h.pim.admin.createProduct({ sku: 'MID-RUN-1', name: { en: 'Created mid-run' } });
    });
    const run = await h.pull('etim', 'products', { connector });
    // Unread products deleted meanwhile are missing from their detail page: reported as deleted.
    expect(run.records).toBe(597);
    expect(run.reconciledDeletions).toBe(2);
    const mirror = mirrored(h, 'etim', 'products');
    for (const id of order.slice(300, 305))
      expect(JSON.stringify(mirror.get(id))).toContain('Changed mid-run');
    await h.pull('etim', 'products');
    expect(mirrored(h, 'etim', 'products')).toEqual(await etimServes(h));
  });

  it('resumes a killed run in a new process without reading a detail page twice', async () => {
    const kill = new AbortController();
    await expect(
      h.pull('etim', 'products', {
        signal: kill.signal,
        onProgress: (p) => {
          if (p.done >= 200) kill.abort(new Error('killed'));
        },
      }),
    ).rejects.toThrow('killed');
    expect(h.records('etim', 'products').size).toBe(200);

    const resumed = await h.pull('etim', 'products', { connector: h.connector('etim') });
    expect(resumed).toMatchObject({ resumed: true, records: 400, pages: 4 });
    // Details: exactly the six pages of 100. Feed: the run's list, the resumed run's list and the
    // list of products modified since the run began (none), then the reconciliation's list.
    expect({ details: calls(DETAILS), feed: calls(FEED) }).toEqual({ details: 6, feed: 4 });
    expect(mirrored(h, 'etim', 'products')).toEqual(await etimServes(h));
  });

  it('resumes correctly when the remote changed while the run was down', async () => {
    const order = await feedOrder(h);
    const kill = new AbortController();
    await expect(
      h.pull('etim', 'products', {
        signal: kill.signal,
        onProgress: (p) => {
          if (p.done >= 300) kill.abort(new Error('killed'));
        },
      }),
    ).rejects.toThrow('killed');
    // Read ones and unread ones move to the end of the feed; some disappear.
    for (const id of [...order.slice(250, 300), ...order.slice(0, 3), ...order.slice(400, 403)])
      h.pim.admin.editProduct(id, { stock: 1 });
    for (const id of [order[350], order[5]] as string[]) h.pim.admin.deleteProduct(id);
    h.pim.admin.createProduct({ sku: 'WHILE-DOWN', name: { en: 'New while down' } });

    const warnings: string[] = [];
    const connector = h.connector('etim', { log: (level, msg) => level === 'warn' && warnings.push(msg) });
    await h.pull('etim', 'products', { connector });
    // The rebuilt list was placed by its anchors, not read again from the start.
    expect(warnings).toEqual([]);
    await h.pull('etim', 'products');
    expect(mirrored(h, 'etim', 'products')).toEqual(await etimServes(h));
  });
});
