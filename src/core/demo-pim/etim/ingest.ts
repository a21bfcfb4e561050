/**
 * ETIM product documents → canonical products, for PUT with the `existing` and `empty` modes of
 * 004_…: `replace` overwrites every field sent, `complete` fills only fields that are empty now;
 * `empty=false` ignores empty values sent, `empty=true` lets them clear the field.
 * Merging happens on the ETIM shape (field by field, language by language), then the merged
 * document is mapped back onto the canonical product.
 */
import type { CanonicalProduct, EtimDescription } from '../catalog/product';
import { SHOP_TREE } from '../catalog/reference';
import { toEtimDoc, toKilograms } from './project';

type Doc = Record<string, unknown>;
const isObj = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isEmptyValue(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (isObj(v) && Object.keys(v).length === 0)
  );
}

/** Trims every string; reports whether anything but strings, arrays and objects was found. */
export function trimStrings(v: unknown): { value: unknown; allStrings: boolean } {
  let allStrings = true;
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return x.trim();
    if (Array.isArray(x)) return x.map(walk);
    if (isObj(x)) return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, walk(y)]));
    allStrings = false;
    return x;
  };
  return { value: walk(v), allStrings };
}

/** Sections merged as one value (a classification is replaced whole, never feature by feature). */
const WHOLE = new Set([
  'etimDescription',
  'packingInformation',
  'priceInformation',
  'attachments',
  'mime',
  'www',
  'relatedProducts',
  'relationsByAttribute',
  'labels',
  'lca',
]);

function merge(current: Doc, sent: Doc, mode: 'replace' | 'complete', empty: boolean, depth: number): Doc {
  const out: Doc = { ...current };
  for (const [k, v] of Object.entries(sent)) {
    if (k === 'productId') continue;
    if (isEmptyValue(v)) {
      if (empty && mode === 'replace') delete out[k];
      continue;
    }
    const cur = out[k];
    if (isObj(v) && isObj(cur) && !WHOLE.has(k) && depth < 3) out[k] = merge(cur, v, mode, empty, depth + 1);
    else if (mode === 'replace' || isEmptyValue(cur)) out[k] = v;
  }
  return out;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const texts = (v: unknown): Record<string, string> =>
  isObj(v)
    ? (Object.fromEntries(Object.entries(v).filter(([, t]) => typeof t === 'string')) as Record<
        string,
        string
      >)
    : {};

/** Maps a full ETIM document onto a canonical product (whose id, sku and times are kept). */
export function fromEtimDoc(doc: Doc, base: CanonicalProduct): CanonicalProduct {
  const oi = isObj(doc.overallInformation) ? doc.overallInformation : {};
  const p: CanonicalProduct = { ...base };
  p.gtin = str(oi.gtin);
  p.name = texts(oi.productName);
  p.description = texts(oi.longDescription);
  p.active = oi.productStatus === undefined ? true : oi.productStatus === 'ACTIVE';
  p.supplier = str(oi.supplier);
  p.supplierPid = str(oi.supplierPid);
  p.brand = str(oi.brandName) || str(oi.manufacturerName);
  p.weight = oi.netWeight === undefined ? 0 : (toKilograms(oi.netWeight, oi.netWeightUnit) ?? base.weight);
  if (oi.productInStock === 'false') p.stock = 0;
  else if (oi.productInStock === 'true' && p.stock === 0) p.stock = 1;
  const e = doc.etimDescription;
  p.etim = isObj(e) && str(e.classId) ? (e as unknown as EtimDescription) : null;
  const price =
    Array.isArray(doc.priceInformation) && isObj(doc.priceInformation[0])
      ? doc.priceInformation[0]
      : undefined;
  p.price =
    price && Number.isFinite(Number(price.listPrice)) && price.listPrice !== '' ? Number(price.listPrice) : 0;
  p.currency = (price && str(price.priceCurrency)) || base.currency || 'EUR';
  p.vat =
    price && price.vat !== undefined && Number.isFinite(Number(price.vat)) ? Number(price.vat) : base.vat;
  const attrs = isObj(doc.attributes) ? doc.attributes : {};
  p.attributes = {};
  if (typeof attrs.SIZE === 'string') p.attributes.size = attrs.SIZE;
  if (typeof attrs.COLOUR === 'string') p.attributes.colour = attrs.COLOUR;
  if (typeof attrs.MATERIAL === 'string') p.attributes.material = attrs.MATERIAL;
  const cats = isObj(doc.categories) ? doc.categories : {};
  const shop = cats[SHOP_TREE];
  p.categoryId = Array.isArray(shop) && typeof shop[0] === 'string' ? shop[0] : null;
  p.labels = Array.isArray(doc.labels) ? doc.labels.filter((l): l is string => typeof l === 'string') : [];
  if (Array.isArray(doc.mime) && !doc.mime.length) p.images = [];

  const { productId: _id, etimDescription: _e, labels: _l, ...rest } = doc;
  const extra: Doc = { ...rest };
  const { productName: _n, longDescription: _d, ...restOi } = oi;
  extra.overallInformation = restOi;
  p.etimExtra = extra;
  return p;
}

export interface IngestResult {
  next: CanonicalProduct;
  classChange: 'classified' | 'reclassified' | 'deleted' | null;
  deletedRelated: number;
  createdRelated: number;
}

const relatedCount = (doc: Doc): number =>
  Array.isArray(doc.relatedProducts) ? doc.relatedProducts.length : 0;

/** Applies one sent document to an existing product (or to a blank one for a new product). */
export function ingest(
  sent: Doc,
  base: CanonicalProduct,
  isNew: boolean,
  mode: 'replace' | 'complete',
  empty: boolean,
): IngestResult {
  const current = isNew ? {} : (toEtimDoc(base) as Doc);
  // Derived sections (mime from images, relations from variants) stay derived unless ETIM sends them.
  if (base.etimExtra?.mime === undefined) delete current.mime;
  if (base.etimExtra?.relationsByAttribute === undefined) delete current.relationsByAttribute;
  const merged = merge(current, sent, isNew ? 'replace' : mode, empty, 0);
  const next = fromEtimDoc(merged, base);
  if (isNew && !Array.isArray(merged.mime)) next.images = [];
  const before = isNew ? undefined : base.etim?.classId;
  const after = next.etim?.classId;
  const classChange =
    !before && after
      ? 'classified'
      : before && !after
        ? 'deleted'
        : before && after && before !== after
          ? 'reclassified'
          : null;
  const oldRelated = relatedCount(current);
  const newRelated = relatedCount(merged);
  const relatedChanged =
    JSON.stringify(current.relatedProducts ?? null) !== JSON.stringify(merged.relatedProducts ?? null);
  return {
    next,
    classChange,
    deletedRelated: relatedChanged ? oldRelated : 0,
    createdRelated: relatedChanged ? newRelated : 0,
  };
}
