/**
 * `products/filter` (004_…): a JSON filter document → ids of matching products. Every problem in
 * the filter is collected and answered as the seed's 400 body
 * (`incorrect value of "withType" in "labels"`, …).
 */
import type { CanonicalProduct } from '../catalog/product';
import { rowToProduct, type ProductRow, type ProductStore } from '../catalog/store';
import { DEMO_ZONE, formatZonedDate, parseZoned, zonedToUtc } from '../time';
import { fail } from './http';
import { completeness, toEtimDoc } from './project';

type Doc = Record<string, unknown>;
type Test = (p: CanonicalProduct, doc: Doc) => boolean;
const isObj = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const strList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

interface Ctx {
  problems: string[];
  now: number;
  attributeType(id: string): string | undefined;
}

function bad(ctx: Ctx, key: string, field?: string): Test {
  ctx.problems.push(field ? `incorrect value of "${key}" in "${field}"` : `incorrect value of "${key}"`);
  return () => false;
}

/** `{ withType: at_least_one|all, with: [...], without: [...] }` over a list of values. */
function withWithout(
  ctx: Ctx,
  spec: unknown,
  field: string,
  values: (p: CanonicalProduct, d: Doc) => string[],
): Test {
  if (!isObj(spec)) return bad(ctx, field);
  const type = spec.withType ?? 'at_least_one';
  if (type !== 'at_least_one' && type !== 'all') return bad(ctx, 'withType', field);
  const withs = spec.with ?? [];
  const withouts = spec.without ?? [];
  if (!strList(withs)) return bad(ctx, 'with', field);
  if (!strList(withouts)) return bad(ctx, 'without', field);
  return (p, d) => {
    const have = new Set(values(p, d));
    if (withouts.some((w) => have.has(w))) return false;
    if (!withs.length) return true;
    return type === 'all' ? withs.every((w) => have.has(w)) : withs.some((w) => have.has(w));
  };
}

function fromTo(
  ctx: Ctx,
  spec: unknown,
  field: string,
  value: (p: CanonicalProduct, d: Doc) => number | undefined,
): Test {
  if (!isObj(spec)) return bad(ctx, field);
  const lo = spec.from === undefined ? -Infinity : Number(spec.from);
  const hi = spec.to === undefined ? Infinity : Number(spec.to);
  if (Number.isNaN(lo) || Number.isNaN(hi)) return bad(ctx, field);
  return (p, d) => {
    const v = value(p, d);
    return v !== undefined && v >= lo && v <= hi;
  };
}

const UNITS = ['day', 'week', 'month', 'year'] as const;

/** Start (UTC ms) of the CET day/week/month/year containing `now`, moved `back` units earlier. */
function periodStart(now: number, unit: (typeof UNITS)[number], back: number): number {
  const [y, m, d] = formatZonedDate(now, DEMO_ZONE).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (unit === 'day') date.setUTCDate(date.getUTCDate() - back);
  if (unit === 'week') date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7) - 7 * back);
  if (unit === 'month') date.setUTCMonth(date.getUTCMonth() - back, 1);
  if (unit === 'year') date.setUTCFullYear(date.getUTCFullYear() - back, 0, 1);
  return zonedToUtc({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: 0,
    minute: 0,
    second: 0,
  });
}

function dateFilter(ctx: Ctx, spec: unknown, field: string, value: (p: CanonicalProduct) => number): Test {
  if (!isObj(spec)) return bad(ctx, field);
  if (spec.type === 'last') {
    const n = Number(spec.number);
    const unit = spec.unit as (typeof UNITS)[number];
    if (!Number.isInteger(n) || n < 1) return bad(ctx, 'number', field);
    if (!UNITS.includes(unit)) return bad(ctx, 'unit', field);
    const including = spec.includingCurrent === undefined || spec.includingCurrent === 'true';
    if (spec.includingCurrent !== undefined && !['true', 'false'].includes(String(spec.includingCurrent))) {
      return bad(ctx, 'includingCurrent', field);
    }
    const from = periodStart(ctx.now, unit, including ? n - 1 : n);
    const to = including ? Infinity : periodStart(ctx.now, unit, 0);
    return (p) => value(p) >= from && value(p) < to;
  }
  if (spec.type === 'range') {
    const from = spec.from === undefined ? -Infinity : parseZoned(String(spec.from))?.ms;
    const to = spec.to === undefined ? Infinity : parseZoned(String(spec.to))?.ms;
    if (from === undefined) return bad(ctx, 'from', field);
    if (to === undefined) return bad(ctx, 'to', field);
    return (p) => value(p) >= from && value(p) <= to;
  }
  return bad(ctx, 'type', field);
}

function attributeTest(ctx: Ctx, id: string, spec: unknown): Test {
  const type = ctx.attributeType(id);
  const value = (d: Doc): unknown => (d.attributes as Doc | undefined)?.[id];
  const field = 'attributes';
  if (!type) return bad(ctx, id, field);
  if (type === 'M') {
    if (!isObj(spec)) return bad(ctx, id, field);
    return (_p, d) => {
      const v = value(d);
      return (
        isObj(v) &&
        Object.entries(spec).every(([l, s]) =>
          String(v[l] ?? '')
            .toLowerCase()
            .includes(String(s).toLowerCase()),
        )
      );
    };
  }
  if (type === 'L' || type === 'S') {
    if (!strList(spec)) return bad(ctx, id, field);
    return (_p, d) => spec.includes(String(value(d)));
  }
  if (type === 'N') return (_p, d) => String(value(d)) === String(spec);
  if (type === 'R')
    return fromTo(ctx, spec, id, (_p, d) => (value(d) === undefined ? undefined : Number(value(d))));
  if (type === 'MS')
    return withWithout(ctx, spec, id, (_p, d) => (strList(value(d)) ? (value(d) as string[]) : []));
  return bad(ctx, id, field);
}

function compile(ctx: Ctx, filter: Doc): Test[] {
  const tests: Test[] = [];
  for (const [key, spec] of Object.entries(filter)) {
    switch (key) {
      case 'productName':
        if (!isObj(spec)) tests.push(bad(ctx, key));
        else
          tests.push((p) =>
            Object.entries(spec).every(([l, s]) =>
              (p.name[l] ?? '').toLowerCase().includes(String(s).toLowerCase()),
            ),
          );
        break;
      case 'gtin':
        if (!['0', '1'].includes(String(spec))) tests.push(bad(ctx, key));
        else tests.push((p) => (p.gtin !== '') === (String(spec) === '1'));
        break;
      case 'attributes':
        if (!isObj(spec)) tests.push(bad(ctx, key));
        else for (const [id, s] of Object.entries(spec)) tests.push(attributeTest(ctx, id, s));
        break;
      case 'labels':
        tests.push(withWithout(ctx, spec, key, (p) => p.labels));
        break;
      case 'hazardClass':
        tests.push(
          withWithout(
            ctx,
            spec,
            key,
            (_p, d) => ((d.overallInformation as Doc).hazardClass as string[] | undefined) ?? [],
          ),
        );
        break;
      case 'lca':
        if (!isObj(spec) || (spec.database !== undefined && !strList(spec.database)))
          tests.push(bad(ctx, key));
        else {
          tests.push((_p, d) => {
            const lca = d.lca as Doc | undefined;
            if (!lca) return false;
            const dbs = spec.database as string[] | undefined;
            if (dbs && !dbs.includes(String(lca.database))) return false;
            return spec.uuid === undefined || String(lca.uuid ?? '').includes(String(spec.uuid));
          });
        }
        break;
      case 'categories':
        if (!isObj(spec)) tests.push(bad(ctx, key));
        else {
          for (const [tree, s] of Object.entries(spec)) {
            tests.push(
              withWithout(
                ctx,
                s,
                key,
                (_p, d) => ((d.categories as Doc | undefined)?.[tree] as string[] | undefined) ?? [],
              ),
            );
          }
        }
        break;
      case 'totalDescriptionCompleteness':
        tests.push(fromTo(ctx, spec, key, (p, d) => Number(completeness(p, d).totalDescriptionCompleteness)));
        break;
      case 'lastModifiedDate':
        tests.push(dateFilter(ctx, spec, key, (p) => p.modifiedAt));
        break;
      case 'creationDate':
        tests.push(dateFilter(ctx, spec, key, (p) => p.createdAt));
        break;
      default:
        ctx.problems.push(`unknown filter field "${key}"`);
    }
  }
  return tests;
}

/** Ids of the products matching `filter`, in catalog order. */
export function filterProducts(
  store: ProductStore,
  filter: unknown,
  now: number,
  attributeType: Ctx['attributeType'],
): string[] {
  if (!isObj(filter)) fail('Filter should be sent as a JSON object');
  const ctx: Ctx = { problems: [], now, attributeType };
  const tests = compile(ctx, filter);
  if (ctx.problems.length) fail(ctx.problems);
  const ids: string[] = [];
  for (const row of store.db
    .prepare<[], ProductRow>('SELECT id, sku, created_ms, modified_ms, doc FROM product ORDER BY id')
    .iterate()) {
    const p = rowToProduct(row);
    const doc = toEtimDoc(p);
    if (tests.every((t) => t(p, doc))) ids.push(p.sku);
  }
  return ids;
}
