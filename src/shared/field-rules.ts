/**
 * What each remote accepts in a field, checked before an edit is accepted (the grid uses the same
 * rules for its editors). Pure: runs in core and in the renderer.
 *
 * - WEXBO (001, seeds/README.md "Data types"): boolean, integer, float with a dot, date, datetime,
 *   enum, code (a-z 0-9 - _ .), currency (ISO 4217), language, country, url, email; the product
 *   attributes are the demo PIM's table (the real reference is private).
 * - ETIM mapper (004): every value is text; numbers and booleans must be sent as strings.
 * - PrintXpand (003): products need id, name and type (simple or configurable); customers id,
 *   email, first and last name; categories id and name.
 */
import type { ConnectionKind } from './domain';

export type FieldType =
  | 'string'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'code'
  | 'currency'
  | 'email'
  | 'url'
  | 'gtin'
  | 'list'
  | 'object';

export interface FieldRule {
  type: FieldType;
  required?: boolean;
  readonly?: boolean;
  values?: readonly string[];
  nullable?: boolean;
}

export interface EntityRules {
  fields: Readonly<Record<string, FieldRule>>;
  /** Every leaf value must be a string (ETIM). */
  stringsOnly?: boolean;
}

const WEXBO_PRODUCT: Record<string, FieldRule> = {
  id: { type: 'integer', readonly: true },
  code: { type: 'code', required: true },
  name: { type: 'string', required: true },
  active: { type: 'boolean' },
  price: { type: 'float' },
  currency: { type: 'currency' },
  date_modified: { type: 'datetime', readonly: true },
  date_created: { type: 'datetime', readonly: true },
  description: { type: 'string', nullable: true },
  ean: { type: 'gtin', nullable: true },
  brand: { type: 'string', nullable: true },
  category_id: { type: 'string', nullable: true },
  type: { type: 'enum', values: ['simple', 'configurable', 'variant'] },
  parent_id: { type: 'integer', nullable: true, readonly: true },
  stock: { type: 'integer', nullable: true },
  vat: { type: 'float', nullable: true },
  weight: { type: 'float', nullable: true },
  size: { type: 'code', nullable: true },
  colour: { type: 'code', nullable: true },
  material: { type: 'code', nullable: true },
  images: { type: 'list' },
  labels: { type: 'list' },
  supplier: { type: 'string', nullable: true },
  supplier_code: { type: 'string', nullable: true },
  etim_class: { type: 'string', nullable: true },
  translations: { type: 'object' },
};

const RULES: Partial<Record<ConnectionKind, Record<string, EntityRules>>> = {
  wexbo: { products: { fields: WEXBO_PRODUCT } },
  etim: {
    products: {
      fields: { productId: { type: 'string', required: true, readonly: true } },
      stringsOnly: true,
    },
  },
  printxpand: {
    products: {
      fields: {
        id: { type: 'string', required: true, readonly: true },
        name: { type: 'string', required: true },
        type: { type: 'enum', values: ['simple', 'configurable'], required: true },
        price: { type: 'float', nullable: true },
        special_price: { type: 'float', nullable: true },
      },
    },
    categories: {
      fields: {
        id: { type: 'string', required: true, readonly: true },
        name: { type: 'string', required: true },
      },
    },
    customers: {
      fields: {
        id: { type: 'string', required: true, readonly: true },
        email: { type: 'email', required: true },
        firstname: { type: 'string', required: true },
        lastname: { type: 'string', required: true },
      },
    },
  },
};

export function rulesFor(kind: ConnectionKind, entity: string): EntityRules | undefined {
  return RULES[kind]?.[entity];
}

/** The rule of a top-level field for a path such as `name` or `translations.de.name`. */
export function ruleForPath(rules: EntityRules | undefined, path: string): FieldRule | undefined {
  const top = path.split('.')[0] ?? path;
  return rules?.fields[top];
}

const CODE = /^[a-z0-9._-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CURRENCY = /^[A-Z]{3}$/;

export function gtinValid(code: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop() as number;
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

function realDate(text: string): boolean {
  const d = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text.slice(0, 10);
}

function checkType(rule: FieldRule, value: unknown): string | null {
  switch (rule.type) {
    case 'string':
      return typeof value === 'string' ? null : 'must be text';
    case 'integer':
      return Number.isInteger(value) ? null : 'must be a whole number, such as 12';
    case 'float':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : 'must be a number with a dot for decimals, such as 12.50';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' && DATE.test(value) && realDate(value)
        ? null
        : 'must be a date written YYYY-MM-DD';
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && realDate(value)
        ? null
        : 'must be written YYYY-MM-DD HH:MM:SS';
    case 'enum':
      return typeof value === 'string' && (rule.values ?? []).includes(value)
        ? null
        : `must be one of ${(rule.values ?? []).join(', ')}`;
    case 'code':
      return typeof value === 'string' && CODE.test(value)
        ? null
        : 'may contain only lower-case letters, digits, dot, dash and underscore';
    case 'currency':
      return typeof value === 'string' && CURRENCY.test(value)
        ? null
        : 'must be a three-letter ISO 4217 currency code, such as EUR';
    case 'email':
      return typeof value === 'string' && EMAIL.test(value) ? null : 'must be an e-mail address';
    case 'url':
      return typeof value === 'string' && /^(https?:\/\/|\/)/.test(value)
        ? null
        : 'must be an address starting with https:// or /';
    case 'gtin':
      return typeof value === 'string' && gtinValid(value)
        ? null
        : 'must be a GTIN/EAN with a valid check digit (8, 12, 13 or 14 digits, kept as text so leading zeros stay)';
    case 'list':
      return Array.isArray(value) ? null : 'must be a list';
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? null
        : 'must be an object';
  }
}

function firstNonString(value: unknown, path: string): string | null {
  if (typeof value === 'string') return null;
  if (value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstNonString(value[i], `${path}.${i}`);
      if (bad) return bad;
    }
    return null;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = firstNonString(v, `${path}.${k}`);
      if (bad) return bad;
    }
    return null;
  }
  return path;
}

/**
 * Checks one value for one path; returns the sentence to show, or null when it is acceptable.
 * `undefined` means the field is being removed.
 */
export function checkFieldValue(rules: EntityRules | undefined, path: string, value: unknown): string | null {
  if (!rules) return null;
  const field = path.split('.')[0] ?? path;
  const rule = ruleForPath(rules, path);
  const nested = path.includes('.');
  if (rule?.readonly) return `${field} is set by the remote system and cannot be edited.`;
  if (rules.stringsOnly) {
    const bad = firstNonString(value, path);
    if (bad)
      return `${bad}: ETIM accepts text only. Write ${JSON.stringify(String(value))} instead of ${JSON.stringify(value)}.`;
  }
  if (!rule || nested) return null;
  if (value === undefined || value === null || value === '') {
    if (rule.required) return `${field} is required and cannot be empty.`;
    if (value === undefined || rule.nullable || rule.type === 'string') return null;
    return `${field} cannot be empty.`;
  }
  const problem = checkType(rule, value);
  return problem ? `${field} ${problem} (got ${JSON.stringify(value)}).` : null;
}

/**
 * Turns text typed or pasted into a cell (TSV from Excel) into the field's JSON value: numbers for
 * numeric fields (a decimal comma is read as a dot), true/false for booleans, text otherwise.
 * Returns the text unchanged when it does not convert, so the check above explains the problem.
 */
export function coerceCellText(rule: FieldRule | undefined, text: string, stringsOnly = false): unknown {
  const trimmed = text.trim();
  if (stringsOnly || !rule) return text;
  if (trimmed === '' && (rule.nullable || !rule.required) && rule.type !== 'string') return null;
  switch (rule.type) {
    case 'integer': {
      const n = Number(trimmed);
      return /^-?\d+$/.test(trimmed) && Number.isSafeInteger(n) ? n : text;
    }
    case 'float': {
      const normal = /^-?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
      const n = Number(normal);
      return normal !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (['true', '1', 'yes', 'ano', 'ja', 'tak'].includes(lower)) return true;
      if (['false', '0', 'no', 'nie', 'nein'].includes(lower)) return false;
      return text;
    }
    case 'list':
    case 'object':
      try {
        return JSON.parse(trimmed);
      } catch {
        return text;
      }
    default:
      return text;
  }
}
