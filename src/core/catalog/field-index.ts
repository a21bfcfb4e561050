/**
 * Indexes on document fields, made when they are needed (ADR 0004). A filter or sort on a JSON
 * field reads every document of the entity: ~0.55 s over a million records, however few match. So
 * the grid's field expressions name the path as a literal (`json_extract(coalesce(local, base),
 * '$."brand"')`), and the first such query that is slow asks for an expression index on (that
 * expression, connection_id, entity). SQLite then seeks equal values and reads sorted windows in
 * index order; "contains" scans the narrow index instead of the documents (rows.ts names it with
 * INDEXED BY: the planner does not choose an index scan for LIKE on its own). The expression comes
 * first so that queries without it never pick these indexes over the ones they use now (with
 * connection_id first, the planner took them for the search query and it went from 25 ms to 4 s).
 *
 * The index is built by a worker thread on its own connection (CREATE INDEX takes ~1.1 s a field at
 * a million records; core keeps answering meanwhile, WAL readers are not blocked, and writers wait
 * on the busy timeout). Each index costs a JSON extraction and a b-tree insert on every record
 * written, so only fields people actually filter or sort on get one, at most MAX_FIELD_INDEXES.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

export const DOC = 'coalesce(local, base)';
/** Each index slows every write of a record a little: past this many, none are added. */
export const MAX_FIELD_INDEXES = 4;
const PREFIX = 'record_field_';

/** Tunables (tests lower the threshold to index small catalogs). */
export const fieldIndexOptions = {
  /** A query over a field that took longer than this asks for an index on it. */
  slowMs: 120,
  /** An opened filter asks for an index when the entity has at least this many records. */
  prepareMinRecords: 50_000,
  /**
   * A pull that stores this many records in one run drops the field indexes until it ends, then
   * has them rebuilt: rebuilding costs ~1 s a field at a million records, keeping them up to date
   * through a full pull of changed records halved its speed (bench/RESULTS.md, mirror ingest).
   */
  suspendForPullOf: 20_000,
};

/** A JSON path as an SQL string literal, or null when it cannot be one safely. */
function literal(jsonPath: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(jsonPath)) return null;
  return `'${jsonPath.replace(/'/g, "''")}'`;
}

/**
 * The field's expression with its path as a literal (an index is only used for a query whose
 * expression is the same text), or with a parameter for paths that cannot be a literal.
 */
export function fieldExpr(jsonPath: string): { sql: string; args: unknown[] } {
  const lit = literal(jsonPath);
  return lit
    ? { sql: `json_extract(${DOC}, ${lit})`, args: [] }
    : { sql: `json_extract(${DOC}, ?)`, args: [jsonPath] };
}

export function fieldIndexName(jsonPath: string): string {
  return PREFIX + createHash('sha1').update(jsonPath).digest('hex').slice(0, 16);
}

/** The field indexes of the database: name → the path they index. */
export function listFieldIndexes(sqlite: Database.Database): Map<string, string> {
  const rows = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE '${PREFIX}%'`)
    .all() as { name: string; sql: string }[];
  const path = (sql: string) =>
    /json_extract\(coalesce\(local, base\), '((?:[^']|'')*)'\)/.exec(sql)?.[1]?.replace(/''/g, "'") ?? '';
  return new Map(rows.map((r) => [r.name, path(r.sql)]));
}

/** The worker: its own connection, one statement, then it ends. CommonJS, so it needs no bundling. */
// BEGIN IMMEDIATE takes the write lock first (waiting on the busy timeout): a CREATE INDEX that
// starts as a reader and then needs to write fails at once (SQLITE_BUSY_SNAPSHOT) when another
// connection committed in between, which is what core does all the time.
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
try {
  db.pragma('busy_timeout = 60000');
  db.exec('BEGIN IMMEDIATE');
  db.exec(workerData.sql);
  db.exec('COMMIT');
  parentPort.postMessage({ ok: true });
} catch (err) {
  parentPort.postMessage({ ok: false, message: String(err && err.message) });
} finally {
  db.close();
}
`;

interface Builder {
  building: Map<string, Promise<void>>;
  failed: Map<string, string>;
  /** Builds run one at a time (each takes a core's worth of CPU and the write lock). */
  queue: Promise<void>;
  /** The build running now: it holds the write lock until it ends. */
  current: Promise<void> | null;
}
const builders = new WeakMap<Database.Database, Builder>();

function builderOf(sqlite: Database.Database): Builder {
  let b = builders.get(sqlite);
  if (!b)
    builders.set(
      sqlite,
      (b = { building: new Map(), failed: new Map(), queue: Promise.resolve(), current: null }),
    );
  return b;
}

/** The statement that makes the index of a path (the expression must match fieldExpr's text). */
export function fieldIndexSql(jsonPath: string): string {
  const lit = literal(jsonPath);
  if (!lit) throw new Error(`No index for the path ${JSON.stringify(jsonPath)}.`);
  return `CREATE INDEX IF NOT EXISTS ${fieldIndexName(jsonPath)} ON record (json_extract(${DOC}, ${lit}), connection_id, entity)`;
}

/** Builds the index of one path in a worker thread (resolves when it exists or failed). */
function build(sqlite: Database.Database, jsonPath: string): Promise<void> {
  const sql = fieldIndexSql(jsonPath);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const b = builderOf(sqlite);
  const run = () => {
    const running = new Promise<void>((resolve) => {
      const worker = new Worker(WORKER_CODE, { eval: true, workerData: { file: sqlite.name, sql, driver } });
      worker.unref();
      let settled = false;
      const end = (failure: string | null) => {
        if (settled) return;
        settled = true;
        b.building.delete(jsonPath);
        // Not retried in this session: the query still works, only without the index.
        if (failure !== null) b.failed.set(jsonPath, failure);
        resolve();
      };
      worker.once('message', (m: { ok: boolean; message?: string }) =>
        end(m.ok ? null : (m.message ?? 'failed')),
      );
      worker.once('error', (err) => end(err.message));
      worker.once('exit', (code) => end(`the worker exited (${code})`));
    });
    b.current = running;
    void running.then(() => {
      if (b.current === running) b.current = null;
    });
    return running;
  };
  b.queue = b.queue.then(run);
  return b.queue;
}

/**
 * Asks for indexes on these JSON paths (a query over them was slow, or a filter on them was
 * opened). Paths already indexed, being built, failed before, or past MAX_FIELD_INDEXES are left
 * alone; in-memory databases get none. Returns the paths whose build started.
 */
export function requestFieldIndexes(sqlite: Database.Database, jsonPaths: string[]): string[] {
  if (sqlite.memory || sqlite.readonly) return [];
  const b = builderOf(sqlite);
  const started: string[] = [];
  let existing: Map<string, string> | undefined;
  for (const p of new Set(jsonPaths)) {
    if (b.building.has(p) || b.failed.has(p) || literal(p) === null) continue;
    existing ??= listFieldIndexes(sqlite);
    const name = fieldIndexName(p);
    if (existing.has(name) || existing.size + b.building.size >= MAX_FIELD_INDEXES) continue;
    b.building.set(p, build(sqlite, p));
    started.push(p);
  }
  return started;
}

const known = new WeakMap<Database.Database, { schema: number; byPath: Map<string, string> }>();

/** The field index on this JSON path, if there is one (looked up again when the schema changes). */
export function fieldIndexOf(sqlite: Database.Database, jsonPath: string): string | null {
  const schema = sqlite.pragma('schema_version', { simple: true }) as number;
  let k = known.get(sqlite);
  if (!k || k.schema !== schema) {
    const byPath = new Map([...listFieldIndexes(sqlite)].map(([name, path]) => [path, name]));
    known.set(sqlite, (k = { schema, byPath }));
  }
  return k.byPath.get(jsonPath) ?? null;
}

/** Why the index of a path could not be built in this session, if it could not. */
export function fieldIndexFailure(sqlite: Database.Database, jsonPath: string): string | null {
  return builderOf(sqlite).failed.get(jsonPath) ?? null;
}

/** `$."a"."b"` back to the grid's `a.b`. */
export function fieldOfJsonPath(jsonPath: string): string {
  return [...jsonPath.matchAll(/\."((?:[^"\\]|\\.)*)"/g)]
    .map((m) => (m[1] as string).replace(/\\"/g, '"'))
    .join('.');
}

export interface FieldIndexState {
  field: string;
  jsonPath: string;
  state: 'ready' | 'building' | 'failed';
  message?: string;
}

/** Every field index: made, being built, or failed in this session (for the Settings screen). */
export function fieldIndexStates(sqlite: Database.Database): FieldIndexState[] {
  const b = builderOf(sqlite);
  const out: FieldIndexState[] = [];
  for (const p of listFieldIndexes(sqlite).values())
    out.push({ field: fieldOfJsonPath(p), jsonPath: p, state: 'ready' });
  for (const p of b.building.keys())
    if (!out.some((o) => o.jsonPath === p))
      out.push({ field: fieldOfJsonPath(p), jsonPath: p, state: 'building' });
  for (const [p, message] of b.failed)
    if (!out.some((o) => o.jsonPath === p))
      out.push({ field: fieldOfJsonPath(p), jsonPath: p, state: 'failed', message });
  return out.sort((x, y) => x.field.localeCompare(y.field));
}

/** Drops the index of a field; a slow filter or an opened filter on it may make it again later. */
export function dropFieldIndex(sqlite: Database.Database, jsonPath: string): boolean {
  const name = [...listFieldIndexes(sqlite)].find(([, p]) => p === jsonPath)?.[0];
  builderOf(sqlite).failed.delete(jsonPath);
  if (!name) return false;
  sqlite.exec(`DROP INDEX IF EXISTS ${name}`);
  return true;
}

/** Where suspended field indexes are remembered, so an app stopped in the middle of a pull rebuilds them. */
const SUSPENDED_KEY = 'catalog.fieldIndexesSuspended';

function suspendedPaths(sqlite: Database.Database): string[] {
  const row = sqlite.prepare(`SELECT value FROM setting WHERE key = ?`).pluck().get(SUSPENDED_KEY) as
    string | undefined;
  try {
    const v: unknown = row === undefined ? [] : JSON.parse(row);
    return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/** Drops every field index and remembers their paths for `restoreFieldIndexes`. Returns the paths. */
export function suspendFieldIndexes(sqlite: Database.Database): string[] {
  const indexes = listFieldIndexes(sqlite);
  if (indexes.size === 0) return [];
  const paths = [...indexes.values()];
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(
        SUSPENDED_KEY,
        JSON.stringify([...new Set([...suspendedPaths(sqlite), ...paths])]),
        new Date().toISOString(),
      );
    for (const name of indexes.keys()) sqlite.exec(`DROP INDEX IF EXISTS ${name}`);
  })();
  return paths;
}

/**
 * Has the suspended field indexes rebuilt in the background (after a large pull, or at start when
 * the app stopped during one). Returns the paths asked for.
 */
export function restoreFieldIndexes(sqlite: Database.Database): string[] {
  const paths = suspendedPaths(sqlite);
  if (paths.length === 0) return [];
  sqlite.prepare(`DELETE FROM setting WHERE key = ?`).run(SUSPENDED_KEY);
  return requestFieldIndexes(sqlite, paths);
}

/**
 * Resolves when the index build running now, if any, has ended. A record write started during a
 * build waits for the build's write lock inside SQLite (busy_timeout: 5 s), and that wait holds
 * core's thread, so every read, scroll and search of the app stalls with it (~1 s a field at 1M
 * records); at ~5M records a build outlasts the timeout and the edit fails with "busy". Core's
 * record-writing channels await this first (handlers.ts), so only the edit waits.
 */
export function fieldIndexBuildEnded(sqlite: Database.Database): Promise<void> {
  return builders.get(sqlite)?.current ?? Promise.resolve();
}

/** Resolves when the indexes being built are done (tests, benchmarks, shutdown). */
export async function fieldIndexesIdle(sqlite: Database.Database): Promise<void> {
  const b = builderOf(sqlite);
  while (b.building.size > 0) await Promise.all(b.building.values());
}
