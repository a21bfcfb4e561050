/**
 * The catalog grid's row model: columns of an entity and windows of rows straight from SQLite, so
 * the renderer only ever holds what is on screen. Every query filters `record` with one WHERE built
 * here and pages with LIMIT/OFFSET; the count uses the same WHERE.
 *
 * Search uses the full-text index (migration 005, catalog/search-index.ts): every word of the query
 * as a prefix. Records changed since the background indexer last ran are matched by a substring scan
 * of their text columns instead, so a search right after an edit or a sync still finds them; a query
 * without word characters ("-", "%") is a substring scan only.
 */
import type Database from 'better-sqlite3';
import type { ConnectionKind, GridColumn, GridRow, GridWindow, RecordState } from '../../shared/domain';
import { rulesFor } from '../../shared/field-rules';
import type { FieldType } from '../../shared/field-rules';
import { StewardError } from '../../shared/errors';
import { diffPaths, getPath, parsePath } from '../sync/json-path';
import { DOC, fieldExpr, fieldIndexOf, fieldIndexOptions, requestFieldIndexes } from './field-index';
import { changesByIndexer, ftsQuery } from './search-index';
import type { JsonObject } from '../sync/json-path';

const SAMPLE_SIZE = 200;
/** Types whose text a person would search for. */
const SEARCHABLE: ReadonlySet<FieldType> = new Set(['string', 'code', 'gtin', 'email', 'enum', 'url']);
const MAX_SEARCH_COLUMNS = 8;

export interface RowQuery {
  connectionId: string;
  entity: string;
  offset: number;
  limit: number;
  paths?: string[] | undefined;
  sort?: { path: string; dir: 'asc' | 'desc' } | undefined;
  filters?: { path: string; op: 'contains' | 'equals'; value: string }[] | undefined;
  state?: RecordState[] | undefined;
  search?: string | undefined;
}

function connectionKind(sqlite: Database.Database, connectionId: string): ConnectionKind {
  const row = sqlite.prepare(`SELECT kind FROM connection WHERE id = ?`).get(connectionId) as
    { kind: ConnectionKind } | undefined;
  if (!row) throw new StewardError('not_found', `No connection "${connectionId}". Pick one from the list.`);
  return row.kind;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/;

function inferType(values: unknown[]): FieldType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'string';
  if (present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.every((v) => Number.isInteger(v))) return 'integer';
  if (present.every((v) => typeof v === 'number')) return 'float';
  if (present.every((v) => typeof v === 'string' && DATE.test(v))) return 'date';
  if (present.every((v) => typeof v === 'string' && DATETIME.test(v))) return 'datetime';
  if (present.some((v) => Array.isArray(v))) return 'list';
  if (present.some((v) => typeof v === 'object')) return 'object';
  return 'string';
}

function label(path: string): string {
  const text = path.replace(/[_.]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Columns: the rule fields first (their order is the remote's), then the other top-level keys seen. */
export function getColumns(sqlite: Database.Database, connectionId: string, entity: string): GridColumn[] {
  const rules = rulesFor(connectionKind(sqlite, connectionId), entity);
  const docs = (
    sqlite
      .prepare(
        `SELECT ${DOC} AS doc FROM record WHERE connection_id = ? AND entity = ? AND ${DOC} IS NOT NULL ORDER BY id LIMIT ?`,
      )
      .all(connectionId, entity, SAMPLE_SIZE) as { doc: string }[]
  ).map((r) => JSON.parse(r.doc) as JsonObject);
  const seen = new Map<string, unknown[]>();
  for (const doc of docs) {
    for (const [key, value] of Object.entries(doc)) {
      const list = seen.get(key) ?? [];
      list.push(value);
      seen.set(key, list);
    }
  }
  const keys = [...Object.keys(rules?.fields ?? {}), ...seen.keys()];
  return [...new Set(keys)].map((path) => {
    const rule = rules?.fields[path];
    const type = rule?.type ?? inferType(seen.get(path) ?? []);
    return {
      path,
      label: label(path),
      type,
      readonly: rule?.readonly ?? false,
      ...(rule?.values ? { values: [...rule.values] } : {}),
    };
  });
}

/** `a.b` to the JSON path `$."a"."b"`, quoting every key so dots and odd characters stay literal. */
export function jsonPath(path: string): string {
  return `$${parsePath(path)
    .map((s) => `."${s.replace(/"/g, '\\"')}"`)
    .join('')}`;
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** What a typed "equals" value may be stored as: the text, a number, a boolean (1/0). */
export function equalsCandidates(value: string): (string | number)[] {
  const out: (string | number)[] = [value];
  if (NUMBER.test(value.trim())) out.push(Number(value.trim()));
  if (value === 'true') out.push(1);
  if (value === 'false') out.push(0);
  return out;
}

/** Suggestions a filter offers: at most this many distinct values. */
export const MAX_FIELD_VALUES = 200;

/**
 * The distinct values of a field as text (numbers and booleans as json_extract gives them: 1/0),
 * numbers first, at most MAX_FIELD_VALUES; objects and lists are left out. Reads the field's index when
 * it has one (the expression is its first column), else every record of the entity.
 */
export function fieldValues(
  sqlite: Database.Database,
  connectionId: string,
  entity: string,
  jsonPathText: string,
): string[] {
  const field = fieldExpr(jsonPathText);
  // The bare expression, so the field's index (expression first) answers alone, in order: 84 ms
  // at a million records, where CAST(... AS TEXT) read every record (0.9 s).
  const values = sqlite
    .prepare(
      `SELECT DISTINCT ${field.sql} AS v FROM record
       WHERE ${field.sql} IS NOT NULL AND connection_id = ? AND entity = ?
       ORDER BY 1 LIMIT ?`,
    )
    .pluck()
    .all(...field.args, ...field.args, connectionId, entity, MAX_FIELD_VALUES + 1) as (string | number)[];
  // Objects and lists come back as JSON text: not something to pick from a list.
  // 12 and "12" are two values to SQLite, one to a person typing.
  return [...new Set(values.map(String))]
    .filter((v) => !/^[[{]/.test(v) || !isJsonContainer(v))
    .slice(0, MAX_FIELD_VALUES);
}

function isJsonContainer(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null;
  } catch {
    return false;
  }
}

const likeEscape = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereClause(sqlite: Database.Database, q: RowQuery, columns: () => GridColumn[]): Plan['where'] {
  let indexScan = false;
  const parts = ['connection_id = ?', 'entity = ?'];
  const args: unknown[] = [q.connectionId, q.entity];
  if (q.state && q.state.length > 0) {
    // Saying "not clean" too lets SQLite use the partial index record_state (edited, new,
    // conflicted and deleted records are few): 240 ms → 1 ms over a million records.
    const notClean = !q.state.includes('clean') ? ` AND state <> 'clean'` : '';
    parts.push(`state IN (${q.state.map(() => '?').join(', ')})${notClean}`);
    args.push(...q.state);
  }
  for (const f of q.filters ?? []) {
    const path = jsonPath(f.path);
    const field = fieldExpr(path);
    if (f.op === 'equals') {
      // The value as typed matches text, and numbers and booleans (1/0 from json_extract) too, so
      // an index on the field is searched for each candidate.
      const candidates = equalsCandidates(f.value);
      parts.push(`${field.sql} IN (${candidates.map(() => '?').join(', ')})`);
      args.push(...field.args, ...candidates);
    } else {
      // Booleans come back from json_extract as 1/0; let people type true/false.
      const value = f.value === 'true' ? '1' : f.value === 'false' ? '0' : f.value;
      const like = `CAST(${field.sql} AS TEXT) LIKE ? ESCAPE '\\'`;
      const index = field.args.length === 0 ? fieldIndexOf(sqlite, path) : null;
      if (index) {
        indexScan = true;
        // The field's index holds every value: scanning it reads ~30 bytes a record, not the document.
        parts.push(
          `id IN (SELECT rowid FROM record INDEXED BY ${index} WHERE connection_id = ? AND entity = ? AND ${like})`,
        );
        args.push(q.connectionId, q.entity, likeEscape(value));
      } else {
        parts.push(like);
        args.push(...field.args, likeEscape(value));
      }
    }
  }
  const search = q.search?.trim();
  if (search) {
    const text = columns()
      .filter((c) => SEARCHABLE.has(c.type))
      .slice(0, MAX_SEARCH_COLUMNS);
    const ors = ["remote_id LIKE ? ESCAPE '\\'"];
    const likeArgs: unknown[] = [likeEscape(search)];
    for (const c of text) {
      ors.push(`json_extract(${DOC}, ?) LIKE ? ESCAPE '\\'`);
      likeArgs.push(jsonPath(c.path), likeEscape(search));
    }
    const match = ftsQuery(search);
    const like = `(${ors.join(' OR ')})`;
    if (match) {
      // Punctuation the tokenizer drops ("sku-0012", "100%") must still match as typed.
      const literal = /[^\p{L}\p{N}\s]/u.test(search);
      parts.push(
        // A waiting record's index entry may be stale: it is matched by the scan instead.
        `((id IN (SELECT rowid FROM record_search WHERE record_search MATCH ?) AND id NOT IN (SELECT record_id FROM search_dirty)${literal ? ` AND ${like}` : ''}) OR (id IN (SELECT record_id FROM search_dirty) AND ${like}))`,
      );
      args.push(match, ...(literal ? likeArgs : []), ...likeArgs);
    } else {
      parts.push(like);
      args.push(...likeArgs);
    }
  }
  return { sql: parts.join(' AND '), args, indexScan };
}

interface RawRow {
  id: number;
  remote_id: string | null;
  state: RecordState;
  base: string | null;
  local: string | null;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function extras(sqlite: Database.Database, ids: number[]) {
  const list = ids.join(',');
  const conflicts = sqlite
    .prepare(`SELECT record_id, path, mine, theirs FROM conflict WHERE record_id IN (${list}) ORDER BY path`)
    .all() as { record_id: number; path: string; mine: string | null; theirs: string | null }[];
  const rejected = sqlite
    .prepare(`SELECT record_id, last_error FROM outbox WHERE record_id IN (${list}) AND state = 'rejected'`)
    .all() as { record_id: number; last_error: string | null }[];
  return { conflicts, rejected: new Map(rejected.map((r) => [r.record_id, r.last_error ?? 'Rejected'])) };
}

/**
 * The ids a query matches, in order, kept for the few latest queries until the database changes:
 * scrolling deep into a sorted or filtered million-row list then costs one lookup of 200 ids per
 * window instead of a sort and an OFFSET scan per window, and the count comes free. "Changed" is
 * `PRAGMA data_version` (other connections: the CLI) plus `total_changes()` (this one).
 */
const ID_CACHE_SIZE = 4;
interface IdList {
  version: string;
  ids: Int32Array | number[];
}
const idCaches = new WeakMap<Database.Database, Map<string, IdList>>();

function dbVersion(sqlite: Database.Database): string {
  const v = sqlite.prepare(`SELECT total_changes() AS c`).get() as { c: number };
  // The background search indexer changes no record: its writes do not make the lists stale.
  return `${String(sqlite.pragma('data_version', { simple: true }))}:${v.c - changesByIndexer(sqlite)}`;
}

/** Windows this close to the top are read directly (LIMIT/OFFSET) until the id list exists. */
const NEAR_TOP = 2000;

interface Plan {
  /** indexScan: a filter scans a field index whole (its count and first window cost a scan each). */
  where: { sql: string; args: unknown[]; indexScan: boolean };
  order: string;
  orderArgs: unknown[];
  key: string;
  /** JSON paths the query filters or sorts on (field-index.ts indexes them when it is slow). */
  fields: string[];
}

function planOf(sqlite: Database.Database, q: RowQuery, columns: () => GridColumn[]): Plan {
  const where = whereClause(sqlite, q, columns);
  const sort = q.sort ? fieldExpr(jsonPath(q.sort.path)) : null;
  const dir = q.sort?.dir === 'desc' ? 'DESC' : 'ASC';
  const order = sort ? `${sort.sql} ${dir}, id ${dir}` : 'id';
  const orderArgs = sort ? sort.args : [];
  const fields = [
    ...(q.filters ?? []).map((f) => jsonPath(f.path)),
    ...(q.sort ? [jsonPath(q.sort.path)] : []),
  ];
  return { where, order, orderArgs, key: JSON.stringify([where.sql, where.args, order, orderArgs]), fields };
}

/** Runs a query of the plan; when it was slow over document fields, asks for indexes on them. */
function timed<T>(sqlite: Database.Database, plan: Plan, run: () => T): T {
  if (plan.fields.length === 0) return run();
  const t0 = performance.now();
  const out = run();
  if (performance.now() - t0 > fieldIndexOptions.slowMs) requestFieldIndexes(sqlite, plan.fields);
  return out;
}

function cacheOf(sqlite: Database.Database): Map<string, IdList> {
  let cache = idCaches.get(sqlite);
  if (!cache) idCaches.set(sqlite, (cache = new Map()));
  return cache;
}

function cached(sqlite: Database.Database, key: string, version: string): IdList | undefined {
  const cache = cacheOf(sqlite);
  const hit = cache.get(key);
  if (!hit || hit.version !== version) return undefined;
  cache.delete(key);
  cache.set(key, hit);
  return hit;
}

/** Counts are a number each: many are kept, so going back to a recent query costs no recount. */
const COUNT_CACHE_SIZE = 64;

function remember(sqlite: Database.Database, key: string, entry: IdList): void {
  const cache = cacheOf(sqlite);
  cache.set(key, entry);
  const keys = [...cache.keys()];
  const lists = keys.filter((k) => !k.startsWith('count:'));
  const counts = keys.filter((k) => k.startsWith('count:'));
  for (const k of lists.slice(0, Math.max(0, lists.length - ID_CACHE_SIZE))) cache.delete(k);
  for (const k of counts.slice(0, Math.max(0, counts.length - COUNT_CACHE_SIZE))) cache.delete(k);
}

function matchingIds(sqlite: Database.Database, plan: Plan, version: string): Int32Array | number[] {
  const hit = cached(sqlite, plan.key, version);
  if (hit) return hit.ids;
  const ids = timed(
    sqlite,
    plan,
    () =>
      sqlite
        .prepare(`SELECT id FROM record WHERE ${plan.where.sql} ORDER BY ${plan.order}`)
        .pluck()
        .all(...plan.where.args, ...plan.orderArgs) as number[],
  );
  const list = ids.every((id) => id <= 0x7fffffff) ? Int32Array.from(ids) : ids;
  remember(sqlite, plan.key, { version, ids: list });
  return list;
}

/** The number of matches, kept like the id lists (an id list, when there is one, answers it). */
function matchCount(sqlite: Database.Database, plan: Plan, version: string): number {
  const list = cached(sqlite, plan.key, version);
  if (list) return list.ids.length;
  const key = `count:${plan.key}`;
  const hit = cached(sqlite, key, version);
  if (hit) return hit.ids[0] as number;
  const n = timed(
    sqlite,
    plan,
    () =>
      (
        sqlite
          .prepare(`SELECT count(*) AS n FROM record WHERE ${plan.where.sql}`)
          .get(...plan.where.args) as {
          n: number;
        }
      ).n,
  );
  remember(sqlite, key, { version, ids: [n] });
  return n;
}

/** The record ids of rows offset..offset+limit of a query (a grid selection), in the grid's order. */
export function queryIds(
  sqlite: Database.Database,
  q: RowQuery,
  columns: () => GridColumn[],
): { ids: number[]; total: number } {
  const plan = planOf(sqlite, q, columns);
  const ids = matchingIds(sqlite, plan, dbVersion(sqlite));
  return { ids: Array.from(ids.slice(q.offset, q.offset + q.limit)), total: ids.length };
}

/**
 * One window of rows. `columns` is only called when needed (search, or no paths given), so callers
 * can cache it per entity. The first windows of a new query are read directly, so the first rows
 * of a million-record catalog do not wait for its id list; the list is built when the user goes
 * deeper, and serves every window and the count from then on.
 */
export function queryRows(sqlite: Database.Database, q: RowQuery, columns: () => GridColumn[]): GridWindow {
  const plan = planOf(sqlite, q, columns);
  const version = dbVersion(sqlite);
  let total: number;
  let page: number[];
  // A search reads the full-text index: its id list costs about what its count does, and then
  // answers the count and every window, where the direct read would run the search twice (a word
  // in 100,000 of a million products: 210 ms, against 110 ms for the list).
  const searching = !!q.search?.trim();
  if (
    !cached(sqlite, plan.key, version) &&
    q.offset + q.limit <= NEAR_TOP &&
    !plan.where.indexScan &&
    !searching
  ) {
    total = matchCount(sqlite, plan, version);
    page = timed(
      sqlite,
      plan,
      () =>
        sqlite
          .prepare(`SELECT id FROM record WHERE ${plan.where.sql} ORDER BY ${plan.order} LIMIT ? OFFSET ?`)
          .pluck()
          .all(...plan.where.args, ...plan.orderArgs, q.limit, q.offset) as number[],
    );
  } else {
    const ids = matchingIds(sqlite, plan, version);
    total = ids.length;
    page = Array.from(ids.slice(q.offset, q.offset + q.limit));
  }
  if (page.length === 0) return { total, rows: [] };
  const byId = new Map(
    (
      sqlite
        .prepare(
          `SELECT id, remote_id, state, base, local FROM record WHERE id IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(page)) as RawRow[]
    ).map((r) => [r.id, r]),
  );
  const raw = page.map((id) => byId.get(id)).filter((r): r is RawRow => r !== undefined);
  const paths = q.paths ?? columns().map((c) => c.path);
  const { conflicts, rejected } = extras(
    sqlite,
    raw.map((r) => r.id),
  );
  const rows: GridRow[] = raw.map((r) => {
    const base = (parse(r.base) ?? {}) as JsonObject;
    const local = parse(r.local) as JsonObject | null;
    const doc = local ?? base;
    const cells: Record<string, unknown> = {};
    for (const path of paths) {
      const value = getPath(doc, path);
      if (value !== undefined) cells[path] = value;
    }
    const mine = conflicts.filter((c) => c.record_id === r.id);
    const reason = rejected.get(r.id);
    return {
      recordId: r.id,
      remoteId: r.remote_id,
      state: r.state,
      cells,
      dirtyPaths: local ? diffPaths(base, local) : [],
      conflictPaths: mine.map((c) => c.path),
      conflicts: mine.map((c) => ({ path: c.path, mine: parse(c.mine), theirs: parse(c.theirs) })),
      ...(reason !== undefined ? { rejected: reason } : {}),
    };
  });
  return { total, rows };
}
