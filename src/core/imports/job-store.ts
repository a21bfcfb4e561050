/**
 * The `import_job` table (migrations/002-jobs.ts) as the tracker uses it: one row per remote job,
 * the remote id, the mapped status, and `details` JSON (schema.ts JobDetails) with the issues,
 * the stage history and the polling state, so that a restart resumes exactly where it stopped.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ConnectionKind } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import type { DB } from '../db/schema';
import type { ImportJobTable } from '../db/tables/jobs';
import { JobDetails } from './schema';
import type { ImportJobDetail, ImportJobSummary, JobStatus } from './schema';
import { issueCounts } from './status-model';

export type JobRow = Selectable<ImportJobTable>;

const OPEN: JobStatus[] = ['running', 'stuck'];

/** A details document that does not parse (hand-edited, or from a future version) reads as empty. */
export function readDetails(text: string): JobDetails {
  try {
    const parsed = JobDetails.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the defaults
  }
  return JobDetails.parse({});
}

export interface NewJob {
  connectionId: string;
  system: ConnectionKind;
  remoteId: string | null;
  fileName: string;
  stage: string;
  status: JobStatus;
  percent: number | null;
  message: string | null;
  details: JobDetails;
  at: string;
  nextPollAt: string | null;
}

export async function insertJob(db: Kysely<DB>, job: NewJob): Promise<number> {
  const final = job.status !== 'running' && job.status !== 'stuck';
  const row = await db
    .insertInto('import_job')
    .values({
      connection_id: job.connectionId,
      system: job.system,
      remote_id: job.remoteId,
      file_name: job.fileName,
      stage: job.stage,
      status: job.status,
      percent: job.percent,
      message: job.message,
      details: JSON.stringify(job.details),
      created_at: job.at,
      last_progress_at: job.at,
      next_poll_at: final ? null : job.nextPollAt,
      finished_at: final ? job.at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface JobPatch {
  stage?: string;
  status?: JobStatus;
  percent?: number | null;
  message?: string | null;
  details?: JobDetails;
  lastProgressAt?: string;
  nextPollAt?: string | null;
  finishedAt?: string | null;
}

/**
 * Writes `patch`; with `onlyOpen`, only while the job is still running or stuck, so a poll answer
 * that arrives after a cancel cannot reopen the job. Returns whether the row was written.
 */
export async function updateJob(
  db: Kysely<DB>,
  id: number,
  patch: JobPatch,
  opts: { onlyOpen?: boolean } = {},
): Promise<boolean> {
  let q = db
    .updateTable('import_job')
    .set({
      ...(patch.stage !== undefined ? { stage: patch.stage } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.percent !== undefined ? { percent: patch.percent } : {}),
      ...(patch.message !== undefined ? { message: patch.message } : {}),
      ...(patch.details !== undefined ? { details: JSON.stringify(patch.details) } : {}),
      ...(patch.lastProgressAt !== undefined ? { last_progress_at: patch.lastProgressAt } : {}),
      ...(patch.nextPollAt !== undefined ? { next_poll_at: patch.nextPollAt } : {}),
      ...(patch.finishedAt !== undefined ? { finished_at: patch.finishedAt } : {}),
    })
    .where('id', '=', id);
  if (opts.onlyOpen) q = q.where('status', 'in', OPEN);
  const result = await q.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findJob(db: Kysely<DB>, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function requireJob(db: Kysely<DB>, id: number): Promise<JobRow> {
  const row = await findJob(db, id);
  if (!row) throw new StewardError('not_found', `There is no import job ${id}.`);
  return row;
}

/** Running or stuck jobs, optionally only those due by `dueBy` or of one connection. */
export async function openJobs(
  db: Kysely<DB>,
  opts: { dueBy?: string; connectionId?: string } = {},
): Promise<JobRow[]> {
  let q = db.selectFrom('import_job').selectAll().where('status', 'in', OPEN).orderBy('id');
  if (opts.dueBy !== undefined) q = q.where('next_poll_at', '<=', opts.dueBy);
  if (opts.connectionId !== undefined) q = q.where('connection_id', '=', opts.connectionId);
  return q.execute();
}

/** The earliest `next_poll_at` of an open job, or null when nothing is waiting for a poll. */
export async function nextDueAt(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('import_job')
    .select((eb) => eb.fn.min('next_poll_at').as('due'))
    .where('status', 'in', OPEN)
    .executeTakeFirst();
  return (row?.due as string | null | undefined) ?? null;
}

/** Issues past the kept ones are of the kind the outcome lists (warnings for a warning). */
function countsOf(status: JobStatus, details: JobDetails): { errors: number; warnings: number } {
  const c = issueCounts(details.issues);
  if (status === 'warning') return { ...c, warnings: c.warnings + details.issuesDropped };
  return { ...c, errors: c.errors + details.issuesDropped };
}

export function toSummary(row: JobRow, details = readDetails(row.details)): ImportJobSummary {
  return {
    id: row.id,
    connectionId: row.connection_id,
    system: row.system,
    remoteId: row.remote_id,
    fileName: row.file_name,
    stage: row.stage,
    status: row.status,
    percent: row.percent,
    message: row.message,
    createdAt: row.created_at,
    lastProgressAt: row.last_progress_at,
    finishedAt: row.finished_at,
    kind: details.kind,
    entity: details.entity,
    ...countsOf(row.status, details),
    nextPollAt: row.next_poll_at,
  };
}

export function toDetail(row: JobRow): ImportJobDetail {
  const details = readDetails(row.details);
  const total = details.remote?.total;
  return {
    ...toSummary(row, details),
    total: total !== undefined && Number.isInteger(total) && total >= 0 ? total : null,
    files: details.files,
    options: details.options,
    issues: details.issues,
    issuesDropped: details.issuesDropped,
    history: details.history,
    lastPollError: details.lastPollError,
  };
}
