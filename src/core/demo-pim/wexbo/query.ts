/**
 * Parsing of WEXBO's URL parameters (001_…, "URL parameters"): `fields`, `options`, `filter`,
 * `sort`/`direction`, `page`/`offset`/`limit`. List and array/object forms may not be mixed.
 */
import { endOfZoned, parseZoned } from '../time';
import { fail, warning, type WexboError } from './envelope';
import { DEFAULT_FIELDS, FIELDS, FILTERS, SORTS, type FilterDef } from './fields';

export const MAX_LIMIT = 250;
export const DEFAULT_LIMIT = 25;
const OPTIONS = ['result', 'data', 'count', 'pagination', 'links'];

/** Reads a parameter given as a comma list (`x=a,b`) or an array (`x[]=a&x[]=b`), never both. */
function listOrArray(params: URLSearchParams, name: string): string[] | undefined {
  const list = params.getAll(name);
  const array = params.getAll(`${name}[]`);
  if (list.length && array.length)
    fail(400, `Parameter ${name} may not mix the list and array forms.`, `${name}_mixed`, name);
  if (array.length) return array.map((v) => v.trim()).filter(Boolean);
  if (list.length)
    return list
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  return undefined;
}

/** Reads `x=a:1,b:2` or `x[a]=1&x[b]=2` into pairs, never both forms at once. */
function listOrObject(params: URLSearchParams, name: string): [string, string][] | undefined {
  const list = params.getAll(name);
  const object: [string, string][] = [];
  const re = new RegExp(`^${name}\\[([^\\]]+)\\]$`);
  for (const [k, v] of params) {
    const m = re.exec(k);
    if (m?.[1]) object.push([m[1], v]);
  }
  if (list.length && object.length)
    fail(400, `Parameter ${name} may not mix the list and object forms.`, `${name}_mixed`, name);
  if (object.length) return object;
  if (!list.length) return undefined;
  return list
    .flatMap((v) => v.split(','))
    .filter((item) => item.trim())
    .map((item) => {
      const at = item.indexOf(':');
      return at < 0 ? [item.trim(), ''] : [item.slice(0, at).trim(), item.slice(at + 1).trim()];
    });
}

export function parseFields(params: URLSearchParams, warnings: WexboError[]): string[] {
  const asked = listOrArray(params, 'fields');
  if (!asked) return DEFAULT_FIELDS;
  const out: string[] = [];
  for (const f of asked) {
    if (!FIELDS[f]) warnings.push(warning(`Field ${f} not exist.`, 'fields_1', f));
    else if (!out.includes(f)) out.push(f);
  }
  return out;
}

export function parseOptions(params: URLSearchParams, warnings: WexboError[]): Set<string> {
  const out = new Set<string>();
  for (const o of listOrArray(params, 'options') ?? []) {
    if (OPTIONS.includes(o)) out.add(o);
    else warnings.push(warning(`Option ${o} not exist.`, 'options_1', o));
  }
  return out;
}

const INT = /^\d+$/;
const FLOAT = /^\d+(\.\d+)?$/;
const DT = '\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}:\\d{2})?';
const DT_RANGE = new RegExp(`^(${DT})-(${DT})$`);

function badFilter(name: string): never {
  fail(422, `Filter ${name} has an invalid value.`, 'filter_2', name);
}

/** One filter → an SQL condition (OR over `;`-separated values, ranges inclusive). */
function filterSql(name: string, def: FilterDef, raw: string, params: unknown[]): string {
  if (def.type === 'boolean') {
    const v = raw.toLowerCase();
    if (!['1', '0', 'true', 'false'].includes(v)) badFilter(name);
    params.push(v === '1' || v === 'true' ? 1 : 0);
    return `${def.sql} = ?`;
  }
  const items = raw.split(';').map((s) => s.trim());
  if (items.some((s) => s === '')) badFilter(name);
  const parts = items.map((item) => {
    switch (def.type) {
      case 'integer':
      case 'float': {
        const re = def.type === 'integer' ? INT : FLOAT;
        const dash = item.indexOf('-');
        if (dash > 0) {
          const [lo, hi] = [item.slice(0, dash), item.slice(dash + 1)];
          if (!re.test(lo) || !re.test(hi)) badFilter(name);
          params.push(Number(lo), Number(hi));
          return `${def.sql} BETWEEN ? AND ?`;
        }
        if (!re.test(item)) badFilter(name);
        params.push(Number(item));
        return `${def.sql} = ?`;
      }
      case 'datetime': {
        const range = DT_RANGE.exec(item);
        const [from, to] = range ? [range[1]!, range[2]!] : [item, item];
        const lo = parseZoned(from)?.ms;
        const hi = endOfZoned(to);
        if (lo === undefined || hi === undefined) badFilter(name);
        if (def.bound === 'from') {
          params.push(lo);
          return `${def.sql} >= ?`;
        }
        if (def.bound === 'to') {
          params.push(hi);
          return `${def.sql} < ?`;
        }
        params.push(lo, hi);
        return `(${def.sql} >= ? AND ${def.sql} < ?)`;
      }
      case 'text':
        params.push(`%${item.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
        return `${def.sql} LIKE ? ESCAPE '\\'`;
      case 'category':
        params.push(item, `${item}-%`);
        return `(${def.sql} = ? OR ${def.sql} LIKE ?)`;
      case 'label':
        params.push(item);
        return `EXISTS (SELECT 1 FROM json_each(doc, '$.labels') WHERE value = ?)`;
      default:
        params.push(item);
        return `${def.sql} = ?`;
    }
  });
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

export function parseFilter(params: URLSearchParams): { where: string; params: unknown[] } {
  const pairs = listOrObject(params, 'filter') ?? [];
  const sqlParams: unknown[] = [];
  const conditions = pairs.map(([name, value]) => {
    const def = FILTERS[name];
    if (!def) fail(422, `Filter ${name} not exist.`, 'filter_1', name);
    return filterSql(name, def, value, sqlParams);
  });
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params: sqlParams };
}

export function parseSort(params: URLSearchParams): string {
  const direction = params.get('direction');
  if (direction !== null && !['asc', 'desc'].includes(direction.toLowerCase())) {
    fail(422, 'Direction must be asc or desc.', 'direction_1', 'direction');
  }
  const dflt = (direction ?? 'asc').toLowerCase();
  const pairs = listOrObject(params, 'sort') ?? [['id', dflt]];
  const terms = pairs.map(([key, dir]) => {
    const sql = SORTS[key];
    if (!sql) fail(422, `Sort by ${key} is not allowed.`, 'sort_1', key);
    const d = (dir || dflt).toLowerCase();
    if (d !== 'asc' && d !== 'desc') fail(422, 'Direction must be asc or desc.', 'sort_2', key);
    return `${sql} ${d.toUpperCase()}`;
  });
  if (!pairs.some(([k]) => k === 'id')) terms.push('id ASC');
  return terms.join(', ');
}

export interface Paging {
  limit: number;
  page: number;
  offset: number;
}

function intParam(params: URLSearchParams, name: string, min: number): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min)
    fail(422, `Parameter ${name} has an invalid value.`, `${name}_1`, name);
  return Number(raw);
}

export function parsePaging(params: URLSearchParams, warnings: WexboError[]): Paging {
  let limit = intParam(params, 'limit', 1) ?? DEFAULT_LIMIT;
  if (limit > MAX_LIMIT) {
    warnings.push(warning(`Limit ${limit} is over the maximum, ${MAX_LIMIT} used.`, 'limit_2', 'limit'));
    limit = MAX_LIMIT;
  }
  const page = intParam(params, 'page', 1);
  const offset = intParam(params, 'offset', 0);
  if (page !== undefined) {
    if (offset !== undefined && offset !== 0) {
      warnings.push(warning('Parameter offset is ignored when page is given.', 'offset_2', 'offset'));
    }
    return { limit, page, offset: (page - 1) * limit };
  }
  const off = offset ?? 0;
  return { limit, page: Math.floor(off / limit) + 1, offset: off };
}
