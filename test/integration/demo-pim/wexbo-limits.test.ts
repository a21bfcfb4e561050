/**
 * Every WEXBO limit and error code of seeds/001_15500709165aa147.txt ("Response codes",
 * "Restrictions"), provoked against the demo PIM: 401, 423, 426, 429 + Retry-After, 413 (1 MB and
 * 100 parameters), 402, 503, 405, 501, 404, 409, 400, and X-HTTP-Method-Override.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request, startPim, WEXBO_TYPE, wexbo, type Harness } from './pim-harness';

let h: Harness;
beforeEach(async () => {
  h = await startPim();
});
afterEach(() => h.close());

type Body = {
  result: boolean;
  data: unknown;
  errors: { code: number; msg: string; error: string; field: string }[];
};
const body = (r: { json: () => unknown }) => r.json() as Body;

describe('authorization (401, 423)', () => {
  it('answers 401 without a token and with a wrong one, in the error envelope', async () => {
    const none = await request(`${h.pim.urls.wexbo}/products`, { headers: { 'Content-Type': WEXBO_TYPE } });
    expect(none.status).toBe(401);
    expect(body(none)).toMatchObject({
      result: false,
      data: null,
      errors: [{ code: 401, field: 'Authorization' }],
    });
    const wrong = await wexbo(h.pim, '/products', { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('locks with 423 after 5 failed logins, even for the right token, until unlocked', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await wexbo(h.pim, '/products', { headers: { Authorization: `Bearer bad-${i}` } })).status,
      ).toBe(401);
    }
    const locked = await wexbo(h.pim, '/products');
    expect(locked.status).toBe(423);
    expect(body(locked).errors[0]).toMatchObject({ code: 423, error: 'login_3' });
    h.clock.advance(14 * 60_000);
    expect((await wexbo(h.pim, '/products')).status).toBe(423);
    h.pim.admin.unlockWexbo();
    expect((await wexbo(h.pim, '/products')).status).toBe(200);
  });

  it('unlocks by itself after the lock time', async () => {
    for (let i = 0; i < 5; i++) await wexbo(h.pim, '/products', { headers: { Authorization: 'Bearer bad' } });
    expect((await wexbo(h.pim, '/products')).status).toBe(423);
    h.clock.advance(15 * 60_000 + 1);
    expect((await wexbo(h.pim, '/products')).status).toBe(200);
  });

  it('a good login resets the count of failures', async () => {
    for (let i = 0; i < 4; i++) await wexbo(h.pim, '/products', { headers: { Authorization: 'Bearer bad' } });
    expect((await wexbo(h.pim, '/products')).status).toBe(200);
    for (let i = 0; i < 4; i++) await wexbo(h.pim, '/products', { headers: { Authorization: 'Bearer bad' } });
    expect((await wexbo(h.pim, '/products')).status).toBe(200);
  });

  it('answers 423 for an expired token', async () => {
    h.pim.admin.setWexboLimits({ tokenExpired: true });
    expect((await wexbo(h.pim, '/products')).status).toBe(423);
  });
});

describe('API version (426)', () => {
  it('answers 426 without the version Content-Type or with another version', async () => {
    for (const type of [undefined, 'application/json', 'application/vnd.wexbo.v2']) {
      const headers: Record<string, string> = { Authorization: `Bearer ${h.pim.credentials.wexbo.token}` };
      if (type) headers['Content-Type'] = type;
      const res = await request(`${h.pim.urls.wexbo}/products`, { headers });
      expect(res.status).toBe(426);
      expect(body(res).errors[0]).toMatchObject({ code: 426, field: 'Content-Type' });
    }
    expect(
      (
        await wexbo(h.pim, '/products', {
          headers: { 'Content-Type': 'application/vnd.wexbo.v1+json; charset=utf-8' },
        })
      ).status,
    ).toBe(200);
  });
});

describe('request rate (429)', () => {
  it('allows 5 requests per second per token, then 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(200);
    const limited = await wexbo(h.pim, '/products?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(body(limited).errors[0]).toMatchObject({ code: 429, error: 'limit_second' });
    h.clock.advance(999);
    expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(429);
    h.clock.advance(1);
    expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(200);
  });

  it('is a sliding window: requests spread over the second count', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(200);
      h.clock.advance(150);
    }
    // 750 ms after the first request five are still in the window.
    expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(429);
    h.clock.advance(250);
    expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(200);
  });

  it('can be raised through admin, and has hourly and daily caps', async () => {
    h.pim.admin.setWexboLimits({ ratePerSecond: 50 });
    for (let i = 0; i < 20; i++) expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(200);
    h.pim.admin.setWexboLimits({ ratePerSecond: 0, hourlyCap: 22 });
    expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(200);
    expect((await wexbo(h.pim, '/products?limit=1')).status).toBe(200);
    const hourly = await wexbo(h.pim, '/products?limit=1');
    expect(hourly.status).toBe(429);
    expect(Number(hourly.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(hourly.headers['retry-after'])).toBeLessThanOrEqual(3600);
    h.pim.admin.setWexboLimits({ hourlyCap: null, dailyCap: 22 });
    const daily = await wexbo(h.pim, '/products?limit=1');
    expect(daily.status).toBe(429);
    expect(body(daily).errors[0]!.error).toBe('limit_day');
  });
});

describe('request size (413)', () => {
  it('refuses PUT and POST bodies over 1 MB', async () => {
    h.pim.admin.setWexboLimits({ ratePerSecond: 0 });
    const big = { name: 'x'.repeat(1024 * 1024) };
    const put = await wexbo(h.pim, '/products/1000001', { method: 'PUT', body: big });
    expect(put.status).toBe(413);
    expect(body(put).errors[0]).toMatchObject({ code: 413, error: 'size_1' });
    expect((await wexbo(h.pim, '/products', { method: 'POST', body: big })).status).toBe(413);
    const justUnder = { name: 'x'.repeat(1024 * 1024 - 20) };
    expect((await wexbo(h.pim, '/products/1000001', { method: 'PUT', body: justUnder })).status).toBe(200);
  });

  it('refuses a PUT with more than 100 parameters with values', async () => {
    h.pim.admin.setWexboLimits({ ratePerSecond: 0 });
    const translations = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`,
          { name: `n${i}` },
        ]),
      );
    const ok = await wexbo(h.pim, '/products/1000001', {
      method: 'PUT',
      body: { price: 1, translations: translations(99) },
    });
    expect(ok.status).toBe(200);
    const tooMany = await wexbo(h.pim, '/products/1000001', {
      method: 'PUT',
      body: { price: 1, translations: translations(100) },
    });
    expect(tooMany.status).toBe(413);
    expect(body(tooMany).errors[0]).toMatchObject({ code: 413, error: 'size_2' });
    // Null values carry no value and do not count.
    const nulls = await wexbo(h.pim, '/products/1000001', {
      method: 'PUT',
      body: { price: 1, size: null, translations: translations(99) },
    });
    expect(nulls.status).toBe(200);
  });
});

describe('credit (402)', () => {
  it('charges one credit per record and answers 402 when it runs out, doing nothing', async () => {
    h.pim.admin.setWexboLimits({ ratePerSecond: 0 });
    h.pim.admin.setCredit(3);
    const tooExpensive = await wexbo(h.pim, '/products?limit=4');
    expect(tooExpensive.status).toBe(402);
    expect(body(tooExpensive).errors[0]).toMatchObject({ code: 402, error: 'credit_1' });
    expect((await wexbo(h.pim, '/products?limit=2')).status).toBe(200);
    expect(h.pim.admin.state().wexbo.credit).toBe(1);
    expect((await wexbo(h.pim, '/products/1000001', { method: 'PUT', body: { price: 2 } })).status).toBe(200);
    const broke = await wexbo(h.pim, '/products/1000001', { method: 'PUT', body: { price: 3 } });
    expect(broke.status).toBe(402);
    expect(h.pim.admin.getProduct(1000001)?.price).toBe(2);
    h.pim.admin.setCredit(null);
    expect((await wexbo(h.pim, '/products/1000001', { method: 'PUT', body: { price: 3 } })).status).toBe(200);
  });
});

describe('maintenance (503)', () => {
  it('answers 503 in the WEXBO envelope while in maintenance, with Retry-After when set', async () => {
    h.pim.admin.setMaintenance('wexbo', true, 30);
    const res = await wexbo(h.pim, '/products');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.headers['content-type']).toBe('application/vnd.wexbo.v1+json; charset=utf-8');
    expect(body(res)).toMatchObject({ result: false, errors: [{ code: 503, msg: 'System maintenance' }] });
    h.pim.admin.setMaintenance('wexbo', false);
    expect((await wexbo(h.pim, '/products')).status).toBe(200);
  });
});

describe('methods and endpoints', () => {
  beforeEach(() => h.pim.admin.setWexboLimits({ ratePerSecond: 0 }));

  it('honours X-HTTP-Method-Override', async () => {
    const del = await wexbo(h.pim, '/products/1000004', {
      method: 'GET',
      headers: { 'X-HTTP-Method-Override': 'DELETE' },
    });
    expect(del.status).toBe(200);
    expect(body(del)).toEqual({ result: true, data: null, errors: [] });
    expect((await wexbo(h.pim, '/products/1000004')).status).toBe(404);
    const created = await wexbo(h.pim, '/products', {
      method: 'PUT',
      headers: { 'X-HTTP-Method-Override': 'POST' },
      body: { name: 'Nový' },
    });
    expect(created.status).toBe(201);
    expect(h.pim.admin.counters('wexbo').byEndpoint).toMatchObject({
      'DELETE /products/{id}': 1,
      'POST /products': 1,
    });
  });

  it('answers 405 for other methods and for methods that do not fit the URL', async () => {
    expect((await wexbo(h.pim, '/products/1000001', { method: 'PATCH', body: {} })).status).toBe(405);
    expect((await wexbo(h.pim, '/products', { method: 'PUT', body: { price: 1 } })).status).toBe(405);
    expect((await wexbo(h.pim, '/products', { method: 'DELETE' })).status).toBe(405);
    expect((await wexbo(h.pim, '/products/1000001', { method: 'POST', body: { name: 'x' } })).status).toBe(
      405,
    );
    expect((await wexbo(h.pim, '/products/count', { method: 'DELETE' })).status).toBe(405);
  });

  it('answers 501 for an unknown endpoint and 404 for an unknown record', async () => {
    const orders = await wexbo(h.pim, '/orders');
    expect(orders.status).toBe(501);
    expect(body(orders).errors[0]!.code).toBe(501);
    expect((await wexbo(h.pim, '/products/999')).status).toBe(404);
    expect((await wexbo(h.pim, '/products/abc')).status).toBe(404);
  });

  it('answers 409 for bad values and missing required attributes, with every bad field', async () => {
    const bad = await wexbo(h.pim, '/products/1000001', {
      method: 'PUT',
      body: { price: 'cheap', active: 'yes', ean: '1234567890123', category_id: 'C99' },
    });
    expect(bad.status).toBe(409);
    expect(body(bad).errors.map((e) => [e.code, e.field])).toEqual([
      [409, 'price'],
      [409, 'active'],
      [409, 'ean'],
      [409, 'category_id'],
    ]);
    const noName = await wexbo(h.pim, '/products', { method: 'POST', body: { price: 1 } });
    expect(noName.status).toBe(409);
    expect(body(noName).errors[0]).toMatchObject({ code: 409, field: 'name', error: 'required_1' });
    const dup = await wexbo(h.pim, '/products', { method: 'POST', body: { name: 'x', code: 'tenrak01' } });
    expect(dup.status).toBe(409);
  });

  it('answers 400 for a body that is not JSON or missing', async () => {
    expect((await wexbo(h.pim, '/products/1000001', { method: 'PUT', body: '{"price": ' })).status).toBe(400);
    expect((await wexbo(h.pim, '/products/1000001', { method: 'PUT' })).status).toBe(400);
    expect((await wexbo(h.pim, '/products', { method: 'POST', body: '[1,2]' })).status).toBe(400);
    expect((await wexbo(h.pim, '/products?fields=id&fields[]=code')).status).toBe(400);
  });

  it('creates, reads and deletes a product', async () => {
    const created = await wexbo(h.pim, '/products', {
      method: 'POST',
      body: {
        name: 'Tenisová raketa',
        code: 'tenrak02',
        active: true,
        price: 50.99,
        ean: '4006381333931',
        foo: 1,
      },
    });
    expect(created.status).toBe(201);
    const b = body(created);
    expect(b.errors).toEqual([{ code: 100, msg: 'Field foo not exist.', error: 'fields_1', field: 'foo' }]);
    const id = (b.data as { id: number }[])[0]!.id;
    expect(id).toBe(1000301);
    expect(created.headers.link).toBe(`<${h.pim.urls.wexbo}/products/${id}>; rel="self"`);
    const read = body(await wexbo(h.pim, `/products/${id}?fields=id,code,name,ean,price`));
    expect(read.data).toEqual({
      id,
      code: 'tenrak02',
      name: 'Tenisová raketa',
      ean: '4006381333931',
      price: 50.99,
    });
    expect((await wexbo(h.pim, `/products/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await wexbo(h.pim, `/products/${id}`)).status).toBe(404);
    // Ids are never reused.
    const again = body(await wexbo(h.pim, '/products', { method: 'POST', body: { name: 'Another' } }));
    expect(again.data).toEqual([{ id: 1000302 }]);
    expect(body(await wexbo(h.pim, '/products/1000302?fields=code')).data).toEqual({ code: 'p1000302' });
  });

  it('warns with code 100 about read-only fields in a PUT and ignores them', async () => {
    const res = await wexbo(h.pim, '/products/1000001', {
      method: 'PUT',
      body: { id: 5, date_modified: '2000-01-01 00:00:00', stock: 7 },
    });
    expect(res.status).toBe(200);
    expect(body(res).errors.map((e) => [e.code, e.field])).toEqual([
      [100, 'id'],
      [100, 'date_modified'],
    ]);
    expect(h.pim.admin.getProduct(1000001)).toMatchObject({ id: 1000001, stock: 7 });
  });
});
