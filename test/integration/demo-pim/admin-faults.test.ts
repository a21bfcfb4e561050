/**
 * The admin API (HTTP and in-process) and fault injection: edits as another user seen by both
 * WEXBO and ETIM feeds, scripted and rate-based faults (repeatable), resets, timeouts, latency,
 * per-record rejections, maintenance, request counters.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { etim, request, startPim, wexbo, type Harness } from './pim-harness';

let h: Harness;
beforeEach(async () => {
  h = await startPim();
  h.pim.admin.setWexboLimits({ ratePerSecond: 0 });
});
afterEach(() => h.close());

const admin = (method: string, args?: unknown[], token = h.pim.credentials.admin.token) =>
  request(`${h.pim.urls.admin}/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    ...(args ? { body: JSON.stringify(args) } : {}),
  });

describe('admin HTTP API', () => {
  it('needs its own token', async () => {
    expect((await admin('state', undefined, 'wrong')).status).toBe(401);
    expect((await admin('state', undefined, h.pim.credentials.wexbo.token)).status).toBe(401);
    const state = await request(`${h.pim.urls.admin}/state`, {
      headers: { Authorization: `Bearer ${h.pim.credentials.admin.token}` },
    });
    expect(state.status).toBe(200);
    expect((state.json() as { result: { catalog: { products: number } } }).result.catalog.products).toBe(300);
  });

  it('answers 404 for an unknown method and 400 for a failing call', async () => {
    expect((await admin('dropDatabase')).status).toBe(404);
    const failing = await admin('editProduct', ['no-such-sku', { price: 1 }]);
    expect(failing.status).toBe(400);
    expect(failing.json()).toEqual({ error: 'No product no-such-sku' });
  });

  it('edits a product as another user; WEXBO and the ETIM feed both see it', async () => {
    h.clock.set('2025-09-01T10:00:00Z');
    const res = await admin('editProduct', [
      'tenrak01',
      { price: 77.7, name: { sk: 'Raketa kolegu' } },
      { user: 'jana' },
    ]);
    expect(res.status).toBe(200);
    expect((res.json() as { result: { price: number; modifiedBy: string } }).result).toMatchObject({
      price: 77.7,
      modifiedBy: 'jana',
    });

    const w = (
      await wexbo(h.pim, '/products?fields=id,name,price,date_modified&filter[date_from]=2025-09-01')
    ).json() as { data: unknown[] };
    expect(w.data).toEqual([
      { id: 1000001, name: 'Raketa kolegu', price: 77.7, date_modified: '2025-09-01 12:00:00' },
    ]);
    const feed = (await etim(h.pim, 'GET', '/products?date-from=2025-09-01')).json() as {
      productIds: string[];
    };
    expect(feed.productIds).toEqual(['tenrak01']);
    const details = (await etim(h.pim, 'GET', '/products', ['tenrak01'])).json() as {
      products: Record<string, unknown>[];
    };
    expect(details.products[0]).toMatchObject({
      lastModifiedDate: '2025-09-01 12:00:00',
      modifiedBy: 'jana',
    });
    expect((details.products[0]!.priceInformation as { listPrice: string }[])[0]!.listPrice).toBe('77.7');
  });

  it('deletes a product: gone from both APIs, recorded as a tombstone', async () => {
    h.clock.set('2025-09-01T10:00:00Z');
    expect((await admin('deleteProduct', ['office30'])).json()).toEqual({ result: true });
    expect((await wexbo(h.pim, '/products/1000003')).status).toBe(404);
    expect(
      ((await etim(h.pim, 'GET', '/products', ['office30'])).json() as { products: unknown[] }).products,
    ).toEqual([]);
    expect(h.pim.admin.tombstones()).toEqual([
      { id: 1000003, sku: 'office30', deletedAt: Date.parse('2025-09-01T10:00:00Z'), deletedBy: 'colleague' },
    ]);
  });

  it('creates a product that both APIs list', async () => {
    await admin('createProduct', [{ sku: 'new-one', name: { sk: 'Nový', en: 'New' }, price: 5 }]);
    const w = (await wexbo(h.pim, '/products?filter[code]=new-one&fields=id,code,name')).json() as {
      data: unknown[];
    };
    expect(w.data).toEqual([{ id: 1000301, code: 'new-one', name: 'Nový' }]);
    const feed = (await etim(h.pim, 'GET', `/products?date-from=2025-06-02`)).json() as {
      productIds: string[];
    };
    expect(feed.productIds).toContain('new-one');
  });

  it('sets credit and maintenance over HTTP, and resets everything but the catalog', async () => {
    await admin('setCredit', [0]);
    expect((await wexbo(h.pim, '/products')).status).toBe(402);
    await admin('setMaintenance', ['all', true]);
    expect((await wexbo(h.pim, '/products')).status).toBe(503);
    expect((await etim(h.pim, 'GET', '/labels')).status).toBe(503);
    // The admin API itself never goes into maintenance.
    expect((await admin('state')).status).toBe(200);
    await admin('editProduct', ['tenrak01', { price: 1 }]);
    await admin('reset');
    expect((await wexbo(h.pim, '/products')).status).toBe(200);
    expect(h.pim.admin.state().wexbo).toMatchObject({ credit: null, ratePerSecond: 5 });
    expect(h.pim.admin.getProduct('tenrak01')?.price).toBe(1);
  });
});

describe('scripted faults', () => {
  it('fails the next N requests with a status, in the system’s own error format', async () => {
    h.pim.admin.failNext('wexbo', 2, { status: 503, retryAfter: 7 });
    const first = await wexbo(h.pim, '/products?limit=1');
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('7');
    expect(first.json()).toMatchObject({ result: false, errors: [{ code: 503 }] });
    expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(503);
    expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(200);

    h.pim.admin.failNext('etim', 1, { status: 500 });
    const e = await etim(h.pim, 'GET', '/labels');
    expect(e.status).toBe(500);
    expect(e.json()).toEqual({ errors: ['Internal server error (injected fault)'] });
  });

  it('resets the connection', async () => {
    h.pim.admin.failNext('wexbo', 1, 'reset');
    await expect(wexbo(h.pim, '/products')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await wexbo(h.pim, '/products')).status).toBe(200);
  });

  it('never answers (a timeout), until the client gives up', async () => {
    h.pim.admin.failNext('etim', 1, 'timeout');
    const t0 = Date.now();
    await expect(request(`${h.pim.urls.etim}/labels`, { timeoutMs: 300 })).rejects.toThrow('client timeout');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(h.pim.admin.counters('etim').byStatus).toMatchObject({ timeout: 1 });
  });
});

describe('rate-based faults', () => {
  async function statuses(n: number): Promise<(number | string)[]> {
    const out: (number | string)[] = [];
    for (let i = 0; i < n; i++) {
      try {
        const r = await wexbo(h.pim, '/products?limit=1&fields=id');
        out.push(r.headers['retry-after'] ? `${r.status}+RA` : r.status);
      } catch {
        out.push('reset');
      }
    }
    return out;
  }

  it('are repeatable: the same settings give the same sequence', async () => {
    const settings = {
      rate429: 0.2,
      rate429NoRetryAfter: 0.1,
      rate500: 0.1,
      rate503: 0.1,
      resetRate: 0.1,
      seed: 7,
    };
    h.pim.admin.setFaults('wexbo', settings);
    const first = await statuses(40);
    h.pim.admin.setFaults('wexbo', settings);
    expect(await statuses(40)).toEqual(first);
    for (const kind of [200, '429+RA', 429, 500, '503+RA', 'reset']) expect(first).toContain(kind);
    h.pim.admin.setFaults('wexbo', { ...settings, seed: 8 });
    expect(await statuses(40)).not.toEqual(first);
  });

  it('adds latency', async () => {
    h.pim.admin.setFaults('wexbo', { latencyMs: 150 });
    const t0 = Date.now();
    expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('touches only the system they are set for', async () => {
    h.pim.admin.setFaults('wexbo', { rate500: 1 });
    expect((await wexbo(h.pim, '/products')).status).toBe(500);
    expect((await etim(h.pim, 'GET', '/labels')).status).toBe(200);
    h.pim.admin.setFaults('wexbo', {});
    expect((await wexbo(h.pim, '/products')).status).toBe(200);
  });
});

describe('per-record rejections', () => {
  it('WEXBO rejects writes to the listed records with 409 and the message', async () => {
    h.pim.admin.setRejections('wexbo', [1000001, 'office30'], 'Product is locked by the ERP');
    const res = await wexbo(h.pim, '/products/1000001', { method: 'PUT', body: { price: 1 } });
    expect(res.status).toBe(409);
    expect(res.json()).toEqual({
      result: false,
      data: null,
      errors: [{ code: 409, msg: 'Product is locked by the ERP', error: 'rejected_1', field: 'id' }],
    });
    expect((await wexbo(h.pim, '/products/1000003', { method: 'DELETE' })).status).toBe(409);
    expect((await wexbo(h.pim, '/products/1000002', { method: 'PUT', body: { price: 1 } })).status).toBe(200);
    h.pim.admin.setRejections('wexbo', []);
    expect((await wexbo(h.pim, '/products/1000001', { method: 'PUT', body: { price: 1 } })).status).toBe(200);
  });

  it('ETIM rejects them in its PUT report and does not delete them', async () => {
    h.pim.admin.setRejections('etim', ['tenrak01'], 'blocked');
    const r = (
      await etim(h.pim, 'PUT', '/products', [
        { productId: 'tenrak01', overallInformation: { brandName: 'x' } },
      ])
    ).json();
    expect(r).toMatchObject({ all: '1', 'rejected (blocked)': '1 (tenrak01)', unique: '0' });
    expect((await etim(h.pim, 'DELETE', '/products', ['tenrak01'])).json()).toEqual({
      deletedProducts: '0',
      parameters: [],
    });
  });
});

describe('request counters', () => {
  it('count requests per system, endpoint and status', async () => {
    await wexbo(h.pim, '/products');
    await wexbo(h.pim, '/products/1000001');
    await wexbo(h.pim, '/products/1000002');
    await wexbo(h.pim, '/products/9');
    await etim(h.pim, 'GET', '/products?date-from=2025-01-01');
    await etim(h.pim, 'GET', '/products', ['tenrak01']);
    await etim(h.pim, 'GET', '/products', ['tankt72m1']);
    expect(h.pim.admin.counters('wexbo')).toEqual({
      total: 4,
      byEndpoint: { 'GET /products': 1, 'GET /products/{id}': 3 },
      byStatus: { 200: 3, 404: 1 },
    });
    expect(h.pim.admin.counters('etim').byEndpoint).toEqual({
      'GET /products (feed)': 1,
      'GET /products (details)': 2,
    });
    h.pim.admin.resetCounters();
    expect(h.pim.admin.counters('wexbo').total).toBe(0);
  });
});

describe('the other systems behind the same host', () => {
  it('are mounted with the demo credentials, and faults and maintenance reach them too', async () => {
    const { urls, credentials } = h.pim;
    const wizart = () =>
      request(`${urls.wizart}/api/v2.1/imports`, {
        headers: { Authorization: `Bearer ${credentials.wizart.token}` },
      });
    expect((await wizart()).status).toBe(200);
    h.pim.admin.failNext('wizart', 1, { status: 503 });
    expect((await wizart()).status).toBe(503);
    expect((await wizart()).status).toBe(200);

    h.pim.admin.setMaintenance('all', true);
    for (const url of [urls.broadleaf, urls.printxpand])
      expect((await request(`${url}/anything`)).status).toBe(503);
    h.pim.admin.setMaintenance('all', false);
    expect(h.pim.admin.counters('broadleaf').byStatus).toEqual({ 503: 1 });
  });
});
