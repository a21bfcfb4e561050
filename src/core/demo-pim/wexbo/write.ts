/**
 * WEXBO POST/PUT bodies onto the canonical product: type checks of 001_…'s "Data types",
 * 409 for bad values or missing required attributes, code-100 warnings for unknown or read-only
 * fields, and the "100 parameters with values" count of a PUT.
 */
import { isValidGtin } from '../catalog/gtin';
import type { CanonicalProduct } from '../catalog/product';
import { fail, problem, warning, WexboFailure, type WexboError } from './envelope';
import { FIELDS, IMAGE_BASE, READ_ONLY } from './fields';

/** Leaf values that are not null, counted through objects and arrays. */
export function countParameters(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countParameters(v), 0);
  if (typeof value === 'object')
    return Object.values(value).reduce((n: number, v) => n + countParameters(v), 0);
  return 1;
}

export interface WriteContext {
  categoryExists(id: string): boolean;
  skuTaken(sku: string, exceptId: number | undefined): boolean;
}

type Setter = (p: CanonicalProduct, v: unknown, ctx: WriteContext) => string | undefined;

const bool = (v: unknown): boolean | undefined =>
  v === true || v === 1 || v === '1' ? true : v === false || v === 0 || v === '0' ? false : undefined;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function attrSetter(key: 'size' | 'colour' | 'material'): Setter {
  return (p, v) => {
    if (v !== null && typeof v !== 'string') return 'a string or null';
    const attributes = { ...p.attributes };
    if (v === null || v === '') delete attributes[key];
    else attributes[key] = v;
    p.attributes = attributes;
    return undefined;
  };
}

const SETTERS: Record<string, Setter> = {
  code: (p, v, ctx) => {
    if (typeof v !== 'string' || !/^[a-z0-9._-]+$/.test(v)) return 'a code (a-z, 0-9, - _ .)';
    if (ctx.skuTaken(v, p.id || undefined)) return 'unique (this code is used by another product)';
    p.sku = v;
    return undefined;
  },
  name: (p, v) => {
    if (typeof v !== 'string' || !v.trim()) return 'a non-empty string';
    p.name = { ...p.name, sk: v };
    return undefined;
  },
  description: (p, v) => {
    if (typeof v !== 'string') return 'a string';
    p.description = { ...p.description, sk: v };
    return undefined;
  },
  active: (p, v) => {
    const b = bool(v);
    if (b === undefined) return 'a boolean (true/false or 1/0)';
    p.active = b;
    return undefined;
  },
  price: (p, v) => (isNum(v) && v >= 0 ? void (p.price = v) : 'a float of 0 or more'),
  vat: (p, v) => (isNum(v) && v >= 0 && v < 1 ? void (p.vat = v) : 'a float from 0 to 1'),
  weight: (p, v) => (isNum(v) && v >= 0 ? void (p.weight = v) : 'a float of 0 or more'),
  stock: (p, v) =>
    Number.isInteger(v) && (v as number) >= 0 ? void (p.stock = v as number) : 'an integer of 0 or more',
  currency: (p, v) =>
    typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? void (p.currency = v) : 'a currency (ISO 4217)',
  ean: (p, v) =>
    typeof v === 'string' && (v === '' || isValidGtin(v))
      ? void (p.gtin = v)
      : 'a GTIN with a valid check digit',
  brand: (p, v) => (typeof v === 'string' ? void (p.brand = v) : 'a string'),
  supplier: (p, v) => (typeof v === 'string' ? void (p.supplier = v) : 'a string'),
  supplier_code: (p, v) => (typeof v === 'string' ? void (p.supplierPid = v) : 'a string'),
  category_id: (p, v, ctx) => {
    if (v === null) return void (p.categoryId = null);
    return typeof v === 'string' && ctx.categoryExists(v)
      ? void (p.categoryId = v)
      : 'an existing category id';
  },
  size: attrSetter('size'),
  colour: attrSetter('colour'),
  material: attrSetter('material'),
  labels: (p, v) => (isStrArray(v) ? void (p.labels = [...v]) : 'an array of strings'),
  images: (p, v) => {
    if (!isStrArray(v)) return 'an array of urls';
    p.images = v.map((u) => (u.startsWith(IMAGE_BASE) ? u.slice(IMAGE_BASE.length) : u));
    return undefined;
  },
  translations: (p, v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'an object of languages';
    const name = { ...p.name };
    const description = { ...p.description };
    for (const [lang, t] of Object.entries(v as Record<string, unknown>)) {
      if (!/^[a-z]{2}$/.test(lang) || typeof t !== 'object' || t === null)
        return 'an object of languages (ISO 639-1)';
      const { name: n, description: d } = t as Record<string, unknown>;
      if (
        (n !== undefined && n !== null && typeof n !== 'string') ||
        (d !== undefined && d !== null && typeof d !== 'string')
      ) {
        return 'an object of languages with name and description strings';
      }
      if (typeof n === 'string') name[lang] = n;
      if (typeof d === 'string') description[lang] = d;
    }
    p.name = name;
    p.description = description;
    return undefined;
  },
};

/** Applies a body to a copy of `base`; throws 409 with every bad field, adds warnings for the rest. */
export function applyBody(
  base: CanonicalProduct,
  body: unknown,
  ctx: WriteContext,
  warnings: WexboError[],
  required: string[] = [],
): CanonicalProduct {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    fail(400, 'The body must be a JSON object.', 'body_2');
  const next: CanonicalProduct = structuredClone(base);
  const errors: WexboError[] = [];
  const fields = body as Record<string, unknown>;
  for (const name of required) {
    if (fields[name] === undefined)
      errors.push(problem(409, `Field ${name} is required.`, 'required_1', name));
  }
  for (const [name, value] of Object.entries(fields)) {
    const setter = SETTERS[name];
    if (setter) {
      const expected = setter(next, value, ctx);
      if (expected) errors.push(problem(409, `Field ${name} must be ${expected}.`, 'value_1', name));
    } else if (READ_ONLY.has(name)) warnings.push(warning(`Field ${name} is read-only.`, 'fields_2', name));
    else if (!FIELDS[name]) warnings.push(warning(`Field ${name} not exist.`, 'fields_1', name));
  }
  if (errors.length) throw new WexboFailure(409, errors);
  return next;
}
