/**
 * ETIM mapper product resources (004_…): the change feed `products?date-from=`, details by GET
 * with a JSON list of ids, PUT with its report, DELETE by id list.
 */
import type { CanonicalProduct } from '../catalog/product';
import { emptyProduct } from '../catalog/product';
import type { ProductStore } from '../catalog/store';
import { parseZoned } from '../time';
import type { DemoRequest, DemoResponse } from '../types';
import { boolParam, fail, json, pageOf, pagingParams, parameters, readIds, readJson, sameJson } from './http';
import { ingest, trimStrings } from './ingest';
import { detailDoc } from './project';

export interface ProductDeps {
  store: ProductStore;
  rejectionFor(key: string): string | undefined;
  maxIdsPerGet: () => number;
  /** Products the account may hold; null = no limit. */
  productLimit: () => number | null;
  categoryPath(tree: string, id: string): string[];
  supplierExists(id: string): boolean;
}

export const MAX_PRODUCT_ID = 32;

/** Resolves client ids to products: by productId, or by supplierPid with `as-supplier`. */
function resolver(deps: ProductDeps, url: URL): { asSupplier?: string; find(id: string): CanonicalProduct | undefined } {
  const asSupplier = url.searchParams.get('as-supplier') ?? undefined;
  if (asSupplier === undefined) return { find: (id) => deps.store.get(id) };
  if (!deps.supplierExists(asSupplier)) fail(`Unknown supplier "${asSupplier}" in parameter as-supplier`);
  return { asSupplier, find: (id) => deps.store.bySupplierPid(asSupplier, id) };
}

export function feed(deps: ProductDeps, req: DemoRequest): DemoResponse {
  const url = req.url;
  const raw = url.searchParams.get('date-from') ?? '';
  const since = parseZoned(raw);
  const { limit, page, echo } = pagingParams(url);
  if (!since) fail('Date-from parameter should be set to date in format YYYY-MM-DD (CET)');
  const { asSupplier } = resolver(deps, url);
  const rows = asSupplier
    ? deps.store.db
        .prepare<[number, string], { id: string }>(
          'SELECT supplier_pid AS id FROM product WHERE modified_ms >= ? AND supplier = ? ORDER BY modified_ms, id',
        )
        .all(since.ms, asSupplier)
    : deps.store.db
        .prepare<[number], { id: string }>('SELECT sku AS id FROM product WHERE modified_ms >= ? ORDER BY modified_ms, id')
        .all(since.ms);
  const ids = rows.map((r) => r.id);
  const echoed: Record<string, string> = { 'date-from': raw, ...echo };
  if (asSupplier) echoed['as-supplier'] = asSupplier;
  return json({ productIds: pageOf(ids, limit, page), total: String(ids.length), parameters: echoed });
}

export function details(deps: ProductDeps, req: DemoRequest): DemoResponse {
  const url = req.url;
  const ids = readIds(req, 'product IDs');
  const max = deps.maxIdsPerGet();
  if (ids.length > max) fail(`Maximum number of product IDs in one request is ${max}`);
  const lang = url.searchParams.get('lang') ?? undefined;
  if (lang !== undefined && !/^[a-z]{2}$/.test(lang)) fail('Lang parameter should be set to a two-letter language code');
  const etimVersion = url.searchParams.get('etim-version') ?? '9';
  if (!/^\d+(\.\d+)?$/.test(etimVersion)) fail('Etim-version parameter should be set to a number');
  const opts = {
    etimVersion,
    completeness: boolParam(url, 'completeness', false),
    datesByType: boolParam(url, 'dates-by-type', false),
    naValues: boolParam(url, 'na-values', true),
    countryOfOriginMultiple: boolParam(url, 'country-of-origin-multiple', true),
    categoriesFormatShort: boolParam(url, 'categories-format-short', true),
  };
  const wwwImageUrlLang = lang === undefined ? boolParam(url, 'www-image-url-lang', false) : undefined;
  const { asSupplier, find } = resolver(deps, url);
  const products = ids
    .map(find)
    .filter((p): p is CanonicalProduct => !!p)
    .map((p) => detailDoc(p, { ...opts, lang, asSupplier, categoryPath: deps.categoryPath }));
  const echo: Record<string, string> = {
    ...(lang !== undefined ? { lang } : {}),
    'etim-version': etimVersion,
    completeness: String(opts.completeness),
    'dates-by-type': String(opts.datesByType),
    'na-values': String(opts.naValues),
    'country-of-origin-multiple': String(opts.countryOfOriginMultiple),
    'categories-format-short': String(opts.categoriesFormatShort),
    ...(wwwImageUrlLang !== undefined ? { 'www-image-url-lang': String(wwwImageUrlLang) } : {}),
    ...(asSupplier ? { 'as-supplier': asSupplier } : {}),
  };
  return json({ products, parameters: echo });
}

function enumParam<T extends string>(url: URL, name: string, allowed: readonly T[], dflt: T): T {
  const v = url.searchParams.get(name);
  if (v === null) return dflt;
  if (!(allowed as readonly string[]).includes(v)) fail(`${name.charAt(0).toUpperCase()}${name.slice(1)} parameter should be set to ${allowed.join(' or ')}`);
  return v as T;
}

export function put(deps: ProductDeps, req: DemoRequest): DemoResponse {
  const url = req.url;
  const newMode = enumParam(url, 'new', ['add', 'skip'] as const, 'add');
  const existingMode = enumParam(url, 'existing', ['replace', 'complete', 'skip'] as const, 'replace');
  const empty = boolParam(url, 'empty', false);
  const { asSupplier, find } = resolver(deps, url);
  const body = readJson(req);
  if (!Array.isArray(body)) fail('Products should be sent as a JSON array');

  const rejected = new Map<string, string[]>();
  const reject = (reason: string, id: string): void => {
    rejected.set(reason, [...(rejected.get(reason) ?? []), id]);
  };
  const valid = new Map<string, Record<string, unknown>>();
  for (const item of body as unknown[]) {
    const { value, allStrings } = trimStrings(item);
    const doc = value as Record<string, unknown>;
    const id = typeof doc?.productId === 'string' ? doc.productId : '';
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !id) reject('missing product ID', id || '-');
    else if (id.length > MAX_PRODUCT_ID) reject(`product ID longer than ${MAX_PRODUCT_ID} characters`, id);
    else if (!allStrings) reject('values other than strings', id);
    else {
      const found = find(id);
      const message = deps.rejectionFor(id) ?? (found ? deps.rejectionFor(String(found.id)) : undefined);
      if (message) reject(message, id);
      else valid.set(id, { ...(valid.get(id) ?? {}), ...doc });
    }
  }

  const n = { new: 0, modified: 0, classified: 0, reclassified: 0, deletedClassifications: 0, deletedRelated: 0, createdRelated: 0, limitExceeded: 0 };
  const limit = deps.productLimit();
  deps.store.transaction(() => {
    let count = deps.store.count();
    for (const [id, doc] of valid) {
      const existing = find(id);
      if (existing ? existingMode === 'skip' : newMode === 'skip') continue;
      if (!existing && limit !== null && count >= limit) {
        n.limitExceeded += 1;
        continue;
      }
      const sku = existing?.sku ?? (asSupplier ? `${asSupplier}_${id}` : id);
      const base: CanonicalProduct = existing ?? {
        ...emptyProduct(),
        id: 0,
        sku,
        createdAt: 0,
        modifiedAt: 0,
        createdBy: 'etim-api',
        modifiedBy: 'etim-api',
      };
      const sent = asSupplier ? withSupplier(doc, asSupplier, id) : doc;
      const r = ingest(sent, base, !existing, existingMode === 'complete' ? 'complete' : 'replace', empty);
      if (r.classChange === 'classified') n.classified += 1;
      if (r.classChange === 'reclassified') n.reclassified += 1;
      if (r.classChange === 'deleted') n.deletedClassifications += 1;
      n.deletedRelated += r.deletedRelated;
      n.createdRelated += r.createdRelated;
      if (!existing) {
        const { id: _zero, ...fresh } = r.next;
        deps.store.insert(fresh, 'etim');
        n.new += 1;
        count += 1;
      } else if (!sameJson({ ...r.next, modifiedBy: '' }, { ...existing, modifiedBy: '' })) {
        deps.store.update(r.next, 'etim', 'etim-api');
        n.modified += 1;
      }
    }
  });

  const report: Record<string, unknown> = { all: String(body.length) };
  for (const [reason, ids] of rejected) report[`rejected (${reason})`] = `${ids.length} (${ids.join(', ')})`;
  Object.assign(report, {
    unique: String(valid.size),
    new: String(n.new),
    modified: String(n.modified),
    classified: String(n.classified),
    reclassified: String(n.reclassified),
    deletedClassifications: String(n.deletedClassifications),
    deletedRelatedProducts: String(n.deletedRelated),
    createdRelatedProducts: String(n.createdRelated),
    limitExceeded: String(n.limitExceeded),
    parameters: {
      new: newMode,
      existing: existingMode,
      empty: String(empty),
      ...(asSupplier ? { 'as-supplier': asSupplier } : {}),
    },
  });
  return json(report);
}

/** In "as supplier" mode the sent productId is the supplierPid of that supplier. */
function withSupplier(doc: Record<string, unknown>, supplier: string, pid: string): Record<string, unknown> {
  const oi = (typeof doc.overallInformation === 'object' && doc.overallInformation) || {};
  return { ...doc, overallInformation: { ...oi, supplier, supplierPid: pid } };
}

export function remove(deps: ProductDeps, req: DemoRequest): DemoResponse {
  const ids = readIds(req, 'product IDs');
  const { find } = resolver(deps, req.url);
  let deleted = 0;
  deps.store.transaction(() => {
    for (const id of new Set(ids)) {
      const p = find(id);
      if (p && !deps.rejectionFor(id) && deps.store.remove(p.id, 'etim', 'etim-api')) deleted += 1;
    }
  });
  const asSupplier = req.url.searchParams.get('as-supplier');
  return json({ deletedProducts: String(deleted), parameters: parameters(asSupplier ? { 'as-supplier': asSupplier } : {}) });
}
