/**
 * Broadleaf ImportStatus records. Progress is computed on each poll from the elapsed `ctx.now()`:
 * START_REQUESTED, then IN_PROCESS with a growing percentComplete, then COMPLETED or the error
 * document (seeds/002_dd6ca172e7a2ab05.txt, "Response" examples). No timers.
 */
import type Database from 'better-sqlite3';
import { MESSAGES } from './specs';
import type { ImportType } from './specs';
import { broadleafTiming, ensureBroadleafTables } from './store';
import type { BroadleafForcedOutcome } from './store';
import type { FieldError } from './validate';

export interface ImportRow {
  id: number;
  import_type: ImportType;
  specification: string;
  params: string;
  created_ms: number;
  start_ms: number;
  end_ms: number | null;
  total_records: number;
  outcome: 'completed' | 'error' | 'stuck';
  stuck_percent: number;
  details: string;
  records: string;
  applied: number;
}

export interface Detail {
  type: string;
  description: string;
}

export interface NewImport {
  importType: ImportType;
  specification: string;
  params: Record<string, string>;
  totalRecords: number;
  /** Undefined when the file is valid. */
  errors?: { message: string; headerValidation: FieldError[]; recordValidation: FieldError[] };
  records: { key: string; data: Record<string, string> }[];
}

/** The seed's error details: status, message, then the two validations as JSON inside strings. */
export function errorDetails(message: string, header: FieldError[], records: FieldError[]): Detail[] {
  return [
    { type: 'status', description: 'error' },
    { type: 'message', description: message },
    { type: 'headerValidation', description: JSON.stringify(header) },
    { type: 'recordValidation', description: JSON.stringify(records) },
  ];
}

export function createImport(
  db: Database.Database,
  now: number,
  input: NewImport,
  forced: BroadleafForcedOutcome | undefined,
): number {
  ensureBroadleafTables(db);
  const t = broadleafTiming(db);
  const start = now + Math.round(t.startDelayMs * t.timeScale);
  const process = Math.round(Math.max(t.minProcessMs, input.totalRecords * t.perRecordMs) * t.timeScale);
  let outcome: ImportRow['outcome'] = input.errors ? 'error' : 'completed';
  let details: Detail[] = input.errors
    ? errorDetails(input.errors.message, input.errors.headerValidation, input.errors.recordValidation)
    : [];
  if (forced?.outcome === 'stuck') outcome = 'stuck';
  else if (forced?.outcome === 'error' && !input.errors) {
    outcome = 'error';
    details = errorDetails(forced.message ?? MESSAGES.fileError, [], []);
  }
  const info = db
    .prepare(
      `INSERT INTO bl_import (import_type, specification, params, created_ms, start_ms, end_ms, total_records,
         outcome, stuck_percent, details, records)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.importType,
      input.specification,
      JSON.stringify(input.params),
      now,
      start,
      outcome === 'stuck' ? null : start + process,
      input.totalRecords,
      outcome,
      forced?.outcome === 'stuck' ? (forced.percent ?? 0) : 0,
      JSON.stringify(details),
      JSON.stringify(outcome === 'completed' ? input.records : []),
    );
  return Number(info.lastInsertRowid);
}

export function getImport(db: Database.Database, id: number): ImportRow | undefined {
  ensureBroadleafTables(db);
  return db.prepare('SELECT * FROM bl_import WHERE id = ?').get(id) as ImportRow | undefined;
}

/** `yyyy.MM.dd HH:mm:ss` as in the seed's examples; the demo server runs on UTC. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '.');
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export type StatusView = 'scheduled' | 'poll';

/** The ImportStatus JSON at `now`; the POST answer (`scheduled`) has no createdDate, as in the seed. */
export function statusBody(row: ImportRow, now: number, statusUrl: string, view: StatusView): object {
  const base = (status: string, percent: number, lastUpdate: number) => ({
    status,
    ...(view === 'poll' ? { createdDate: formatDate(row.created_ms) } : {}),
    lastUpdateDate: formatDate(lastUpdate),
    totalRecords: row.total_records,
    percentComplete: round1(percent),
    statusId: row.id,
    statusUrl,
    details: [],
  });
  if (now < row.start_ms) return base('START_REQUESTED', 0, row.created_ms);
  if (row.outcome === 'stuck') return base('IN_PROCESS', row.stuck_percent, row.start_ms);
  const end = row.end_ms ?? row.start_ms;
  if (now < end) {
    // Never 100.0 before the status says COMPLETED.
    return base('IN_PROCESS', Math.min(99.9, ((now - row.start_ms) / (end - row.start_ms)) * 100), now);
  }
  if (row.outcome === 'completed') return base('COMPLETED', 100, end);
  // Exactly the seed's error document: no status field, totalRecords 0, the details.
  return { totalRecords: 0, details: JSON.parse(row.details) as Detail[] };
}

/** Jackson writes doubles with a decimal point: `0.0`, `50.0`. */
export function toJavaJson(body: object): string {
  return JSON.stringify(body).replace(/"percentComplete":(-?\d+)(?=[,}])/g, '"percentComplete":$1.0');
}

/** Applies the records of imports that have completed by `now`, once each. */
export function settleFinished(db: Database.Database, now: number): void {
  ensureBroadleafTables(db);
  const due = db
    .prepare(`SELECT * FROM bl_import WHERE applied = 0 AND outcome = 'completed' AND end_ms <= ?`)
    .all(now) as ImportRow[];
  if (due.length === 0) return;
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO bl_record (import_type, record_key, data, status_id) VALUES (?, ?, ?, ?)',
  );
  const mark = db.prepare('UPDATE bl_import SET applied = 1 WHERE id = ? AND applied = 0');
  db.transaction(() => {
    for (const row of due) {
      if (mark.run(row.id).changes === 0) continue;
      const records = JSON.parse(row.records) as NewImport['records'];
      // A record without a key value gets one of its own so it cannot overwrite another import's.
      records.forEach((r, i) =>
        upsert.run(row.import_type, r.key || `${row.id}:${i + 1}`, JSON.stringify(r.data), row.id),
      );
    }
  })();
}
