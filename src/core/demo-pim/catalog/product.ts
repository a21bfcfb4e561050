/**
 * The canonical product: one document per product that WEXBO and ETIM both project into their
 * own shapes. `id` is the WEXBO numeric id, `sku` is WEXBO's `code` and ETIM's `productId`.
 */
export type ProductType = 'simple' | 'configurable' | 'variant';

export interface EtimDescription {
  version: string;
  classId: string;
  groupId: string;
  features: Record<string, string | string[]>;
}

export interface ProductAttributes {
  size?: string;
  colour?: string;
  material?: string;
}

export interface CanonicalProduct {
  id: number;
  sku: string;
  type: ProductType;
  parentId: number | null;
  parentSku: string | null;
  /** EAN-13 (or another GTIN) with a valid check digit; '' when none. */
  gtin: string;
  /** Language code → text (en, de, pl, sk for generated products; ETIM may add others). */
  name: Record<string, string>;
  description: Record<string, string>;
  brand: string;
  /** Leaf of the three-level category tree, e.g. `C04-01-03`. */
  categoryId: string | null;
  price: number;
  currency: string;
  vat: number;
  stock: number;
  active: boolean;
  attributes: ProductAttributes;
  /** Image file names (the demo serves no image bytes). */
  images: string[];
  labels: string[];
  supplier: string;
  supplierPid: string;
  /** Net weight in kilograms. */
  weight: number;
  etim: EtimDescription | null;
  /** ETIM fields with no canonical home, kept verbatim so that what ETIM PUT stores, GET returns. */
  etimExtra?: Record<string, unknown>;
  createdAt: number;
  modifiedAt: number;
  createdBy: string;
  modifiedBy: string;
}

/** What is stored in the `doc` column: everything but the columns of the row. */
export type StoredDoc = Omit<CanonicalProduct, 'id' | 'sku' | 'createdAt' | 'modifiedAt'>;

/** A partial change, merged into the product: plain objects merge key by key, the rest replaces. */
export type ProductPatch = {
  [K in keyof Omit<CanonicalProduct, 'id' | 'createdAt' | 'modifiedAt'>]?: CanonicalProduct[K] extends Record<
    string,
    unknown
  >
    ? Partial<CanonicalProduct[K]>
    : CanonicalProduct[K];
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep-merges a patch: objects merge, arrays and scalars replace, `undefined` is skipped. */
export function mergePatch<T>(base: T, patch: unknown): T {
  if (!isPlainObject(patch) || !isPlainObject(base)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergePatch(out[k], v) : v;
  }
  return out as T;
}

/** The text in a language, falling back to Slovak, English, then any language. */
export function textIn(texts: Record<string, string>, lang: string): string {
  return texts[lang] ?? texts.sk ?? texts.en ?? Object.values(texts)[0] ?? '';
}

export function emptyProduct(): Omit<CanonicalProduct, 'id' | 'sku' | 'createdAt' | 'modifiedAt'> {
  return {
    type: 'simple',
    parentId: null,
    parentSku: null,
    gtin: '',
    name: {},
    description: {},
    brand: '',
    categoryId: null,
    price: 0,
    currency: 'EUR',
    vat: 0.2,
    stock: 0,
    active: true,
    attributes: {},
    images: [],
    labels: [],
    supplier: '',
    supplierPid: '',
    weight: 0,
    etim: null,
    createdBy: '',
    modifiedBy: '',
  };
}
