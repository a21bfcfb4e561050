/**
 * The WEXBO seed's own request and response examples (seeds/001_15500709165aa147.txt,
 * "Examples"), replayed against the demo PIM and compared field by field. The catalog has 90
 * products so that the list example's paging numbers come out exactly as printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startPim, wexbo, wexboHeaders, type Harness } from './pim-harness';

let h: Harness;
beforeAll(async () => {
  h = await startPim({ products: 90 });
});
afterAll(() => h.close());

describe('WEXBO seed example "Show produkts"', () => {
  const PATH =
    '/products?fields=id,code,name,foo&options=pagination,links&sort=id&direction=asc&page=1&offset=0&limit=3';

  it('answers as the seed prints, field by field', async () => {
    const res = await wexbo(h.pim, PATH);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.wexbo.v1+json; charset=utf-8');
    const body = res.json() as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['result', 'data', 'pagination', 'links', 'errors']);
    // The seed prints "ok"; its own rules (and seeds/README.md) make `result` a boolean unless
    // options=result asks for the string form, which the next test checks.
    expect(body.result).toBe(true);
    expect(body.data).toEqual([
      { id: 1000001, code: 'tenrak01', name: 'Tenisová raketa' },
      { id: 1000002, code: 'tankt72m1', name: 'Tank T-72 M1' },
      { id: 1000003, code: 'office30', name: 'Microsoft Office 2030' },
    ]);
    expect(body.pagination).toEqual({
      pages: 30,
      page: 1,
      offset: 0,
      count: 3,
      total: 90,
      paging: 3,
      status: 'continue',
    });
    expect(body.errors).toEqual([
      { code: 100, msg: 'Field foo not exist.', error: 'fields_1', field: 'foo' },
    ]);
  });

  it('gives "ok" with options=result', async () => {
    const res = await wexbo(h.pim, PATH.replace('options=pagination,links', 'options=result,pagination'));
    expect((res.json() as { result: unknown }).result).toBe('ok');
  });

  it('links pages in the body and in the Link header as the seed shows (self, first, next, last)', async () => {
    const res = await wexbo(h.pim, PATH);
    const links = (res.json() as { links: Record<string, string> }).links;
    // The seed's printed links were copied from a page-2 answer; on page 1 there is no prev.
    expect(Object.keys(links)).toEqual(['self', 'first', 'next', 'last']);
    const page = (u: string) => new URL(u).searchParams.get('page');
    expect([page(links.self!), page(links.first!), page(links.next!), page(links.last!)]).toEqual([
      '1',
      '1',
      '2',
      '30',
    ]);
    expect(links.next).toMatch(new RegExp(`^${h.pim.urls.wexbo}/products\\?page=2&`));
    expect(res.headers.link).toBe(
      Object.entries(links)
        .map(([rel, u]) => `<${u}>; rel="${rel}"`)
        .join(', '),
    );
    expect(res.headers).toMatchObject({
      'x-pagination-pages': '30',
      'x-pagination-page': '1',
      'x-pagination-offset': '0',
      'x-pagination-count': '3',
      'x-pagination-total': '90',
      'x-pagination-paging': '3',
    });
  });

  it('shows all five links on page 2, as in the seed Link header', async () => {
    const res = await wexbo(h.pim, '/products?page=2&options=links&limit=10');
    const links = (res.json() as { links: Record<string, string> }).links;
    expect(Object.keys(links)).toEqual(['self', 'first', 'prev', 'next', 'last']);
    expect(links.self).toBe(`${h.pim.urls.wexbo}/products?page=2&options=links&limit=10`);
    expect(links.prev).toBe(`${h.pim.urls.wexbo}/products?page=1&options=links&limit=10`);
    expect(links.last).toBe(`${h.pim.urls.wexbo}/products?page=9&options=links&limit=10`);
  });
});

describe('WEXBO seed example "Product update"', () => {
  const BODY = { name: 'Tenisová raketa (vypredaná)', active: false, price: 40.99 };
  const EXPECTED = { result: true, data: [{ id: 1000001 }], errors: [] };

  it('updates with PUT and answers as the seed prints, with a self Link', async () => {
    h.clock.advance(5000);
    const res = await wexbo(h.pim, '/products/1000001', { method: 'PUT', body: BODY });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.wexbo.v1+json; charset=utf-8');
    expect(res.json()).toEqual(EXPECTED);
    expect(res.headers.link).toBe(`<${h.pim.urls.wexbo}/products/1000001>; rel="self"`);
    const after = (await wexbo(h.pim, '/products/1000001?fields=name,active,price,date_modified')).json() as {
      data: Record<string, unknown>;
    };
    expect(after.data).toMatchObject(BODY);
  });

  it('accepts the seed request as printed (GET with a JSON body) when X-HTTP-Method-Override says PUT', async () => {
    h.clock.advance(5000);
    const res = await request(`${h.pim.urls.wexbo}/products/1000002`, {
      method: 'GET',
      headers: wexboHeaders(h.pim, { 'X-HTTP-Method-Override': 'PUT' }),
      body: JSON.stringify({ ...BODY, name: 'Tank (vypredaný)' }),
    });
    expect(res.json()).toEqual({ ...EXPECTED, data: [{ id: 1000002 }] });
    expect(h.pim.admin.getProduct(1000002)).toMatchObject({
      active: false,
      price: 40.99,
      modifiedBy: 'wexbo-api',
    });
  });
});
