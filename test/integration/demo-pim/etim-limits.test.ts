/**
 * ETIM mapper limits and rules (seeds/004_48b37cfc1a1923fe.txt): Basic auth failures, at most 100
 * ids per details GET, 16 MB PUT bodies, the daily request cap, the new/existing/empty PUT modes
 * and their report, CET dates across DST, "as supplier" access, and push notifications delivered
 * to a loopback receiver.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatZoned, parseZoned, zoneOffsetMs } from '../../../src/core/demo-pim';
import { etim, request, startPim, startReceiver, type Harness } from './pim-harness';

let h: Harness;
beforeEach(async () => {
  h = await startPim();
});
afterEach(() => h.close());

type Json = Record<string, unknown>;
const call = async (method: string, path: string, body?: unknown) => {
  const res = await etim(h.pim, method, path, body);
  return { res, body: (res.text ? res.json() : undefined) as Json };
};
const feedIds = async (date: string) =>
  (await call('GET', `/products?date-from=${encodeURIComponent(date)}`)).body.productIds as string[];

describe('HTTP Basic', () => {
  it('answers 401 with a Basic challenge without credentials, with wrong ones and with a malformed header', async () => {
    const wrong = `Basic ${Buffer.from('demo:nope').toString('base64')}`;
    for (const authorization of [undefined, wrong, 'Bearer demo-etim', 'Basic !!!']) {
      const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
      const res = await request(`${h.pim.urls.etim}/labels`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic realm="ETIM mapper API"');
    }
    expect((await call('GET', '/labels')).res.status).toBe(200);
  });
});

describe('details', () => {
  it('takes at most 100 ids per GET', async () => {
    const ids = (await feedIds('2000-01-01')).slice(0, 101);
    const over = await call('GET', '/products', ids);
    expect(over.res.status).toBe(400);
    expect(over.body).toEqual({ errors: ['Maximum number of product IDs in one request is 100'] });
    const ok = await call('GET', '/products', ids.slice(0, 100));
    expect((ok.body.products as Json[]).map((p) => p.productId)).toEqual(ids.slice(0, 100));
  });

  it('answers 400 with the seed error body for bad JSON and bad parameters', async () => {
    expect((await call('GET', '/products', '["a",')).body).toEqual({ errors: ['Incorrect JSON data'] });
    expect((await call('GET', '/products', { a: 1 })).res.status).toBe(400);
    expect((await call('GET', '/products?completeness=yes', ['x'])).body).toEqual({
      errors: ['Completeness parameter should be set to true or false'],
    });
    expect((await call('GET', '/products?date-from=yesterday')).body).toEqual({
      errors: ['Date-from parameter should be set to date in format YYYY-MM-DD (CET)'],
    });
    expect((await call('PUT', '/products?existing=merge', [])).body).toEqual({
      errors: ['Existing parameter should be set to replace or complete or skip'],
    });
  });

  it('drops NA features with na-values=false and gives the long categories format', async () => {
    const id = (await feedIds('2000-01-01'))[0]!;
    const p = (
      (await call('GET', '/products?na-values=false&categories-format-short=false', [id])).body
        .products as Json[]
    )[0]!;
    expect(Object.values((p.etimDescription as { features: object }).features)).not.toContain('NA');
    const path = (p.categories as Record<string, string[][]>).SHOP![0]!;
    expect(path).toHaveLength(3);
    expect(path[2]!.startsWith(path[1]!)).toBe(true);
  });
});

describe('PUT size', () => {
  it('refuses bodies over 16 MB with 413', async () => {
    const big = JSON.stringify([
      { productId: 'BIG', overallInformation: { longDescription: { en: 'x'.repeat(16 * 1024 * 1024) } } },
    ]);
    const res = await etim(h.pim, 'PUT', '/products', big);
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ errors: ['Maximum size of data in one request is 16 MB'] });
  });
});

describe('daily request cap', () => {
  it('answers 429 past the cap until the next CET midnight', async () => {
    h.clock.set('2025-03-10T21:00:00Z'); // 22:00 CET
    h.pim.admin.setEtimLimits({ dailyCap: 3 });
    for (let i = 0; i < 3; i++) expect((await call('GET', '/labels')).res.status).toBe(200);
    const capped = await call('GET', '/labels');
    expect(capped.res.status).toBe(429);
    expect(capped.body).toEqual({ errors: ['Daily limit of 3 API requests exceeded'] });
    expect(capped.res.headers['retry-after']).toBe(String(2 * 3600));
    h.clock.set('2025-03-10T22:59:59Z');
    expect((await call('GET', '/labels')).res.status).toBe(429);
    h.clock.set('2025-03-10T23:00:00Z'); // midnight CET
    expect((await call('GET', '/labels')).res.status).toBe(200);
    expect(h.pim.admin.state().etim.requestsToday).toBe(1);
  });

  it('is proportional to the catalog by default', () => {
    expect(h.pim.admin.state().etim.dailyCap).toBe(10_000);
  });
});

describe('PUT modes and report', () => {
  const put = async (query: string, docs: unknown[]) => (await call('PUT', `/products${query}`, docs)).body;
  const details = async (id: string) => ((await call('GET', '/products', [id])).body.products as Json[])[0];
  const oi = (p: Json | undefined) => p?.overallInformation as Json;

  beforeEach(async () => {
    await put('', [
      { productId: 'P1', overallInformation: { productName: { en: 'One' }, gtin: '4006381333931' } },
    ]);
  });

  it('new=skip ignores unknown products; new=add creates them', async () => {
    const skipped = await put('?new=skip', [
      { productId: 'P2', overallInformation: { productName: { en: 'Two' } } },
    ]);
    expect(skipped).toMatchObject({
      all: '1',
      unique: '1',
      new: '0',
      modified: '0',
      parameters: { new: 'skip', existing: 'replace', empty: 'false' },
    });
    expect(await details('P2')).toBeUndefined();
    expect(
      await put('?new=add', [{ productId: 'P2', overallInformation: { productName: { en: 'Two' } } }]),
    ).toMatchObject({ new: '1' });
    expect(oi(await details('P2'))).toEqual({ productName: { en: 'Two' } });
  });

  it('existing=replace overwrites what is sent and keeps the rest', async () => {
    const r = await put('?existing=replace', [
      { productId: 'P1', overallInformation: { productName: { de: 'Eins' }, brandName: 'X' } },
    ]);
    expect(r).toMatchObject({ modified: '1' });
    expect(oi(await details('P1'))).toEqual({
      productName: { en: 'One', de: 'Eins' },
      gtin: '4006381333931',
      brandName: 'X',
    });
  });

  it('existing=complete fills only what is empty', async () => {
    await put('?existing=complete', [
      {
        productId: 'P1',
        overallInformation: {
          productName: { en: 'Changed', pl: 'Jeden' },
          gtin: '5901234123457',
          brandName: 'Y',
        },
      },
    ]);
    expect(oi(await details('P1'))).toEqual({
      productName: { en: 'One', pl: 'Jeden' },
      gtin: '4006381333931',
      brandName: 'Y',
    });
  });

  it('existing=skip leaves existing products alone', async () => {
    const r = await put('?existing=skip', [{ productId: 'P1', overallInformation: { brandName: 'Z' } }]);
    expect(r).toMatchObject({ unique: '1', new: '0', modified: '0', parameters: { existing: 'skip' } });
    expect(oi(await details('P1')).brandName).toBeUndefined();
  });

  it('empty=false ignores empty values; empty=true clears with them', async () => {
    await put('?empty=false', [{ productId: 'P1', overallInformation: { gtin: '' } }]);
    expect(oi(await details('P1')).gtin).toBe('4006381333931');
    const r = await put('?empty=true', [{ productId: 'P1', overallInformation: { gtin: '' } }]);
    expect(r).toMatchObject({ modified: '1', parameters: { empty: 'true' } });
    expect(oi(await details('P1')).gtin).toBeUndefined();
    expect(h.pim.admin.getProduct('P1')?.gtin).toBe('');
  });

  it('counts a resend of the same data as not modified', async () => {
    expect(
      await put('', [{ productId: 'P1', overallInformation: { productName: { en: 'One' } } }]),
    ).toMatchObject({ modified: '0' });
  });

  it('keeps a weight in grams as sent, maps it to kilograms, and follows later canonical edits', async () => {
    await put('', [{ productId: 'P1', overallInformation: { netWeight: '1500', netWeightUnit: 'GRM' } }]);
    expect(h.pim.admin.getProduct('P1')?.weight).toBe(1.5);
    expect(oi(await details('P1'))).toMatchObject({ netWeight: '1500', netWeightUnit: 'GRM' });
    h.pim.admin.editProduct('P1', { weight: 2 });
    expect(oi(await details('P1'))).toMatchObject({ netWeight: '2', netWeightUnit: 'KGM' });
  });

  it('does not count a PUT that changes nothing in a generated product as modified', async () => {
    const before = h.pim.admin.getProduct('tenrak01')!;
    h.clock.advance(60_000);
    const r = await put('', [
      {
        productId: 'tenrak01',
        overallInformation: { gtin: before.gtin, productName: { en: 'Tennis racket' } },
      },
    ]);
    expect(r).toMatchObject({ unique: '1', new: '0', modified: '0' });
    expect(h.pim.admin.getProduct('tenrak01')!.modifiedAt).toBe(before.modifiedAt);
  });

  it('trims strings, rejects non-strings, long ids and scripted rejections, each with its reason', async () => {
    h.pim.admin.setRejections('etim', ['P3'], 'supplier locked this product');
    const r = await put('', [
      { productId: ' P1 ', overallInformation: { brandName: '  Spaced  ' } },
      { productId: 'P4', overallInformation: { netWeight: 12 } },
      { productId: 'X'.repeat(33) },
      { productId: 'P3', overallInformation: { brandName: 'nope' } },
      { overallInformation: {} },
    ]);
    expect(r).toEqual({
      all: '5',
      'rejected (values other than strings)': '1 (P4)',
      [`rejected (product ID longer than 32 characters)`]: `1 (${'X'.repeat(33)})`,
      'rejected (supplier locked this product)': '1 (P3)',
      'rejected (missing product ID)': '1 (-)',
      unique: '1',
      new: '0',
      modified: '1',
      classified: '0',
      reclassified: '0',
      deletedClassifications: '0',
      deletedRelatedProducts: '0',
      createdRelatedProducts: '0',
      limitExceeded: '0',
      parameters: { new: 'add', existing: 'replace', empty: 'false' },
    });
    expect(oi(await details('P1')).brandName).toBe('Spaced');
  });

  it('reports classifications gained, changed and removed, and products over the account limit', async () => {
    const cls = (classId: string) => ({
      version: '9',
      classId,
      groupId: 'EG000006',
      features: { EF000025: 'true' },
    });
    expect(await put('', [{ productId: 'P1', etimDescription: cls('EC000722') }])).toMatchObject({
      classified: '1',
    });
    expect(await put('', [{ productId: 'P1', etimDescription: cls('EC000057') }])).toMatchObject({
      reclassified: '1',
    });
    expect(await put('?empty=true', [{ productId: 'P1', etimDescription: {} }])).toMatchObject({
      deletedClassifications: '1',
    });
    h.pim.admin.setEtimLimits({ productLimit: 302 });
    const over = await put(
      '',
      ['N1', 'N2', 'N3'].map((productId) => ({
        productId,
        overallInformation: { productName: { en: productId } },
      })),
    );
    expect(over).toMatchObject({ new: '1', limitExceeded: '2' });
  });

  it('shows ETIM edits through WEXBO: one catalog behind both', async () => {
    await put('', [
      {
        productId: 'tenrak01',
        overallInformation: { productName: { sk: 'Raketa ETIM' } },
        priceInformation: [{ listPrice: '12.50', priceCurrency: 'EUR', vat: '0.2' }],
      },
    ]);
    const p = h.pim.admin.getProduct(1000001)!;
    expect(p).toMatchObject({ price: 12.5, modifiedBy: 'etim-api' });
    expect(p.name.sk).toBe('Raketa ETIM');
    expect(p.name.en).toBe('Tennis racket');
    // The price string is given back as sent while the canonical price agrees with it …
    const price = async () => ((await details('tenrak01'))!.priceInformation as Json[])[0]!.listPrice;
    expect(await price()).toBe('12.50');
    // … and follows the canonical price once another channel changes it.
    h.pim.admin.editProduct(1000001, { price: 13 });
    expect(await price()).toBe('13');
  });
});

describe('CET/CEST dates of the change feed', () => {
  async function touchAt(iso: string, sku: string): Promise<void> {
    h.clock.set(iso);
    h.pim.admin.editProduct(sku, { stock: 1 });
  }

  it('converts Intl-correct offsets: +1 h in winter, +2 h in summer', () => {
    expect(zoneOffsetMs(Date.parse('2025-01-15T12:00:00Z'))).toBe(3600_000);
    expect(zoneOffsetMs(Date.parse('2025-07-15T12:00:00Z'))).toBe(7200_000);
    expect(formatZoned(Date.parse('2024-03-31T00:59:59Z'))).toBe('2024-03-31 01:59:59');
    expect(formatZoned(Date.parse('2024-03-31T01:00:00Z'))).toBe('2024-03-31 03:00:00');
    expect(formatZoned(Date.parse('2024-10-27T00:59:59Z'))).toBe('2024-10-27 02:59:59');
    expect(formatZoned(Date.parse('2024-10-27T01:00:00Z'))).toBe('2024-10-27 02:00:00');
    // A time in the spring gap moves forward; one in the autumn overlap takes the summer time.
    expect(new Date(parseZoned('2024-03-31 02:30:00')!.ms).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(new Date(parseZoned('2024-10-27 02:30:00')!.ms).toISOString()).toBe('2024-10-27T00:30:00.000Z');
  });

  it('starts a winter date at 23:00 UTC the day before', async () => {
    await touchAt('2025-01-14T22:59:59Z', 'tenrak01');
    await touchAt('2025-01-14T23:00:00Z', 'tankt72m1');
    h.clock.set('2025-01-16T12:00:00Z');
    expect(await feedIds('2025-01-15')).toEqual(['tankt72m1']);
    expect(await feedIds('2025-01-14')).toEqual(['tenrak01', 'tankt72m1']);
  });

  it('starts a summer date at 22:00 UTC the day before', async () => {
    await touchAt('2025-06-30T21:59:59Z', 'tenrak01');
    await touchAt('2025-06-30T22:00:00Z', 'tankt72m1');
    h.clock.set('2025-07-02T12:00:00Z');
    expect(await feedIds('2025-07-01')).toEqual(['tankt72m1']);
  });

  it('is right on the days the clocks change', async () => {
    // 2025-03-30: CET until 01:00 UTC, then CEST. Midnight is still 23:00 UTC the day before.
    await touchAt('2025-03-29T22:59:59Z', 'tenrak01');
    await touchAt('2025-03-29T23:00:00Z', 'tankt72m1');
    // 2025-03-31 starts at 22:00 UTC on the 30th (CEST).
    await touchAt('2025-03-30T21:59:59Z', 'office30');
    const fourth = h.pim.admin.getProduct(1000004)!.sku;
    await touchAt('2025-03-30T22:00:00Z', fourth);
    h.clock.set('2025-04-02T12:00:00Z');
    expect(await feedIds('2025-03-30')).toEqual(['tankt72m1', 'office30', fourth]);
    expect(await feedIds('2025-03-31')).toEqual([fourth]);
    // 2025-10-26: back to CET; 2025-10-27 starts at 23:00 UTC on the 26th.
    await touchAt('2025-10-26T22:59:59Z', 'tenrak01');
    await touchAt('2025-10-26T23:00:00Z', 'tankt72m1');
    h.clock.set('2025-10-28T12:00:00Z');
    expect(await feedIds('2025-10-27')).toEqual(['tankt72m1']);
    expect(await feedIds('2025-10-26 23:59:59')).toEqual(['tenrak01', 'tankt72m1']);
  });

  it('gives ids in modification order and pages them', async () => {
    const all = (await call('GET', '/products?date-from=2000-01-01')).body;
    expect(all.total).toBe('300');
    const page2 = (await call('GET', '/products?date-from=2000-01-01&limit=100&page=2')).body;
    expect(page2.productIds).toEqual((all.productIds as string[]).slice(100, 200));
    expect(page2.parameters).toEqual({ 'date-from': '2000-01-01', limit: '100', page: '2' });
    expect(page2.total).toBe('300');
  });
});

describe('as supplier', () => {
  it('lists, reads, writes and deletes by supplierPid of one supplier', async () => {
    const mine = (await call('GET', '/products?date-from=2000-01-01&as-supplier=sup3')).body;
    const pids = mine.productIds as string[];
    expect(pids.length).toBeGreaterThan(10);
    for (const pid of pids) expect(pid).toMatch(/^SUP3-\d+$/);
    const p = ((await call('GET', '/products?as-supplier=sup3', [pids[0]])).body.products as Json[])[0]!;
    expect(p.productId).toBe(pids[0]);
    const put = (
      await call('PUT', '/products?as-supplier=sup3', [
        { productId: 'NEW-PID', overallInformation: { productName: { en: 'From supplier' } } },
      ])
    ).body;
    expect(put).toMatchObject({ new: '1', parameters: { 'as-supplier': 'sup3' } });
    expect(h.pim.admin.getProduct('sup3_NEW-PID')).toMatchObject({
      supplier: 'sup3',
      supplierPid: 'NEW-PID',
    });
    expect((await call('DELETE', '/products?as-supplier=sup3', ['NEW-PID'])).body).toEqual({
      deletedProducts: '1',
      parameters: { 'as-supplier': 'sup3' },
    });
    expect((await call('GET', '/products?date-from=2000-01-01&as-supplier=nobody')).res.status).toBe(400);
  });
});

describe('push notifications', () => {
  it('delivers new, modified and deleted ids to the registered URL, not ETIM’s own changes', async () => {
    const receiver = await startReceiver();
    try {
      h.pim.admin.setEtimNotifyUrl(receiver.url);
      h.pim.admin.editProduct('tenrak01', { price: 1 });
      h.pim.admin.createProduct({ sku: 'fresh-1', name: { en: 'Fresh' } });
      h.pim.admin.editProduct('fresh-1', { price: 2 });
      h.pim.admin.deleteProduct('office30');
      await call('PUT', '/products', [
        { productId: 'tankt72m1', overallInformation: { brandName: 'Via ETIM' } },
      ]);
      await h.pim.admin.flushNotifications();
      expect(receiver.received).toEqual([
        { new: ['fresh-1'], modified: ['tenrak01'], deleted: ['office30'] },
      ]);
      expect(h.pim.admin.notifications().at(-1)).toMatchObject({ url: receiver.url, outcome: 204 });
    } finally {
      await receiver.close();
    }
  });

  it('batches changes made close together without being flushed', async () => {
    const receiver = await startReceiver();
    try {
      h.pim.admin.setEtimNotifyUrl(receiver.url);
      h.pim.admin.editProduct('tenrak01', { price: 1 });
      h.pim.admin.editProduct('tankt72m1', { price: 1 });
      await expect.poll(() => receiver.received.length, { timeout: 2000 }).toBe(1);
      expect(receiver.received[0]).toEqual({ new: [], modified: ['tenrak01', 'tankt72m1'], deleted: [] });
    } finally {
      await receiver.close();
    }
  });

  it('records a failed delivery and keeps going', async () => {
    h.pim.admin.setEtimNotifyUrl('http://127.0.0.1:9/unreachable');
    h.pim.admin.editProduct('tenrak01', { price: 1 });
    await h.pim.admin.flushNotifications();
    const last = h.pim.admin.notifications().at(-1)!;
    expect(typeof last.outcome).toBe('string');
    expect(last.payload.modified).toEqual(['tenrak01']);
  });
});
