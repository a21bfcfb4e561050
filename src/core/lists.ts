/** List read models behind the Changes, Conflicts, Import and Activity areas. */
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type {
  ActivityEntry,
  ConflictField,
  ImportJob,
  OutboxItem,
  ValidationRunSummary,
} from '../shared/domain';
import type { DB } from './db/schema';

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export async function listChanges(
  db: Kysely<DB>,
  connectionId: string | undefined,
  limit: number,
): Promise<OutboxItem[]> {
  let q = db
    .selectFrom('outbox')
    .innerJoin('record', 'record.id', 'outbox.record_id')
    .select([
      'outbox.id',
      'outbox.connection_id',
      'record.entity',
      'record.remote_id',
      'outbox.record_id',
      'outbox.op',
      'outbox.state',
      'outbox.attempts',
      'outbox.next_attempt_at',
      'outbox.last_error',
      'outbox.updated_at',
    ])
    .orderBy('outbox.id', 'desc')
    .limit(limit);
  if (connectionId) q = q.where('outbox.connection_id', '=', connectionId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    connectionId: r.connection_id,
    entity: r.entity,
    remoteId: r.remote_id,
    recordId: r.record_id,
    op: r.op,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    updatedAt: r.updated_at,
  }));
}

export async function listConflicts(
  db: Kysely<DB>,
  connectionId: string | undefined,
  limit: number,
): Promise<ConflictField[]> {
  let q = db
    .selectFrom('conflict')
    .innerJoin('record', 'record.id', 'conflict.record_id')
    .select([
      'conflict.record_id',
      'record.connection_id',
      'record.entity',
      'record.remote_id',
      'conflict.path',
      'conflict.base',
      'conflict.mine',
      'conflict.theirs',
      'conflict.detected_at',
    ])
    .orderBy('conflict.detected_at', 'desc')
    .limit(limit);
  if (connectionId) q = q.where('record.connection_id', '=', connectionId);
  const rows = await q.execute();
  return rows.map((r) => ({
    recordId: r.record_id,
    connectionId: r.connection_id,
    entity: r.entity,
    remoteId: r.remote_id ?? '',
    path: r.path,
    base: parseJson(r.base),
    mine: parseJson(r.mine),
    theirs: parseJson(r.theirs),
    detectedAt: r.detected_at,
  }));
}

export async function listImportJobs(db: Kysely<DB>, connectionId: string | undefined): Promise<ImportJob[]> {
  let q = db.selectFrom('import_job').selectAll().orderBy('id', 'desc').limit(200);
  if (connectionId) q = q.where('connection_id', '=', connectionId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    connectionId: r.connection_id,
    system: r.system,
    remoteId: r.remote_id,
    fileName: r.file_name,
    stage: r.stage,
    status: r.status,
    percent: r.percent,
    message: r.message,
    createdAt: r.created_at,
    lastProgressAt: r.last_progress_at,
    finishedAt: r.finished_at,
  }));
}

export async function listValidationRuns(db: Kysely<DB>): Promise<ValidationRunSummary[]> {
  const rows = await db.selectFrom('validation_run').selectAll().orderBy('id', 'desc').limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    // The name only: paths stay in core.
    fileName: basename(r.file_name),
    template: r.template,
    connectionId: r.connection_id,
    status: r.status,
    rows: r.rows,
    errors: r.errors,
    warnings: r.warnings,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  }));
}

export async function listActivity(db: Kysely<DB>, limit: number): Promise<ActivityEntry[]> {
  const rows = await db.selectFrom('activity').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    connectionId: r.connection_id,
    title: r.title,
    status: r.status,
    done: r.done,
    total: r.total,
    message: r.message,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }));
}
