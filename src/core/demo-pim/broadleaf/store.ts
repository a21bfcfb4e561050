/**
 * Broadleaf simulator tables (prefixed bl_) and the scenario hooks the admin API and tests call.
 */
import type Database from 'better-sqlite3';
import type { ImportType } from './specs';

const DDL = `
CREATE TABLE IF NOT EXISTS bl_import (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  import_type TEXT NOT NULL,
  specification TEXT NOT NULL,
  params TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER,
  total_records INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  stuck_percent REAL NOT NULL DEFAULT 0,
  details TEXT NOT NULL,
  records TEXT NOT NULL,
  applied INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS bl_record (
  import_type TEXT NOT NULL,
  record_key TEXT NOT NULL,
  data TEXT NOT NULL,
  status_id INTEGER NOT NULL,
  PRIMARY KEY (import_type, record_key)
);
CREATE TABLE IF NOT EXISTS bl_config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bl_rejection (record_key TEXT PRIMARY KEY, message TEXT NOT NULL);
`;

const ready = new WeakSet<Database.Database>();

export function ensureBroadleafTables(db: Database.Database): void {
  if (ready.has(db)) return;
  // One transaction: a commit per statement would cost a sync each on a real disk.
  db.transaction(() => db.exec(DDL))();
  ready.add(db);
}

function readConfig<T>(db: Database.Database, key: string): T | undefined {
  ensureBroadleafTables(db);
  const row = db.prepare('SELECT value FROM bl_config WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

function writeConfig(db: Database.Database, key: string, value: unknown): void {
  ensureBroadleafTables(db);
  if (value === undefined) db.prepare('DELETE FROM bl_config WHERE key = ?').run(key);
  else
    db.prepare('INSERT OR REPLACE INTO bl_config (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
}

export interface BroadleafTiming {
  /** Multiplies every duration. Default 1. */
  timeScale?: number;
  /** Time an import waits in START_REQUESTED. Default 1000 ms. */
  startDelayMs?: number;
  /** IN_PROCESS time per record. Default 10 ms. */
  perRecordMs?: number;
  /** Shortest IN_PROCESS phase. Default 1000 ms. */
  minProcessMs?: number;
}

export function setBroadleafTiming(db: Database.Database, timing: BroadleafTiming | undefined): void {
  writeConfig(db, 'timing', timing);
}

export function broadleafTiming(db: Database.Database): Required<BroadleafTiming> {
  const t = readConfig<BroadleafTiming>(db, 'timing') ?? {};
  return {
    timeScale: t.timeScale ?? 1,
    startDelayMs: t.startDelayMs ?? 1000,
    perRecordMs: t.perRecordMs ?? 10,
    minProcessMs: t.minProcessMs ?? 1000,
  };
}

export type BroadleafForcedOutcome =
  /** The next import ends in the error document with this message and no validation errors. */
  | { outcome: 'error'; message?: string }
  /** The next import stays IN_PROCESS at `percent` (default 0) forever. */
  | { outcome: 'stuck'; percent?: number };

/** Forces the outcome of the next import only; undefined clears a pending one. */
export function forceBroadleafNextImport(
  db: Database.Database,
  forced: BroadleafForcedOutcome | undefined,
): void {
  writeConfig(db, 'force-next', forced);
}

export function takeForcedOutcome(db: Database.Database): BroadleafForcedOutcome | undefined {
  const forced = readConfig<BroadleafForcedOutcome>(db, 'force-next');
  if (forced) writeConfig(db, 'force-next', undefined);
  return forced;
}

/**
 * Every later import reports a record error with `message` for the record whose key column
 * (SKU Number, Category Id, Email Address, Customer Id, Order Number) equals `key`.
 */
export function addBroadleafRecordRejection(db: Database.Database, key: string, message: string): void {
  ensureBroadleafTables(db);
  db.prepare('INSERT OR REPLACE INTO bl_rejection (record_key, message) VALUES (?, ?)').run(key, message);
}

export function clearBroadleafRecordRejections(db: Database.Database): void {
  ensureBroadleafTables(db);
  db.prepare('DELETE FROM bl_rejection').run();
}

export function recordRejection(db: Database.Database, key: string): string | undefined {
  const row = db.prepare('SELECT message FROM bl_rejection WHERE record_key = ?').get(key) as
    { message: string } | undefined;
  return row?.message;
}

export interface BroadleafRecord {
  importType: ImportType;
  key: string;
  statusId: number;
  data: Record<string, string>;
}

/** Records of completed imports (applied when the system next sees a request). */
export function listBroadleafRecords(db: Database.Database, importType?: ImportType): BroadleafRecord[] {
  ensureBroadleafTables(db);
  const rows = db
    .prepare(
      `SELECT import_type, record_key, status_id, data FROM bl_record
       WHERE ? IS NULL OR import_type = ? ORDER BY import_type, rowid`,
    )
    .all(importType ?? null, importType ?? null) as {
    import_type: ImportType;
    record_key: string;
    status_id: number;
    data: string;
  }[];
  return rows.map((r) => ({
    importType: r.import_type,
    key: r.record_key,
    statusId: r.status_id,
    data: JSON.parse(r.data) as Record<string, string>,
  }));
}
