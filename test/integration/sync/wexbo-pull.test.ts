/**
 * WEXBO products pulled through the real engine into a real store from the demo PIM
 * (001_15500709165aa147.txt): full mirror, incremental by the changed-since filter, remote edits and
 * deletions during the pull, a killed and resumed pull, deletions found by id diff.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fieldIndexesIdle,
  fieldIndexOptions,
  listFieldIndexes,
  requestFieldIndexes,
} from '../../../src/core/catalog/field-index';
import { wexboConnector } from '../../../src/core/connectors/wexbo';
import type { Connector, PullPage } from '../../../src/core/connectors/types';
import { mirrored, startSyncHarness, wexboServes } from './harness';
import type { SyncHarness } from './harness';

const FIELDS = wexboConnector.defaultSettings.fields as string;

/** Requests of the product list by purpose: keyset pages vs. the id listing of the reconciliation. */
function listRequests(h: SyncHarness): { pages: number; ids: number } {
  const list = h.requests.filter(
    (r) => r.kind === 'wexbo' && r.method === 'GET' && r.url.pathname.endsWith('/products'),
  );
  const ids = list.filter((r) => r.url.searchParams.get('fields') === 'id,date_modified').length;
  return { pages: list.length - ids, ids };
}

/** The same connector, with `hook(n)` run after its n-th page came back (n from 1). */
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

describe('WEXBO pull into the mirror', () => {
  let h: SyncHarness;
  beforeEach(async () => {
    h = await startSyncHarness({ products: 600, seed: 7 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('drops the field indexes for a large pull and has them rebuilt when it ends', async () => {
    const { sqlite } = h.store;
    const big = fieldIndexOptions.suspendForPullOf;
    try {
      requestFieldIndexes(sqlite, ['$."name"']);
      await fieldIndexesIdle(sqlite);
      // A small pull keeps them (keeping them up to date is cheaper than a rebuild).
      fieldIndexOptions.suspendForPullOf = 10_000;
      await h.pull('wexbo', 'products');
      expect([...listFieldIndexes(sqlite).values()]).toEqual(['$."name"']);
      // A large one (here: 300 records or more) drops them while it stores its pages.
      fieldIndexOptions.suspendForPullOf = 300;
      const during: number[] = [];
      await h.pull('wexbo', 'products', {
        full: true,
        connector: withPageHook(h.connector('wexbo'), () => {
          during.push(listFieldIndexes(sqlite).size);
        }),
      });
      expect(during.slice(1)).toContain(0);
      await fieldIndexesIdle(sqlite);
      expect([...listFieldIndexes(sqlite).values()]).toEqual(['$."name"']);
    } finally {
      fieldIndexOptions.suspendForPullOf = big;
    }
  });

  it('mirrors every product field for field, in keyset pages plus an id listing', async () => {
    const summary = await h.pull('wexbo', 'products');
    // The engine's requests only (before the test reads the API itself).
    expect(h.pim.admin.counters('wexbo').byStatus).toEqual({ '200': 6 });
    const served = await wexboServes(h, FIELDS);
    expect(served.size).toBe(600);
    expect(mirrored(h, 'wexbo', 'products')).toEqual(served);
    expect(summary).toMatchObject({ full: true, records: 600, reconciledDeletions: 0 });
    // 600 rows: 250 + 250 + 100, each later page re-reading its boundary second (one row here).
    expect(listRequests(h)).toEqual({ pages: 3, ids: 3 });
    const cursor = h.store.sqlite
      .prepare(`SELECT high_water, run_state FROM sync_cursor WHERE connection_id = ?`)
      .get(h.connectionId('wexbo')) as { high_water: string; run_state: string };
    // The newest date_modified served (Bratislava wall time) as UTC: the remote's clock, not ours.
    const newest = [...served.values()]
      .map((r) => r.date_modified as string)
      .sort()
      .at(-1) as string;
    const details = await h
      .connector('wexbo')
      .readDetails?.('products', ['1000001', '1000600', '999'], new AbortController().signal);
    expect(new Map(details?.map((r) => [r.id, r.doc]))).toEqual(
      new Map([
        ['1000001', served.get('1000001')],
        ['1000600', served.get('1000600')],
      ]),
    );
    expect(cursor).toEqual({
      high_water: new Date(`${newest.replace(' ', 'T')}+01:00`).toISOString(),
      run_state: 'idle',
    });
  });

  it('re-reads only what changed since the last run, in one request', async () => {
    await h.pull('wexbo', 'products');
    const before = await wexboServes(h, FIELDS);
    const newest = [...before.values()]
      .map((r) => r.date_modified as string)
      .sort()
      .at(-1);
    const boundary = [...before.values()].filter((r) => r.date_modified === newest).length;
    const edited = [1000005, 1000100, 1000200, 1000333, 1000599];
    for (const [i, id] of edited.entries()) h.pim.admin.editProduct(id, { price: 100 + i, stock: i });
    h.requests.length = 0;

    const summary = await h.pull('wexbo', 'products');
    expect(summary).toMatchObject({ full: false, pages: 1, records: edited.length + boundary });
    expect(listRequests(h)).toEqual({ pages: 1, ids: 0 });
    const mirror = mirrored(h, 'wexbo', 'products');
    for (const [i, id] of edited.entries())
      expect(mirror.get(String(id))).toMatchObject({ price: 100 + i, stock: i });
    expect(mirror).toEqual(await wexboServes(h, FIELDS));
  });

  it('misses nothing when products are edited, created and deleted between pages', async () => {
    // Page 1 holds the 250 oldest products. Edits move products to the end of the date order.
    const served = await wexboServes(h, FIELDS);
    const byAge = [...served.values()].sort((a, b) =>
      `${a.date_modified as string}${a.id as number}`.localeCompare(
        `${b.date_modified as string}${b.id as number}`,
      ),
    );
    const seenEarly = byAge.slice(0, 250).map((r) => r.id as number);
    const unseen = byAge.slice(260).map((r) => r.id as number);
    const connector = withPageHook(h.connector('wexbo'), (n) => {
      if (n === 1) {
        // 20 read products move to the end: page numbers would now skip 20 unread ones.
        for (const id of seenEarly.slice(0, 20)) h.pim.admin.editProduct(id, { stock: 4242 });
        for (const id of unseen.slice(0, 5)) h.pim.admin.editProduct(id, { price: 1.5 });
        for (const id of unseen.slice(5, 8)) h.pim.admin.deleteProduct(id);
        for (const id of seenEarly.slice(30, 32)) h.pim.admin.deleteProduct(id);
        h.pim.admin.createProduct({ sku: 'mid-pull-1', name: { sk: 'Nový počas sťahovania' } });
      }
      if (n === 2) h.pim.admin.editProduct(seenEarly[40] as number, { active: false });
    });
    const run = await h.pull('wexbo', 'products', { connector });
    const afterRun = await wexboServes(h, FIELDS);
    // Nothing skipped in the run itself: every product that exists now is mirrored as it is now.
    expect(mirrored(h, 'wexbo', 'products')).toEqual(afterRun);
    // The two deleted after being read; the three deleted before were never stored.
    expect(run.reconciledDeletions).toBe(2);
    await h.pull('wexbo', 'products');
    expect(mirrored(h, 'wexbo', 'products')).toEqual(await wexboServes(h, FIELDS));
  });

  it('pages through more changes in one second than a page holds, by id', async () => {
    await h.pull('wexbo', 'products');
    // 300 edits stamped with the same second (and millisecond): one keyset page cannot pass them.
    h.time.set('2025-06-02T09:00:00.250Z', { frozen: true });
    const edited = Array.from({ length: 300 }, (_, i) => 1000001 + i * 2);
    for (const id of edited) h.pim.admin.editProduct(id, { stock: 7 });
    h.time.unfreeze();
    const summary = await h.pull('wexbo', 'products');
    expect(summary.records).toBeGreaterThanOrEqual(300);
    const mirror = mirrored(h, 'wexbo', 'products');
    for (const id of edited) expect(mirror.get(String(id))?.stock).toBe(7);
    expect(mirror).toEqual(await wexboServes(h, FIELDS));
    // Bounded: a handful of requests, not one per row.
    expect(listRequests(h).pages).toBeLessThan(3 + 8);
  });

  it('resumes a killed pull after its last stored page without downloading a page twice', async () => {
    const first = new AbortController();
    await expect(
      h.pull('wexbo', 'products', {
        signal: first.signal,
        onProgress: (p) => {
          if (p.done >= 250) first.abort(new Error('killed'));
        },
      }),
    ).rejects.toThrow('killed');
    const stored = h.records('wexbo', 'products').size;
    expect(stored).toBe(250);
    const state = h.store.sqlite.prepare(`SELECT run_state FROM sync_cursor`).get() as { run_state: string };
    expect(state.run_state).toBe('interrupted');

    // A new connector, as after a restart: the position lives in the store only.
    const resumed = await h.pull('wexbo', 'products', { connector: h.connector('wexbo') });
    expect(resumed).toMatchObject({ resumed: true, records: 350 });
    // One request per stored page across both runs: nothing fetched and thrown away.
    expect(listRequests(h).pages).toBe(1 + resumed.pages);
    expect(mirrored(h, 'wexbo', 'products')).toEqual(await wexboServes(h, FIELDS));
  });

  it('finds remote deletions by id diff and keeps locally edited ones for the user', async () => {
    await h.pull('wexbo', 'products');
    h.store.sqlite
      .prepare(
        `UPDATE record SET local = json_set(base, '$.price', 9.99), state = 'dirty' WHERE remote_id = ?`,
      )
      .run('1000010');
    for (const id of [1000010, 1000011, 1000500]) h.pim.admin.deleteProduct(id);
    const summary = await h.pull('wexbo', 'products', { full: true });
    expect(summary.reconciledDeletions).toBe(3);
    const rows = h.records('wexbo', 'products');
    expect(rows.has('1000011')).toBe(false);
    expect(rows.has('1000500')).toBe(false);
    expect(rows.get('1000010')?.state).toBe('deleted-remote');
    expect(rows.size).toBe(598);
  });
});
