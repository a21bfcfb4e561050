import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/core/net/http-client';
import { parseLinkHeader } from '../../../src/core/net/link-header';
import {
  parseWexboEnvelope,
  parseWexboPaginationHeaders,
  readWexboResponse,
  WEXBO_CONTENT_TYPE,
  wexboHasNextPage,
} from '../../../src/core/net/wexbo';
import type { Loopback } from './loopback';
import { sendJson, startLoopback } from './loopback';

// The example response of 001_15500709165aa147.txt ("Show produkts").
const SAMPLE = {
  result: 'ok',
  data: [
    { id: 1000001, code: 'tenrak01', name: 'Tenisová raketa' },
    { id: 1000002, code: 'tankt72m1', name: 'Tank T-72 M1' },
    { id: 1000003, code: 'office30', name: 'Microsoft Office 2030' },
  ],
  pagination: { pages: 30, page: 1, offset: 0, count: 3, total: 90, paging: 3, status: 'continue' },
  links: {
    self: 'https://api.wexbo.com/products?page=2&options=links',
    first: 'https://api.wexbo.com/products?page=1&options=links',
    prev: 'https://api.wexbo.com/products?page=1&options=links',
    next: 'https://api.wexbo.com/products?page=3&options=links',
    last: 'https://api.wexbo.com/products?page=9&options=links',
  },
  errors: [{ code: 100, msg: 'Field foo not exist.', error: 'fields_1', field: 'foo' }],
};

const LINK =
  '<https://api.wexbo.com/products?page=2&options=links>; rel="self", <https://api.wexbo.com/products?page=1&options=links>; rel="first", <https://api.wexbo.com/products?page=1&options=links>; rel="prev", <https://api.wexbo.com/products?page=3&options=links>; rel="next", <https://api.wexbo.com/products?page=9&options=links>; rel="last"';

describe('WEXBO envelope', () => {
  it('separates code-100 warnings from errors: a warning is not a failure', () => {
    const env = parseWexboEnvelope(SAMPLE);
    expect(env.ok).toBe(true);
    expect(env.errors).toEqual([]);
    expect(env.warnings).toEqual([
      { code: 100, msg: 'Field foo not exist.', error: 'fields_1', field: 'foo' },
    ]);
    expect(env.data).toHaveLength(3);
    expect(env.pagination).toEqual(SAMPLE.pagination);
    expect(env.links?.next).toBe('https://api.wexbo.com/products?page=3&options=links');
  });

  it.each([
    [true, true],
    [false, false],
    ['ok', true],
    ['error', false],
    [1, true],
    [0, false],
  ])('result %j → ok %s', (result, ok) => {
    expect(parseWexboEnvelope({ result, data: null, errors: [] }).ok).toBe(ok);
  });

  it('without result, real errors mean failure', () => {
    const env = parseWexboEnvelope({
      data: null,
      errors: [{ code: 409, msg: 'Missing name', field: 'name' }],
    });
    expect(env.ok).toBe(false);
    expect(env.errors).toEqual([{ code: 409, msg: 'Missing name', field: 'name' }]);
  });

  it('options=data: the body is the data itself', () => {
    expect(parseWexboEnvelope([{ id: 1 }], { dataOnly: true })).toEqual({
      ok: true,
      data: [{ id: 1 }],
      errors: [],
      warnings: [],
    });
    expect(parseWexboEnvelope({ id: 1, name: 'x' }).data).toEqual({ id: 1, name: 'x' });
  });

  it('reads X-Pagination-* headers and decides whether a next page exists', () => {
    const headers = {
      'x-pagination-pages': '10',
      'x-pagination-page': '1',
      'x-pagination-offset': '0',
      'x-pagination-count': '25',
      'x-pagination-total': '250',
      'x-pagination-paging': '25',
    };
    const p = parseWexboPaginationHeaders(headers);
    expect(p).toEqual({ pages: 10, page: 1, offset: 0, count: 25, total: 250, paging: 25 });
    expect(wexboHasNextPage(p)).toBe(true);
    expect(wexboHasNextPage({ ...p, page: 10 })).toBe(false);
    expect(wexboHasNextPage({ ...p, status: 'done' })).toBe(false);
    expect(wexboHasNextPage(undefined, parseLinkHeader(LINK))).toBe(true);
    expect(wexboHasNextPage(undefined, {})).toBe(false);
  });
});

describe('Link header', () => {
  it('parses the WEXBO example', () => {
    expect(parseLinkHeader(LINK)).toEqual(SAMPLE.links);
  });

  it('handles commas and semicolons inside URLs, unquoted and multiple rels, and garbage', () => {
    const links = parseLinkHeader(
      '<https://x/p?a=1,2;b=3>; rel=next, <https://x/p?a=0>; title="a, b"; rel="prev first"',
    );
    expect(links).toEqual({
      next: 'https://x/p?a=1,2;b=3',
      prev: 'https://x/p?a=0',
      first: 'https://x/p?a=0',
    });
    expect(parseLinkHeader('<https://x/1>; rel="previous"')).toEqual({ prev: 'https://x/1' });
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('nonsense')).toEqual({});
    expect(parseLinkHeader('<https://x/unterminated; rel="next"')).toEqual({});
  });
});

describe('readWexboResponse over HTTP', () => {
  let server: Loopback;
  beforeAll(async () => {
    server = await startLoopback((req, res) => {
      expect(req.headers['content-type']).toBe(WEXBO_CONTENT_TYPE);
      if (req.url.startsWith('/products/1000001')) {
        return sendJson(res, 200, {
          result: false,
          data: null,
          errors: [{ code: 409, msg: 'Price must be a number', error: 'p_1', field: 'price' }],
        });
      }
      const { pagination: _p, links: _l, ...bodyOnly } = SAMPLE;
      sendJson(res, 200, bodyOnly, {
        'content-type': 'application/vnd.wexbo.v1+json; charset=utf-8',
        'x-pagination-pages': '30',
        'x-pagination-page': '1',
        'x-pagination-total': '90',
        link: LINK,
      });
    });
  });
  afterAll(() => server.close());

  const client = () =>
    createHttpClient({ baseUrl: server.url, defaultHeaders: { 'content-type': WEXBO_CONTENT_TYPE } });

  it('merges header paging and links into the envelope', async () => {
    const env = readWexboResponse(
      await client().request({ method: 'GET', path: 'products', query: { fields: 'id,code,name,foo' } }),
    );
    expect(env.pagination).toEqual({ pages: 30, page: 1, total: 90 });
    expect(env.links).toEqual(SAMPLE.links);
    expect(env.warnings).toHaveLength(1);
    expect(wexboHasNextPage(env.pagination, env.links)).toBe(true);
  });

  it('turns result: false into a validation error with the field', async () => {
    const res = await client().request({ method: 'PUT', path: 'products/1000001', json: { price: 'x' } });
    expect(() => readWexboResponse(res)).toThrow(
      expect.objectContaining({
        kind: 'validation',
        serverMessage: 'Price must be a number',
        field: 'price',
        method: 'PUT',
      }),
    );
  });
});
