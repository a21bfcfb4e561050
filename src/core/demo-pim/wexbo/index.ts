/**
 * WEXBO API v1 (001_15500709165aa147.txt) over the canonical product store: `/products`,
 * `/products/{id}`, `/products/count` with GET, POST, PUT, DELETE.
 */
import type { CanonicalProduct } from '../catalog/product';
import { emptyProduct } from '../catalog/product';
import { rowToProduct, type ProductRow, type ProductStore } from '../catalog/store';
import type { Faults } from '../faults';
import type { DemoContext, DemoRequest, DemoResponse, DemoSystem } from '../types';
import {
  envelope,
  errorEnvelope,
  fail,
  problem,
  WexboFailure,
  type EnvelopeOptions,
  type WexboError,
} from './envelope';
import { FIELDS } from './fields';
import { createGuards, type Guards, type WexboSettings } from './guards';
import { parseFields, parseFilter, parseOptions, parsePaging, parseSort } from './query';
import { applyBody, countParameters, type WriteContext } from './write';

export const WEXBO_PREFIX = '/wexbo';
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_PUT_PARAMETERS = 100;

export interface WexboDeps {
  store: ProductStore;
  faults: Faults;
  settings: WexboSettings;
}

export interface Wexbo {
  system: DemoSystem;
  guards: Guards;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

function effectiveMethod(req: DemoRequest): string {
  const override = req.headers['x-http-method-override'];
  return (typeof override === 'string' && override.trim() ? override.trim() : req.method).toUpperCase();
}

function categoryPaths(store: ProductStore): Map<string, string> {
  const rows = store.db
    .prepare<[], { id: string; parent: string | null; name: string }>('SELECT id, parent, name FROM category')
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const path = (id: string): string => {
    const r = byId.get(id);
    if (!r) return id;
    const own = (JSON.parse(r.name) as Record<string, string>).sk ?? id;
    return r.parent ? `${path(r.parent)} > ${own}` : own;
  };
  return new Map(rows.map((r) => [r.id, path(r.id)]));
}

export function createWexbo(deps: WexboDeps): Wexbo {
  const { store, faults, settings } = deps;
  const guards = createGuards(settings);
  let categories: Map<string, string> | undefined;
  const cats = (): Map<string, string> => (categories ??= categoryPaths(store));

  const writeCtx: WriteContext = {
    categoryExists: (id) => cats().has(id),
    skuTaken: (sku, exceptId) => {
      const p = store.get(sku);
      return !!p && p.id !== exceptId;
    },
  };

  const project = (p: CanonicalProduct, fields: string[]): Record<string, unknown> =>
    Object.fromEntries(fields.map((f) => [f, FIELDS[f]!.get(p, cats())]));

  const charge = (cost: number): void => {
    if (settings.credit !== null && settings.credit < cost) {
      fail(402, `Not enough credit: the request costs ${cost}, ${settings.credit} left.`, 'credit_1');
    }
  };
  const spend = (cost: number): void => {
    if (settings.credit !== null) settings.credit -= cost;
  };

  const selfLink = (ctx: DemoContext, id: number): Record<string, string> => ({
    Link: `<${ctx.baseUrl}/products/${id}>; rel="self"`,
  });

  function pageUrl(ctx: DemoContext, url: URL, page: number): string {
    const rest = [...url.searchParams].filter(([k]) => k !== 'page' && k !== 'offset');
    const qs = new URLSearchParams([['page', String(page)], ...rest])
      .toString()
      .replace(/%5B/g, '[')
      .replace(/%5D/g, ']')
      .replace(/%2C/g, ',')
      .replace(/%3A/g, ':')
      .replace(/%3B/g, ';');
    return `${ctx.baseUrl}/products?${qs}`;
  }

  function list(req: DemoRequest, ctx: DemoContext, count: boolean): DemoResponse {
    const warnings: WexboError[] = [];
    const params = req.url.searchParams;
    const options = parseOptions(params, warnings);
    const opts: EnvelopeOptions = { resultAsString: options.has('result'), dataOnly: options.has('data') };
    const { where, params: sqlParams } = parseFilter(params);
    const total =
      store.db
        .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM product ${where}`)
        .get(...sqlParams)?.n ?? 0;
    if (count) {
      charge(1);
      spend(1);
      return envelope(200, opts, { count: total }, warnings);
    }
    const fields = parseFields(params, warnings);
    const orderBy = parseSort(params);
    const { limit, page, offset } = parsePaging(params, warnings);
    const rows = store.db
      .prepare<unknown[], ProductRow>(
        `SELECT id, sku, created_ms, modified_ms, doc FROM product ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
      )
      .all(...sqlParams, limit, offset);
    charge(Math.max(1, rows.length));
    spend(Math.max(1, rows.length));
    const data = rows.map((r) => project(rowToProduct(r), fields));
    const pages = Math.ceil(total / limit);
    const status = page > Math.max(pages, 1) ? 'error' : page >= pages ? 'done' : 'continue';
    const links: Record<string, string> = {
      self: pageUrl(ctx, req.url, page),
      first: pageUrl(ctx, req.url, 1),
    };
    if (page > 1) links.prev = pageUrl(ctx, req.url, Math.min(page - 1, Math.max(pages, 1)));
    if (page < pages) links.next = pageUrl(ctx, req.url, page + 1);
    links.last = pageUrl(ctx, req.url, Math.max(pages, 1));
    const headers = {
      'X-Pagination-Pages': String(pages),
      'X-Pagination-Page': String(page),
      'X-Pagination-Offset': String(offset),
      'X-Pagination-Count': String(rows.length),
      'X-Pagination-Total': String(total),
      'X-Pagination-Paging': String(limit),
      Link: Object.entries(links)
        .map(([rel, u]) => `<${u}>; rel="${rel}"`)
        .join(', '),
    };
    const pagination = { pages, page, offset, count: rows.length, total, paging: limit, status };
    return envelope(
      200,
      opts,
      data,
      warnings,
      {
        ...(options.has('count') ? { count: total } : {}),
        ...(options.has('pagination') ? { pagination } : {}),
        ...(options.has('links') ? { links } : {}),
      },
      headers,
    );
  }

  function parseJson(req: DemoRequest): unknown {
    if (req.bodyTooLarge || req.body.length > MAX_BODY_BYTES)
      fail(413, 'The body is larger than 1 MB.', 'size_1');
    if (req.body.length === 0) fail(400, 'The request needs a JSON body.', 'body_1');
    try {
      return JSON.parse(req.body.toString('utf8'));
    } catch {
      fail(400, 'The body is not valid JSON.', 'body_3');
    }
  }

  function rejected(p: { id: number; sku: string }): void {
    const msg = faults.rejectionFor('wexbo', String(p.id)) ?? faults.rejectionFor('wexbo', p.sku);
    if (msg) throw new WexboFailure(409, [problem(409, msg, 'rejected_1', 'id')]);
  }

  function one(req: DemoRequest, ctx: DemoContext, method: string, id: number): DemoResponse {
    const params = req.url.searchParams;
    const warnings: WexboError[] = [];
    const opts: EnvelopeOptions = { resultAsString: false, dataOnly: false };
    if (method !== 'POST') {
      const options = parseOptions(params, warnings);
      Object.assign(opts, { resultAsString: options.has('result'), dataOnly: options.has('data') });
    }
    const existing = method === 'POST' ? undefined : store.get(id);
    if (method !== 'POST' && !existing) fail(404, `Product ${id} not found.`, 'record_1', 'id');

    if (method === 'GET') {
      const fields = parseFields(params, warnings);
      charge(1);
      spend(1);
      return envelope(200, opts, project(existing!, fields), warnings, {}, selfLink(ctx, id));
    }
    if (method === 'DELETE') {
      rejected(existing!);
      charge(1);
      store.remove(id, 'wexbo', 'wexbo-api');
      spend(1);
      return envelope(200, opts, null, warnings);
    }
    const body = parseJson(req);
    if (method === 'PUT' && countParameters(body) > MAX_PUT_PARAMETERS) {
      fail(413, `A PUT may carry at most ${MAX_PUT_PARAMETERS} parameters with values.`, 'size_2');
    }
    if (method === 'PUT') {
      rejected(existing!);
      const next = applyBody(existing!, body, writeCtx, warnings);
      charge(1);
      store.update(next, 'wexbo', 'wexbo-api');
      spend(1);
      return envelope(200, opts, [{ id }], warnings, {}, selfLink(ctx, id));
    }
    const draft: CanonicalProduct = { ...emptyProduct(), id: 0, sku: '', createdAt: 0, modifiedAt: 0 };
    const next = applyBody(draft, body, writeCtx, warnings, ['name']);
    if (next.sku) rejected({ id: 0, sku: next.sku });
    charge(1);
    const newId = store.nextId();
    const created = store.insert(
      { ...next, id: newId, sku: next.sku || `p${newId}`, createdBy: 'wexbo-api', modifiedBy: 'wexbo-api' },
      'wexbo',
    );
    spend(1);
    return envelope(201, opts, [{ id: created.id }], warnings, {}, selfLink(ctx, created.id));
  }

  function route(req: DemoRequest, ctx: DemoContext): DemoResponse {
    guards.check(req, ctx.now());
    const method = effectiveMethod(req);
    if (!METHODS.includes(method)) fail(405, `Method ${method} is not allowed.`, 'method_1');
    const m = /^\/products(?:\/([^/]+))?\/?$/.exec(req.path);
    if (!m) fail(501, `Endpoint ${req.path} is not implemented.`, 'endpoint_1');
    const tail = m[1];
    if (tail === undefined) {
      if (method === 'GET') return list(req, ctx, false);
      if (method === 'POST') return one(req, ctx, 'POST', 0);
      fail(405, `${method} needs a product ID.`, 'method_2');
    }
    if (tail === 'count') {
      if (method !== 'GET') fail(405, 'Only GET is allowed on /products/count.', 'method_3');
      return list(req, ctx, true);
    }
    if (method === 'POST') fail(405, 'POST takes no product ID.', 'method_4');
    if (!/^\d+$/.test(tail)) fail(404, `Product ${tail} not found.`, 'record_1', 'id');
    return one(req, ctx, method, Number(tail));
  }

  const system: DemoSystem = {
    name: 'wexbo',
    prefix: WEXBO_PREFIX,
    handle(req, ctx) {
      try {
        return route(req, ctx);
      } catch (err) {
        if (err instanceof WexboFailure) return errorEnvelope(err.status, err.errors, err.headers);
        throw err;
      }
    },
    errorReply: (status, message) => errorEnvelope(status, [problem(status, message, `http_${status}`)]),
    endpointOf: (req) => `${effectiveMethod(req)} ${req.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`,
  };
  return { system, guards };
}
