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
import { ingest, isEmptyValue, trimStrings } from './ingest';
import { detailDoc, toEtimDoc } from './project';

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
function resolver(
  deps: ProductDeps,
  url: URL,
): { asSupplier?: string; find(id: string): CanonicalProduct | undefined } {
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
        .prepare<[number], { id: string }>(
          'SELECT sku AS id FROM product WHERE modified_ms >= ? ORDER BY modified_ms, id',
        )
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
  if (lang !== undefined && !/^[a-z]{2}$/.test(lang))
    fail('Lang parameter should be set to a two-letter language code');
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
  if (!(allowed as readonly string[]).includes(v))
    fail(
      `${name.charAt(0).toUpperCase()}${name.slice(1)} parameter should be set to ${allowed.join(' or ')}`,
    );
  return v as T;
}

interface Modes {
  new: 'add' | 'skip';
  existing: 'replace' | 'complete' | 'skip';
  empty: boolean;
  asSupplier?: string;
}

type Counts = Record<
  | 'new'
  | 'modified'
  | 'classified'
  | 'reclassified'
  | 'deletedClassifications'
  | 'deletedRelatedProducts'
  | 'createdRelatedProducts'
  | 'limitExceeded',
  number
>;

/** Sorts the sent documents into valid ones (duplicates merged in order) and rejections by reason. */
function screen(
  deps: ProductDeps,
  body: unknown[],
  find: (id: string) => CanonicalProduct | undefined,
): { valid: Map<string, Record<string, unknown>>; rejected: Map<string, string[]> } {
  const rejected = new Map<string, string[]>();
  const reject = (reason: string, id: string): void => {
    rejected.set(reason, [...(rejected.get(reason) ?? []), id]);
  };
  const valid = new Map<string, Record<string, unknown>>();
  for (const item of body) {
    const { value, allStrings } = trimStrings(item);
    const doc = value as Record<string, unknown>;
    const id = typeof doc?.productId === 'string' ? doc.productId : '';
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !id) {
      reject('missing product ID', id || '-');
    } else if (id.length > MAX_PRODUCT_ID) reject(`product ID longer than ${MAX_PRODUCT_ID} characters`, id);
    else if (!allStrings) reject('values other than strings', id);
    else {
      const found = find(id);
      const message = deps.rejectionFor(id) ?? (found ? deps.rejectionFor(String(found.id)) : undefined);
      if (message) reject(message, id);
      else valid.set(id, { ...(valid.get(id) ?? {}), ...doc });
    }
  }
  return { valid, rejected };
}

/** Writes the valid documents in one transaction and counts what happened. */
function apply(
  deps: ProductDeps,
  valid: Map<string, Record<string, unknown>>,
  find: (id: string) => CanonicalProduct | undefined,
  modes: Modes,
): Counts {
  const n: Counts = {
    new: 0,
    modified: 0,
    classified: 0,
    reclassified: 0,
    deletedClassifications: 0,
    deletedRelatedProducts: 0,
    createdRelatedProducts: 0,
    limitExceeded: 0,
  };
  const limit = deps.productLimit();
  deps.store.transaction(() => {
    let count = deps.store.count();
    for (const [id, doc] of valid) {
      const existing = find(id);
      if (existing ? modes.existing === 'skip' : modes.new === 'skip') continue;
      if (!existing && limit !== null && count >= limit) {
        n.limitExceeded += 1;
        continue;
      }
      const base: CanonicalProduct = existing ?? {
        ...emptyProduct(),
        id: 0,
        sku: modes.asSupplier ? `${modes.asSupplier}_${id}` : id,
        createdAt: 0,
        modifiedAt: 0,
        createdBy: 'etim-api',
        modifiedBy: 'etim-api',
      };
      const sent = modes.asSupplier ? withSupplier(doc, modes.asSupplier, id) : doc;
      const r = ingest(
        sent,
        base,
        !existing,
        modes.existing === 'complete' ? 'complete' : 'replace',
        modes.empty,
      );
      if (r.classChange === 'classified') n.classified += 1;
      if (r.classChange === 'reclassified') n.reclassified += 1;
      if (r.classChange === 'deleted') n.deletedClassifications += 1;
      n.deletedRelatedProducts += r.deletedRelated;
      n.createdRelatedProducts += r.createdRelated;
      if (!existing) {
        const { id: _zero, ...fresh } = r.next;
        deps.store.insert(fresh, 'etim');
        n.new += 1;
        count += 1;
      } else if (changed(existing, r.next)) {
        deps.store.update(r.next, 'etim', 'etim-api');
        n.modified += 1;
      }
    }
  });
  return n;
}

export function put(deps: ProductDeps, req: DemoRequest): DemoResponse {
  const url = req.url;
  const modes: Modes = {
    new: enumParam(url, 'new', ['add', 'skip'] as const, 'add'),
    existing: enumParam(url, 'existing', ['replace', 'complete', 'skip'] as const, 'replace'),
    empty: boolParam(url, 'empty', false),
  };
  const { asSupplier, find } = resolver(deps, url);
  if (asSupplier) modes.asSupplier = asSupplier;
  const body = readJson(req);
  if (!Array.isArray(body)) fail('Products should be sent as a JSON array');

  const { valid, rejected } = screen(deps, body, find);
  const n = apply(deps, valid, find, modes);
  // The seed's report: all, one "rejected (reason)" key per reason, then the counts as strings.
  const report: Record<string, unknown> = { all: String(body.length) };
  for (const [reason, ids] of rejected) report[`rejected (${reason})`] = `${ids.length} (${ids.join(', ')})`;
  report.unique = String(valid.size);
  for (const [k, v] of Object.entries(n)) report[k] = String(v);
  report.parameters = {
    new: modes.new,
    existing: modes.existing,
    empty: String(modes.empty),
    ...(asSupplier ? { 'as-supplier': asSupplier } : {}),
  };
  return json(report);
}

/** Whether a PUT changed anything visible: the canonical fields or the ETIM document. */
function changed(before: CanonicalProduct, after: CanonicalProduct): boolean {
  const core = (p: CanonicalProduct) => ({ ...p, etimExtra: undefined, modifiedBy: '' });
  // An empty section and a missing one read the same.
  const doc = (p: CanonicalProduct) =>
    Object.fromEntries(Object.entries(toEtimDoc(p)).filter(([, v]) => !isEmptyValue(v)));
  return !sameJson(core(before), core(after)) || !sameJson(doc(before), doc(after));
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
  return json({
    deletedProducts: String(deleted),
    parameters: parameters(asSupplier ? { 'as-supplier': asSupplier } : {}),
  });
}
