/**
 * The WEXBO `products` endpoint's attributes (001_… keeps its reference private, so this table is
 * the demo's choice, written down in the README): what each field shows, which ones are shown by
 * default, which can be filtered and sorted on, and how the SQL reaches them.
 */
import { textIn, type CanonicalProduct } from '../catalog/product';
import { formatZoned } from '../time';

export type FilterType =
  'integer' | 'float' | 'boolean' | 'string' | 'code' | 'text' | 'datetime' | 'category' | 'label';

export interface FieldDef {
  default?: boolean;
  get(p: CanonicalProduct, categories: Map<string, string>): unknown;
}

const attr = (k: 'size' | 'colour' | 'material') => (p: CanonicalProduct) => p.attributes[k] ?? null;

export const IMAGE_BASE = '/files/images/';

export const FIELDS: Record<string, FieldDef> = {
  id: { default: true, get: (p) => p.id },
  code: { default: true, get: (p) => p.sku },
  name: { default: true, get: (p) => textIn(p.name, 'sk') },
  active: { default: true, get: (p) => p.active },
  price: { default: true, get: (p) => p.price },
  currency: { default: true, get: (p) => p.currency },
  date_modified: { default: true, get: (p) => formatZoned(p.modifiedAt) },
  date_created: { get: (p) => formatZoned(p.createdAt) },
  description: { get: (p) => textIn(p.description, 'sk') },
  ean: { get: (p) => p.gtin },
  brand: { get: (p) => p.brand },
  category_id: { get: (p) => p.categoryId },
  category: { get: (p, cats) => (p.categoryId ? (cats.get(p.categoryId) ?? null) : null) },
  type: { get: (p) => p.type },
  parent_id: { get: (p) => p.parentId },
  stock: { get: (p) => p.stock },
  vat: { get: (p) => p.vat },
  weight: { get: (p) => p.weight },
  size: { get: attr('size') },
  colour: { get: attr('colour') },
  material: { get: attr('material') },
  images: { get: (p) => p.images.map((f) => `${IMAGE_BASE}${f}`) },
  labels: { get: (p) => p.labels },
  supplier: { get: (p) => p.supplier },
  supplier_code: { get: (p) => p.supplierPid },
  etim_class: { get: (p) => p.etim?.classId ?? null },
  translations: {
    get: (p) =>
      Object.fromEntries(
        [...new Set([...Object.keys(p.name), ...Object.keys(p.description)])].map((l) => [
          l,
          { name: p.name[l] ?? null, description: p.description[l] ?? null },
        ]),
      ),
  },
};

export const DEFAULT_FIELDS = Object.keys(FIELDS).filter((k) => FIELDS[k]?.default);

const j = (path: string): string => `json_extract(doc, '$.${path}')`;

export interface FilterDef {
  type: FilterType;
  sql: string;
  /** For datetime filters: 'eq' matches the value or range, 'from'/'to' bound one side. */
  bound?: 'from' | 'to';
}

export const FILTERS: Record<string, FilterDef> = {
  id: { type: 'integer', sql: 'id' },
  code: { type: 'code', sql: 'sku' },
  ean: { type: 'string', sql: j('gtin') },
  name: { type: 'text', sql: j('name.sk') },
  active: { type: 'boolean', sql: j('active') },
  price: { type: 'float', sql: j('price') },
  stock: { type: 'integer', sql: j('stock') },
  vat: { type: 'float', sql: j('vat') },
  currency: { type: 'string', sql: j('currency') },
  brand: { type: 'string', sql: j('brand') },
  category_id: { type: 'category', sql: j('categoryId') },
  type: { type: 'string', sql: j('type') },
  parent_id: { type: 'integer', sql: j('parentId') },
  supplier: { type: 'string', sql: j('supplier') },
  size: { type: 'string', sql: j('attributes.size') },
  colour: { type: 'string', sql: j('attributes.colour') },
  material: { type: 'string', sql: j('attributes.material') },
  label: { type: 'label', sql: "json_extract(doc, '$.labels')" },
  date_modified: { type: 'datetime', sql: 'modified_ms' },
  /** The seed's own examples filter on `date`; it means `date_modified` here. */
  date: { type: 'datetime', sql: 'modified_ms' },
  date_created: { type: 'datetime', sql: 'created_ms' },
  date_from: { type: 'datetime', sql: 'modified_ms', bound: 'from' },
  date_to: { type: 'datetime', sql: 'modified_ms', bound: 'to' },
};

export const SORTS: Record<string, string> = {
  id: 'id',
  code: 'sku',
  name: j('name.sk'),
  price: j('price'),
  stock: j('stock'),
  brand: j('brand'),
  ean: j('gtin'),
  date_modified: 'modified_ms',
  date_created: 'created_ms',
};

/** Fields that exist but cannot be written (a code-100 warning, then ignored). */
export const READ_ONLY = new Set([
  'id',
  'date_modified',
  'date_created',
  'type',
  'parent_id',
  'category',
  'etim_class',
]);
