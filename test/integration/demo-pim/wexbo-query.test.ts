/**
 * WEXBO list parameters (seeds/001_15500709165aa147.txt, "URL parameters"): fields, options,
 * filter (list and object forms, `;` OR, ranges), sort/direction, page/offset/limit, paging
 * headers and Link, /products/count, code-100 warnings, and the date_from/date_to change feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatZoned } from '../../../src/core/demo-pim';
import { startPim, wexbo, type Harness } from './pim-harness';

let h: Harness;
beforeAll(async () => {
  h = await startPim();
  h.pim.admin.setWexboLimits({ ratePerSecond: 0 });
});
afterAll(() => h.close());

type Body = {
  result: unknown;
  data: Record<string, unknown>[];
  count?: number;
  pagination?: Record<string, unknown>;
  errors: { code: number; field: string; error: string }[];
};
const get = async (path: string) => {
  const res = await wexbo(h.pim, path);
  return { res, body: res.json() as Body };
};
const ids = (b: Body) => b.data.map((d) => d.id as number);

describe('fields', () => {
  it('shows the default fields without `fields`', async () => {
    const { body } = await get('/products?limit=1');
    expect(Object.keys(body.data[0]!)).toEqual([
      'id',
      'code',
      'name',
      'active',
      'price',
      'currency',
      'date_modified',
    ]);
    expect(body.data[0]!.date_modified).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('takes the list and the array forms alike', async () => {
    const list = (await get('/products?limit=2&fields=id,ean,translations')).body;
    const array = (await get('/products?limit=2&fields[]=id&fields[]=ean&fields[]=translations')).body;
    expect(array.data).toEqual(list.data);
    expect(Object.keys(list.data[0]!)).toEqual(['id', 'ean', 'translations']);
    expect(Object.keys(list.data[0]!.translations as object).sort()).toEqual(['de', 'en', 'pl', 'sk']);
  });

  it('refuses mixed forms with 400', async () => {
    const { res } = await get('/products?fields=id&fields[]=code');
    expect(res.status).toBe(400);
  });
});

describe('options', () => {
  it('data gives the bare data; count adds the total; unknown options warn', async () => {
    const bare = (await wexbo(h.pim, '/products?limit=2&fields=id&options=data')).json();
    expect(bare).toEqual([{ id: 1000001 }, { id: 1000002 }]);
    const { body } = await get('/products?limit=2&fields=id&options[]=count&options[]=nope');
    expect(body.count).toBe(300);
    expect(body.errors).toEqual([
      { code: 100, msg: 'Option nope not exist.', error: 'options_1', field: 'nope' },
    ]);
  });
});

describe('paging', () => {
  it('defaults to page 1 of 25', async () => {
    const { res, body } = await get('/products?fields=id&options=pagination');
    expect(body.data).toHaveLength(25);
    expect(body.pagination).toEqual({
      pages: 12,
      page: 1,
      offset: 0,
      count: 25,
      total: 300,
      paging: 25,
      status: 'continue',
    });
    expect(res.headers['x-pagination-pages']).toBe('12');
  });

  it('pages with page, or with offset when there is no page', async () => {
    const byPage = await get('/products?fields=id&limit=25&page=3');
    const byOffset = await get('/products?fields=id&limit=25&offset=50');
    expect(ids(byOffset.body)).toEqual(ids(byPage.body));
    expect(ids(byPage.body)[0]).toBe(1000051);
    expect(byOffset.res.headers).toMatchObject({ 'x-pagination-page': '3', 'x-pagination-offset': '50' });
  });

  it('ignores offset when page is given, with a warning', async () => {
    const { body } = await get('/products?fields=id&limit=10&page=2&offset=95');
    expect(ids(body)[0]).toBe(1000011);
    expect(body.errors).toEqual([expect.objectContaining({ code: 100, field: 'offset' })]);
  });

  it('caps limit at 250 with a warning, and refuses a limit below 1', async () => {
    const { res, body } = await get('/products?fields=id&limit=1000');
    expect(body.data).toHaveLength(250);
    expect(res.headers['x-pagination-paging']).toBe('250');
    expect(body.errors).toEqual([expect.objectContaining({ code: 100, field: 'limit' })]);
    expect((await get('/products?limit=0')).res.status).toBe(422);
    expect((await get('/products?page=0')).res.status).toBe(422);
  });

  it('says done on the last page and error past it', async () => {
    const last = await get('/products?fields=id&limit=100&page=3&options=pagination,links');
    expect(last.body.pagination).toMatchObject({ page: 3, pages: 3, count: 100, status: 'done' });
    expect(last.res.headers.link).not.toContain('rel="next"');
    expect(last.res.headers.link).toContain('rel="prev"');
    const past = await get('/products?fields=id&limit=100&page=4&options=pagination');
    expect(past.body.data).toEqual([]);
    expect(past.body.pagination).toMatchObject({ page: 4, count: 0, status: 'error' });
  });

  it('pages through the whole catalog without gaps or repeats', async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 2; page++)
      seen.push(...ids((await get(`/products?fields=id&limit=250&page=${page}`)).body));
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
  });
});

describe('filter', () => {
  it('takes the list and the object forms alike', async () => {
    const list = (await get('/products?fields=id&limit=250&filter=active:1,currency:EUR')).body;
    const object = (await get('/products?fields=id&limit=250&filter[active]=true&filter[currency]=EUR')).body;
    expect(ids(object)).toEqual(ids(list));
    expect(list.data.length).toBeGreaterThan(100);
    expect(list.data.length).toBeLessThan(300);
  });

  it('ORs values separated by `;`', async () => {
    const { body } = await get('/products?fields=id&filter=id:1000001;1000002;1000003');
    expect(ids(body)).toEqual([1000001, 1000002, 1000003]);
    const codes = (await get('/products?fields=code&filter[code]=tenrak01;office30')).body;
    expect(codes.data.map((d) => d.code)).toEqual(['tenrak01', 'office30']);
  });

  it('takes inclusive ranges for integers, floats and dates', async () => {
    expect(ids((await get('/products?fields=id&limit=250&filter[id]=1000001-1000099')).body)).toHaveLength(
      99,
    );
    const prices = (await get('/products?fields=price&limit=250&filter[price]=10-50.5')).body;
    expect(prices.data.length).toBeGreaterThan(0);
    for (const d of prices.data) expect(d.price as number).toBeGreaterThanOrEqual(10);
    for (const d of prices.data) expect(d.price as number).toBeLessThanOrEqual(50.5);
    const year = (await get('/products?fields=date_modified&limit=250&filter[date]=2024-01-01-2024-12-31'))
      .body;
    expect(year.data.length).toBeGreaterThan(0);
    for (const d of year.data) expect(String(d.date_modified).slice(0, 4)).toBe('2024');
  });

  it('filters by category with its subcategories, labels and brand', async () => {
    const dept = (await get('/products?fields=category_id&limit=250&filter[category_id]=C05')).body;
    expect(dept.data.length).toBeGreaterThan(0);
    for (const d of dept.data) expect(String(d.category_id)).toMatch(/^C05-/);
    const sale = (await get('/products?fields=labels&limit=250&filter[label]=Sale')).body;
    for (const d of sale.data) expect(d.labels).toContain('Sale');
    const brand = (await get('/products?fields=brand&limit=250&filter[brand]=Voltix')).body;
    for (const d of brand.data) expect(d.brand).toBe('Voltix');
  });

  it('answers 422 for an unknown filter or a bad value', async () => {
    const unknown = await get('/products?filter[colourful]=1');
    expect(unknown.res.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ code: 422, field: 'colourful' });
    expect((await get('/products?filter[active]=yes')).res.status).toBe(422);
    expect((await get('/products?filter[active]=1;0')).res.status).toBe(422);
    expect((await get('/products?filter[id]=abc')).res.status).toBe(422);
    expect((await get('/products?filter[date_from]=2024-02-30')).res.status).toBe(422);
    expect((await get('/products?filter=id:1&filter[code]=x')).res.status).toBe(400);
  });
});

describe('sort', () => {
  it('gives the same order with sort+direction, the list form and the object form', async () => {
    const a = ids((await get('/products?fields=id&limit=250&sort=price&direction=desc')).body);
    const b = ids((await get('/products?fields=id&limit=250&sort=price:desc,id:asc')).body);
    const c = ids((await get('/products?fields=id&limit=250&sort[price]=desc&sort[id]=asc')).body);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const prices = (await get('/products?fields=price&limit=250&sort=price&direction=desc')).body.data.map(
      (d) => d.price as number,
    );
    expect(prices).toEqual([...prices].sort((x, y) => y - x));
  });

  it('applies direction alone to the default sort by id, and refuses unknown sorts', async () => {
    expect(ids((await get('/products?fields=id&limit=2&direction=desc')).body)).toEqual([1000300, 1000299]);
    expect((await get('/products?sort=colour')).res.status).toBe(422);
    expect((await get('/products?sort=id&direction=up')).res.status).toBe(422);
  });
});

describe('/products/count and /products/{id}', () => {
  it('counts with the same filters', async () => {
    const { body } = await get('/products/count?filter[currency]=EUR');
    const all = (await get('/products?fields=id&limit=250&filter[currency]=EUR&options=count')).body;
    expect(body.data).toEqual({ count: all.count });
  });

  it('shows one product with fields and warns about unknown ones', async () => {
    const { body } = await get('/products/1000001?fields=id,code,ean,foo');
    expect(body.data).toMatchObject({ id: 1000001, code: 'tenrak01' });
    expect(body.errors).toEqual([
      { code: 100, msg: 'Field foo not exist.', error: 'fields_1', field: 'foo' },
    ]);
  });
});

describe('change feed: date_from / date_to on date_modified', () => {
  it('finds what changed since a time, in the Bratislava time of date_modified', async () => {
    h.clock.set('2025-07-01T10:00:00Z');
    h.pim.admin.editProduct(1000010, { price: 1.5 });
    h.clock.set('2025-07-02T10:00:00Z');
    await wexbo(h.pim, '/products/1000011', { method: 'PUT', body: { stock: 3 } });
    const edited = (await get('/products/1000010?fields=date_modified')).body.data as unknown as {
      date_modified: string;
    };
    expect(edited.date_modified).toBe('2025-07-01 12:00:00');
    expect(formatZoned(Date.parse('2025-07-01T10:00:00Z'))).toBe('2025-07-01 12:00:00');

    const since = (await get('/products?fields=id&filter[date_from]=2025-07-01')).body;
    expect(ids(since)).toEqual([1000010, 1000011]);
    const day1 = (await get('/products?fields=id&filter[date_from]=2025-07-01&filter[date_to]=2025-07-01'))
      .body;
    expect(ids(day1)).toEqual([1000010]);
    const afterFirst = (await get('/products?fields=id&filter=date_from:2025-07-01 12:00:01')).body;
    expect(ids(afterFirst)).toEqual([1000011]);
    const sorted = (await get('/products?fields=id&sort=date_modified:desc&limit=2')).body;
    expect(ids(sorted)).toEqual([1000011, 1000010]);
  });
});
