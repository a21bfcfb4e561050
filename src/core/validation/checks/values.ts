/**
 * Value checks per type, compiled once per column into one function that runs for every cell.
 * The hot path (a valid value) is a regular expression or a set lookup and allocates nothing; the
 * explanation of a bad value (pitfalls.ts) is only built when a value fails.
 * Types: WEXBO's data types (seeds/README.md, "Data types") plus gtin, string and image-file.
 */
import { ISO_3166_1_ALPHA2 } from '../iso/countries';
import { ISO_4217 } from '../iso/currencies';
import { ISO_639_1 } from '../iso/languages';
import type { ColumnRule, ValueType } from '../types';
import { checkGtin } from './gtin';
import { isDate, isDateTime, isFloat, isGtin, isInteger } from './scanners';
import { explainDate, explainNumber, hasSmartQuotes, straightenQuotes } from './pitfalls';
import type { Finding } from './pitfalls';

export { isDate, isDateTime, isFloat, isGtin, isInteger } from './scanners';

export type ValueCheck = (v: string) => Finding | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[a-z0-9._-]+$/;
const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\.]+(\.[^\s@"(),:;<>[\]\\.]+)+$/;
const ABSOLUTE_URL = /^(https?|ftp):\/\/[^\s/?#@]+(@[^\s/?#]+)?([/?#]\S*)?$/i;
const RELATIVE_URL = /^[^\s:\\]+$/;
const DATA_URI = /^data:image\/(png|jpeg|jpg|gif|webp|svg\+xml|tiff|bmp);base64,([A-Za-z0-9+/]+={0,2})$/;

const fail = (rule: string, message: string): Finding => ({ rule, message });

function codeCheck(v: string): Finding | null {
  if (CODE.test(v)) return null;
  const lower = v.toLowerCase();
  if (CODE.test(lower)) return fail('type.code', `"${v}" must be in lower case: write ${lower}.`);
  return fail('type.code', `"${v}" may only contain a-z, 0-9, "-", "_" and "." (a WEXBO code).`);
}

function urlCheck(v: string): Finding | null {
  if (ABSOLUTE_URL.test(v)) return null;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(v) && RELATIVE_URL.test(v)) return null;
  if (/\s/.test(v)) return fail('type.url', `URL "${v}" contains spaces: write them as %20.`);
  return fail('type.url', `"${v}" is not a URL (absolute http(s) or a relative path).`);
}

function emailCheck(v: string): Finding | null {
  if (EMAIL.test(v)) return null;
  const at = v.split('@').length - 1;
  if (at !== 1) return fail('type.email', `"${v}" is not an e-mail address: it has ${at} "@".`);
  return fail('type.email', `"${v}" is not an e-mail address.`);
}

function codeListCheck(set: Set<string>, type: 'language' | 'currency' | 'country'): ValueCheck {
  const upper = type !== 'language';
  const standard = { language: 'ISO 639-1', currency: 'ISO 4217', country: 'ISO 3166-1 alpha-2' }[type];
  const hints: Record<string, string> = { UK: 'GB', EL: 'GR', '€': 'EUR', $: 'USD', '£': 'GBP' };
  return (v) => {
    if (set.has(v)) return null;
    const cased = upper ? v.toUpperCase() : v.toLowerCase();
    if (set.has(cased)) return fail(`type.${type}`, `"${v}" must be written ${cased} (${standard}).`);
    const hint = hints[v.toUpperCase()] ?? hints[v];
    if (hint && set.has(hint))
      return fail(`type.${type}`, `"${v}" is not a ${standard} code: write ${hint}.`);
    return fail(`type.${type}`, `"${v}" is not a ${standard} code.`);
  };
}

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  png: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  gif: (b) => b.toString('latin1', 0, 4) === 'GIF8',
  webp: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
};

function imageCheck(v: string): Finding | null {
  const m = DATA_URI.exec(v);
  if (!m || (m[2] as string).length % 4 !== 0) {
    return fail('type.image', `The value must be an image as a base64 data URI (data:image/png;base64,...).`);
  }
  const kind = m[1] === 'jpg' ? 'jpeg' : (m[1] as string);
  const head = Buffer.from((m[2] as string).slice(0, 16), 'base64');
  const magic = MAGIC[kind];
  if (magic && !magic(head))
    return fail('type.image', `The data URI says image/${m[1]} but its bytes are not.`);
  return null;
}

function typeCheck(type: ValueType): ValueCheck | null {
  switch (type) {
    case 'string':
    case 'enum':
    case 'image-file':
      return null;
    case 'boolean':
      return (v) =>
        v === 'true' || v === 'false' || v === '1' || v === '0'
          ? null
          : fail(
              'type.boolean',
              /^(true|false)$/i.test(v)
                ? `"${v}" must be written ${v.toLowerCase()} (Excel capitalises booleans).`
                : `"${v}" must be true, false, 1 or 0.`,
            );
    case 'integer':
      return (v) => (isInteger(v) ? null : explainNumber(v, true));
    case 'float':
      return (v) => (isFloat(v) ? null : explainNumber(v, false));
    case 'date':
      return (v) => (isDate(v) ? null : explainDate(v, false));
    case 'datetime':
      return (v) => (isDateTime(v) ? null : explainDate(v, true));
    case 'uuid':
      return (v) => (UUID.test(v) ? null : fail('type.uuid', `"${v}" is not a UUID (RFC 9562).`));
    case 'code':
      return codeCheck;
    case 'url':
      return urlCheck;
    case 'email':
      return emailCheck;
    case 'language':
      return codeListCheck(ISO_639_1, 'language');
    case 'currency':
      return codeListCheck(ISO_4217, 'currency');
    case 'country':
      return codeListCheck(ISO_3166_1_ALPHA2, 'country');
    case 'image':
      return imageCheck;
    case 'gtin':
      return (v) => (isGtin(v) ? null : checkGtin(v));
  }
}

function enumCheck(values: string[], ignoreCase: boolean): ValueCheck {
  const exact = new Set(values);
  const folded = new Map(values.map((e) => [e.toLowerCase(), e]));
  const listed = values.length <= 12 ? values.join(', ') : `${values.slice(0, 12).join(', ')}, …`;
  return (v) => {
    if (exact.has(v)) return null;
    const match = folded.get(v.toLowerCase());
    if (match !== undefined && ignoreCase) return null;
    if (match !== undefined) return fail('enum', `"${v}" must be written ${match}.`);
    const straight = folded.get(straightenQuotes(v).toLowerCase());
    if (straight !== undefined && hasSmartQuotes(v))
      return fail('enum', `"${v}" must be written ${straight}.`);
    return fail('enum', `"${v}" is not one of the allowed values: ${listed}.`);
  };
}

function rangeCheck(range: { min?: number; max?: number }): ValueCheck {
  return (v) => {
    const n = Number(v);
    if (range.min !== undefined && n < range.min)
      return fail('range', `${v} is below the minimum ${range.min}.`);
    if (range.max !== undefined && n > range.max)
      return fail('range', `${v} is above the maximum ${range.max}.`);
    return null;
  };
}

/** Characters as people count them (code points), not UTF-16 units. */
function charCount(v: string): number {
  let n = v.length;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

function lengthCheck(length: { min?: number; max?: number }): ValueCheck {
  return (v) => {
    const n = v.length > (length.max ?? Infinity) || v.length < (length.min ?? 0) ? charCount(v) : v.length;
    if (length.max !== undefined && n > length.max)
      return fail(
        'length',
        `${n} characters, at most ${length.max} allowed: shorten it by ${n - length.max}.`,
      );
    if (length.min !== undefined && n < length.min)
      return fail('length', `${n} characters, at least ${length.min} needed.`);
    return null;
  };
}

function patternCheck(pattern: string, message: string | undefined): ValueCheck {
  const re = new RegExp(pattern, 'u');
  return (v) =>
    re.test(v) ? null : fail('pattern', message ?? `"${v}" does not have the expected form ${pattern}.`);
}

function chain(checks: ValueCheck[]): ValueCheck | null {
  if (checks.length === 0) return null;
  if (checks.length === 1) return checks[0] as ValueCheck;
  return (v) => {
    for (const check of checks) {
      const f = check(v);
      if (f) return f;
    }
    return null;
  };
}

function listCheck(separator: string, item: ValueCheck): ValueCheck {
  return (v) => {
    const parts = v.split(separator);
    for (const raw of parts) {
      const part = raw.trim();
      if (part === '')
        return fail('list', `"${v}" has an empty item in its ${JSON.stringify(separator)}-separated list.`);
      const f = item(part);
      if (f) return { rule: f.rule, message: `In the list "${v}": ${f.message}` };
    }
    return null;
  };
}

/** The check of one column's trimmed, non-empty values, or null when any value passes. */
export function compileValueCheck(rule: ColumnRule): ValueCheck | null {
  const checks: ValueCheck[] = [];
  const type = rule.type ? typeCheck(rule.type) : null;
  if (type) checks.push(type);
  if (rule.enum) checks.push(enumCheck(rule.enum, rule.enumIgnoreCase === true));
  if (rule.pattern) checks.push(patternCheck(rule.pattern, rule.patternMessage));
  if (rule.range) checks.push(rangeCheck(rule.range));
  if (rule.length) checks.push(lengthCheck(rule.length));
  const item = chain(checks);
  if (item && rule.list !== undefined) return listCheck(rule.list, item);
  return item;
}

/** Types whose values are numbers: exempt from formula neutralising, open to decimal-comma fixes. */
export function isNumericType(type: ValueType | undefined): boolean {
  return type === 'integer' || type === 'float';
}

/** How the hot loop tests a column's values; the codes let it switch instead of calling closures. */
export const FAST = {
  none: 0,
  integer: 1,
  float: 2,
  date: 3,
  datetime: 4,
  gtin: 5,
  boolean: 6,
  set: 7,
  other: 8,
} as const;

export interface CompiledValue {
  kind: (typeof FAST)[keyof typeof FAST];
  /** For `set`: the values that pass. */
  set: Set<string> | null;
  /** The full check (type and every extra rule): the explanation when the fast test fails. */
  full: ValueCheck | null;
  /** Enum, pattern, range and length, for values whose type test passed. */
  extra: ValueCheck | null;
}

const SETS: Partial<Record<ValueType, Set<string>>> = {
  language: ISO_639_1,
  currency: ISO_4217,
  country: ISO_3166_1_ALPHA2,
};

export function compileValue(rule: ColumnRule): CompiledValue {
  const full = compileValueCheck(rule);
  if (rule.list !== undefined || !full)
    return { kind: full ? FAST.other : FAST.none, set: null, full, extra: null };
  const type = rule.type ?? 'string';
  let kind: CompiledValue['kind'] = FAST.other;
  let set: Set<string> | null = null;
  let enumConsumed = false;
  if (
    type === 'integer' ||
    type === 'float' ||
    type === 'date' ||
    type === 'datetime' ||
    type === 'gtin' ||
    type === 'boolean'
  ) {
    kind = FAST[type];
  } else if (SETS[type]) {
    kind = FAST.set;
    set = SETS[type] as Set<string>;
  } else if (type === 'string' || type === 'enum' || type === 'image-file') {
    if (rule.enum && !rule.enumIgnoreCase) {
      kind = FAST.set;
      set = new Set(rule.enum);
      enumConsumed = true;
    } else kind = FAST.none;
  }
  if (kind === FAST.other) return { kind, set: null, full, extra: null };
  const extras: ValueCheck[] = [];
  if (rule.enum && !enumConsumed) extras.push(enumCheck(rule.enum, rule.enumIgnoreCase === true));
  if (rule.pattern) extras.push(patternCheck(rule.pattern, rule.patternMessage));
  if (rule.range) extras.push(rangeCheck(rule.range));
  if (rule.length) extras.push(lengthCheck(rule.length));
  return { kind, set, full, extra: chain(extras) };
}
