/**
 * ETIM's change feed takes a CET date (004_48b37cfc1a1923fe.txt: "All queries in the API should be
 * given in the CET time"); the cursor is stored in UTC. Across the last Sundays of March and October
 * the UTC mark must map to the right CET/CEST day: a day too early re-reads a day of products, a day
 * too late silently skips edits. The demo PIM and the connector run on the harness's movable time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSyncHarness } from './harness';
import type { SyncHarness } from './harness';

describe('ETIM cursor across daylight-saving switches', () => {
  let h: SyncHarness;
  let ids: string[];
  beforeEach(async () => {
    h = await startSyncHarness({ products: 120, seed: 17 });
    const auth = Buffer.from(`${h.pim.credentials.etim.user}:${h.pim.credentials.etim.password}`).toString(
      'base64',
    );
    const res = await fetch(`${h.pim.urls.etim}/products?date-from=1970-01-01`, {
      headers: { authorization: `Basic ${auth}` },
    });
    ids = ((await res.json()) as { productIds: string[] }).productIds;
  });
  afterEach(async () => {
    await h.close();
  });

  /** Edits a product at a UTC instant (the demo stamps it with that time). */
  const editAt = (iso: string, n: number): string => {
    h.time.set(iso);
    const id = ids[n] as string;
    h.pim.admin.editProduct(id, { name: { en: `Edited at ${iso}` } });
    return id;
  };

  /** Runs an incremental pull at `iso`; returns the CET date it asked the feed for and what it read. */
  const pullAt = async (iso: string): Promise<{ from: string | null; read: string[] }> => {
    h.time.set(iso);
    h.requests.length = 0;
    // Every record the run stores gets the run's time in updated_at, changed or not.
    const stamps = (): Map<string, string> =>
      new Map(
        (
          h.store.sqlite
            .prepare(`SELECT remote_id, updated_at FROM record WHERE entity = 'products'`)
            .all() as {
            remote_id: string;
            updated_at: string;
          }[]
        ).map((r) => [r.remote_id, r.updated_at]),
      );
    const before = stamps();
    await h.pull('etim', 'products');
    const feed = h.requests.find(
      (r) => r.url.searchParams.has('date-from') && r.url.searchParams.get('date-from') !== '1970-01-01',
    );
    const read = [...stamps()].filter(([id, at]) => before.get(id) !== at).map(([id]) => id);
    return { from: feed?.url.searchParams.get('date-from') ?? null, read };
  };

  const highWater = (): string =>
    (
      h.store.sqlite.prepare(`SELECT high_water FROM sync_cursor WHERE entity = 'products'`).get() as {
        high_water: string;
      }
    ).high_water;

  it('last Sunday of March (CET → CEST at 01:00 UTC)', async () => {
    const p0 = editAt('2025-03-29T22:50:00Z', 0); // 23:50 CET on the 29th
    h.time.set('2025-03-29T23:30:00Z'); // 00:30 CET on the 30th
    await h.pull('etim', 'products');
    // The run's start minus the 15-minute skew margin, in UTC: 00:15 CET on the 30th.
    expect(highWater().startsWith('2025-03-29T23:15:')).toBe(true);

    const p1 = editAt('2025-03-30T02:00:00Z', 1); // 04:00 CEST, after the switch
    const b = await pullAt('2025-03-30T02:10:00Z');
    // The UTC date of the mark is the 29th; its CET date is the 30th, so p0 is not read again.
    expect(b).toEqual({ from: '2025-03-30', read: [p1] });
    expect(b.read).not.toContain(p0);

    const p2 = editAt('2025-03-30T21:30:00Z', 2); // 23:30 CEST on the 30th
    const c = await pullAt('2025-03-30T22:30:00Z'); // 00:30 CEST on the 31st
    expect(c.from).toBe('2025-03-30');
    expect(c.read.sort()).toEqual([p1, p2].sort());

    const p3 = editAt('2025-03-30T22:35:00Z', 3); // 00:35 CEST on the 31st
    const d = await pullAt('2025-03-30T22:40:00Z');
    // Mark 22:15 UTC is 00:15 CEST on the 31st (+2 h); with the winter offset it would be the 30th.
    expect(d).toEqual({ from: '2025-03-31', read: [p3] });
  });

  it('last Sunday of October (CEST → CET at 01:00 UTC)', async () => {
    editAt('2025-10-25T21:50:00Z', 10); // 23:50 CEST on the 25th
    h.time.set('2025-10-25T22:30:00Z'); // 00:30 CEST on the 26th
    await h.pull('etim', 'products');
    expect(highWater().startsWith('2025-10-25T22:15:')).toBe(true);

    const q1 = editAt('2025-10-26T00:30:00Z', 11); // 02:30 CEST, the hour that happens twice
    const b = await pullAt('2025-10-26T01:40:00Z'); // 02:40 CET, its second occurrence
    // The mark is 00:15 CEST on the 26th (the winter offset would say 23:15 on the 25th).
    expect(b).toEqual({ from: '2025-10-26', read: [q1] });

    const q2 = editAt('2025-10-26T22:20:00Z', 12); // 23:20 CET on the 26th
    const c = await pullAt('2025-10-26T22:30:00Z'); // 23:30 CET on the 26th
    expect(c.from).toBe('2025-10-26');
    expect(c.read.sort()).toEqual([q1, q2].sort());

    const q3 = editAt('2025-10-26T22:35:00Z', 13); // 23:35 CET on the 26th
    const d = await pullAt('2025-10-26T22:40:00Z');
    // Mark 22:15 UTC is 23:15 CET on the 26th; the summer offset would ask for the 27th and skip q3.
    expect(d.from).toBe('2025-10-26');
    expect(d.read).toContain(q3);
    const doc = h.records('etim', 'products').get(q3)?.base as {
      overallInformation: { productName: { en: string } };
    };
    expect(doc.overallInformation.productName.en).toBe('Edited at 2025-10-26T22:35:00Z');
  });
});
