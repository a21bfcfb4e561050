/**
 * Canonical product → the ETIM mapper's product document (004_…, "product details").
 * Values are strings, as ETIM wants. What an ETIM PUT stored verbatim (`etimExtra`) is given back
 * as sent, except where the canonical product has since changed (an edit through WEXBO or admin),
 * where the canonical value wins.
 */
import { describeCode, describeFeature, NOT_APPLICABLE } from '../catalog/etim-dictionary';
import type { CanonicalProduct } from '../catalog/product';
import { SHOP_TREE } from '../catalog/reference';
import { formatZoned } from '../time';
import { IMAGE_BASE } from '../wexbo/fields';

type Doc = Record<string, unknown>;
const isObj = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Overall-information fields that mirror a canonical field, and when a stored verbatim value still agrees. */
const MAPPED_OVERALL: Record<string, (v: unknown, p: CanonicalProduct, sent: Doc) => boolean> = {
  gtin: (v, p) => v === p.gtin,
  productStatus: (v, p) => (v === 'ACTIVE') === p.active,
  supplier: (v, p) => v === p.supplier,
  supplierPid: (v, p) => v === p.supplierPid,
  brandName: (v, p) => v === p.brand,
  // A weight in a unit we do not map stays as sent.
  netWeight: (v, p, sent) => {
    const kg = toKilograms(v, sent.netWeightUnit);
    return kg === undefined || Math.abs(kg - p.weight) < 1e-9;
  },
  productInStock: (v, p) => (v === 'true') === p.stock > 0,
};

/** The seed's details show a link for OEKOBAU.DAT data sets, derived from their uuid. */
const OEKOBAUDAT = 'https://www.oekobaudat.de/OEKOBAU.DAT/resource/processes/';

const ATTRIBUTE_KEYS = { SIZE: 'size', COLOUR: 'colour', MATERIAL: 'material' } as const;

export function relationIdOf(p: CanonicalProduct): string | undefined {
  if (p.type === 'configurable') return `VAR-${p.sku}`;
  if (p.parentSku) return `VAR-${p.parentSku}`;
  return undefined;
}

function generatedOverall(p: CanonicalProduct): Doc {
  return {
    gtin: p.gtin,
    productName: p.name,
    longDescription: p.description,
    productStatus: p.active ? 'ACTIVE' : 'INACTIVE',
    productCondition: 'NEW',
    supplier: p.supplier,
    supplierPid: p.supplierPid,
    manufacturerName: p.brand,
    brandName: p.brand,
    productInStock: String(p.stock > 0),
    productType: 'PHYSICAL',
    netWeight: String(p.weight),
    netWeightUnit: 'KGM',
  };
}

/** When a mapped field was not sent by ETIM, it is shown only once the canonical product has a value for it. */
const HAS_VALUE: Record<string, (p: CanonicalProduct) => boolean> = {
  gtin: (p) => p.gtin !== '',
  productStatus: (p) => !p.active,
  supplier: (p) => p.supplier !== '',
  supplierPid: (p) => p.supplierPid !== '',
  brandName: (p) => p.brand !== '',
  netWeight: (p) => p.weight > 0,
  productInStock: (p) => p.stock > 0,
};

/** Kilograms in a weight given in ETIM's unit codes (KGM, GRM, TNE); undefined for others. */
export function toKilograms(value: unknown, unit: unknown): number | undefined {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n)) return undefined;
  const factor = { KGM: 1, GRM: 0.001, TNE: 1000 }[String(unit ?? 'KGM')];
  return factor === undefined ? undefined : n * factor;
}

function overall(p: CanonicalProduct, extra: Doc | undefined): Doc {
  const gen = generatedOverall(p);
  if (!extra) return gen;
  const out: Doc = { ...extra };
  if (Object.keys(p.name).length) out.productName = p.name;
  if (Object.keys(p.description).length) out.longDescription = p.description;
  for (const [k, agrees] of Object.entries(MAPPED_OVERALL)) {
    if (k in extra ? !agrees(extra[k], p, extra) : HAS_VALUE[k]?.(p)) {
      out[k] = gen[k];
      if (k === 'netWeight') out.netWeightUnit = gen.netWeightUnit;
    }
  }
  return out;
}

function prices(p: CanonicalProduct, extra: unknown): Doc[] {
  const listPrice = String(p.price);
  const vat = String(p.vat);
  if (Array.isArray(extra) && isObj(extra[0])) {
    const [first, ...rest] = extra as Doc[];
    const fixed: Doc = { ...first };
    if (Number(first!.listPrice) !== p.price) fixed.listPrice = listPrice;
    if (first!.priceCurrency !== p.currency) fixed.priceCurrency = p.currency;
    if (Number(first!.vat) !== p.vat) fixed.vat = vat;
    return [fixed, ...rest];
  }
  return [
    {
      priceUnit: 'C62',
      priceUnitFactor: '1',
      priceQuantity: '1',
      priceOnRequest: 'false',
      listPrice,
      priceCurrency: p.currency,
      vat,
    },
  ];
}

function attributes(p: CanonicalProduct, extra: unknown): Doc {
  const out: Doc = isObj(extra) ? { ...extra } : {};
  for (const [etimKey, key] of Object.entries(ATTRIBUTE_KEYS)) {
    const v = p.attributes[key];
    if (v === undefined) delete out[etimKey];
    else out[etimKey] = v;
  }
  return out;
}

function categories(p: CanonicalProduct, extra: unknown): Doc {
  const out: Doc = isObj(extra) ? { ...extra } : {};
  const stored = out[SHOP_TREE];
  if (!p.categoryId) delete out[SHOP_TREE];
  else if (!(Array.isArray(stored) && stored[0] === p.categoryId)) out[SHOP_TREE] = [p.categoryId];
  return out;
}

/**
 * The product document as the plain (language-neutral) details request returns it. A product
 * that came through ETIM shows the sections it was given; a generated one shows the defaults.
 */
export function toEtimDoc(p: CanonicalProduct): Doc {
  const x = p.etimExtra ?? {};
  const fromEtim = p.etimExtra !== undefined;
  const relation = relationIdOf(p);
  const doc: Doc = {
    productId: p.sku,
    overallInformation: overall(p, isObj(x.overallInformation) ? x.overallInformation : undefined),
  };
  if (p.etim) doc.etimDescription = p.etim;
  const order = x.orderInformation ?? (fromEtim ? undefined : DEFAULT_ORDER);
  if (order !== undefined) doc.orderInformation = order;
  if (x.packingInformation !== undefined) doc.packingInformation = x.packingInformation;
  if (x.priceInformation !== undefined || !fromEtim || p.price > 0)
    doc.priceInformation = prices(p, x.priceInformation);
  if (x.attachments !== undefined) doc.attachments = x.attachments;
  const mime = x.mime ?? (p.images.length || !fromEtim ? p.images.map(mimeOf) : undefined);
  if (mime !== undefined) doc.mime = mime;
  const attrs = attributes(p, x.attributes);
  if (x.attributes !== undefined || !fromEtim || Object.keys(attrs).length) doc.attributes = attrs;
  for (const k of ['lca', 'additionalTechnicalDescription', 'seo', 'www', 'relatedProducts']) {
    if (x[k] !== undefined) doc[k] = x[k];
  }
  if (
    isObj(doc.lca) &&
    doc.lca.database === 'OEKOBAU.DAT' &&
    doc.lca.link === undefined &&
    typeof doc.lca.uuid === 'string'
  ) {
    doc.lca = { ...doc.lca, link: `${OEKOBAUDAT}${doc.lca.uuid}` };
  }
  const relations = x.relationsByAttribute ?? (relation ? [relation] : fromEtim ? undefined : []);
  if (relations !== undefined) doc.relationsByAttribute = relations;
  const cats = categories(p, x.categories);
  if (x.categories !== undefined || !fromEtim || Object.keys(cats).length) doc.categories = cats;
  if (!fromEtim || p.labels.length) doc.labels = p.labels;
  return doc;
}

const DEFAULT_ORDER = {
  orderUnit: 'C62',
  quantityMin: '1',
  quantityInterval: '1',
  contentUnit: 'C62',
  contentUnitQuantity: '1',
};

function mimeOf(file: string, i: number): Doc {
  return {
    mimeCode: i === 0 ? 'MD01' : 'MD02',
    mimeSource: { en: `${IMAGE_BASE}${file}` },
    mimeDesignation: { en: i === 0 ? 'Main product picture' : 'Product picture' },
  };
}

function pct(filled: number, of: number): string {
  return String(of === 0 ? 100 : Math.round((filled / of) * 100));
}

/** A simple completeness measure: the share of the usual fields that are filled. */
export function completeness(p: CanonicalProduct, doc: Doc): Record<string, string> {
  const oi = (doc.overallInformation ?? {}) as Doc;
  const general = ['gtin', 'productName', 'longDescription', 'brandName', 'supplier', 'supplierPid'];
  const filled = (v: unknown): boolean =>
    v !== undefined &&
    v !== '' &&
    v !== 'NA' &&
    !(Array.isArray(v) && !v.length) &&
    !(isObj(v) && !Object.keys(v).length);
  const features = Object.values(p.etim?.features ?? {});
  const parts = {
    generalDescriptionCompleteness: pct(general.filter((k) => filled(oi[k])).length, general.length),
    etimDescriptionCompleteness: p.etim ? pct(features.filter(filled).length, features.length) : '0',
    orderDescriptionCompleteness: '100',
    packingDescriptionCompleteness: doc.packingInformation ? '100' : '0',
    priceDescriptionCompleteness: p.price > 0 ? '100' : '0',
    attachmentsDescriptionCompleteness: doc.attachments ? '100' : '0',
    mimeDescriptionCompleteness: Array.isArray(doc.mime) && doc.mime.length ? '100' : '0',
    attributesDescriptionCompleteness: pct(Object.keys(p.attributes).length, 3),
  };
  const values = Object.values(parts).map(Number);
  return {
    totalDescriptionCompleteness: String(Math.round(values.reduce((a, b) => a + b, 0) / values.length)),
    ...parts,
  };
}

export interface DetailOptions {
  etimVersion: string;
  completeness: boolean;
  datesByType: boolean;
  naValues: boolean;
  countryOfOriginMultiple: boolean;
  categoriesFormatShort: boolean;
  lang?: string;
  /** Category id → path of ids from the root, for the long categories format. */
  categoryPath: (tree: string, id: string) => string[];
  /** In "as supplier" mode the product is known by its supplierPid. */
  asSupplier?: string;
}

function collapse(v: unknown, lang: string): unknown {
  if (!isObj(v)) return v;
  const keys = Object.keys(v);
  if (keys.length && keys.every((k) => /^[a-z]{2}$/.test(k)))
    return (v[lang] ?? v.en ?? Object.values(v)[0]) as unknown;
  return Object.fromEntries(keys.map((k) => [k, collapse(v[k], lang)]));
}

/** The product document as a details request with the given parameters returns it. */
export function detailDoc(p: CanonicalProduct, o: DetailOptions): Doc {
  const doc = toEtimDoc(p);
  if (o.asSupplier) doc.productId = p.supplierPid;
  const etim = doc.etimDescription as CanonicalProduct['etim'] | undefined;
  if (etim && etim.version !== o.etimVersion) delete doc.etimDescription;
  else if (etim && !o.naValues) {
    doc.etimDescription = {
      ...etim,
      features: Object.fromEntries(Object.entries(etim.features).filter(([, v]) => v !== 'NA')),
    };
  }
  const oi = doc.overallInformation as Doc;
  if (!o.countryOfOriginMultiple && Array.isArray(oi.countryOfOrigin))
    oi.countryOfOrigin = oi.countryOfOrigin[0] ?? '';
  if (!o.categoriesFormatShort) {
    const cats = doc.categories as Record<string, string[]>;
    doc.categories = Object.fromEntries(
      Object.entries(cats).map(([tree, ids]) => [tree, ids.map((id) => o.categoryPath(tree, id))]),
    );
  }
  if (o.completeness) doc.descriptionCompleteness = completeness(p, doc);
  const modified = { date: formatZoned(p.modifiedAt), modifiedBy: p.modifiedBy };
  if (o.datesByType) doc.lastModifiedDateByType = { general: modified, etim: modified };
  doc.lastModifiedDate = modified.date;
  doc.modifiedBy = p.modifiedBy;
  doc.creationDate = formatZoned(p.createdAt);
  doc.createdBy = p.createdBy;
  if (!o.lang) return doc;

  const lang = o.lang;
  const out = collapse(doc, lang) as Doc;
  const loi = out.overallInformation as Doc;
  for (const [k, v] of Object.entries(loi))
    if (v === '-') loi[k] = NOT_APPLICABLE[lang as 'en'] ?? NOT_APPLICABLE.en;
  const e = doc.etimDescription as CanonicalProduct['etim'] | undefined;
  if (e) {
    out.etimDescription = {
      version: e.version,
      classId: describeCode(e.classId, lang),
      groupId: describeCode(e.groupId, lang),
      features: Object.entries(e.features).map(([id, v]) => describeFeature(id, v, lang)),
    };
  }
  return out;
}
