/**
 * After a job row changed: tell every shell (`job:updated`), keep its activity row in step, raise
 * the notices the UI turns into notifications (`job:finished` for succeeded, warning and failed;
 * `job:stuck`), and settle whoever is following the job.
 */
import type { ActivityEntry } from '../../shared/domain';
import { startActivity, updateActivity } from '../activity';
import type { TrackerContext } from './context';
import { readDetails, requireJob, toDetail, toSummary, updateJob } from './job-store';
import type { JobRow } from './job-store';
import type { ImportJobSummary, JobDetails } from './schema';
import { isFinal, stageLabel } from './status-model';

export interface Change {
  /** Stage, percent or status changed: worth an activity update. */
  progressed?: boolean;
  finished?: boolean;
  becameStuck?: boolean;
}

const ACTIVITY_STATUS: Record<JobRow['status'], ActivityEntry['status']> = {
  running: 'running',
  stuck: 'running',
  // The import went through; the message says what was skipped.
  succeeded: 'succeeded',
  warning: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

export function jobTitle(job: Pick<ImportJobSummary, 'kind' | 'entity' | 'fileName'>, conn: string): string {
  return job.kind === 'synchronization'
    ? `ETIM synchronization ${job.entity} on ${conn}`
    : `Import ${job.fileName} to ${conn}`;
}

const OUTCOME: Record<string, string> = {
  succeeded: 'succeeded',
  warning: 'finished with warnings',
  failed: 'failed',
  stuck: 'is stuck',
};

export function noticeTitle(job: ImportJobSummary): string {
  const what = job.kind === 'synchronization' ? `Synchronization ${job.entity}` : `Import of ${job.fileName}`;
  return `${what} ${OUTCOME[job.status] ?? job.status}`;
}

/** Creates the job's activity row (kind import); its id goes into the job's details. */
export async function openActivity(
  ctx: TrackerContext,
  connectionId: string,
  title: string,
): Promise<number> {
  return startActivity(ctx.db, { kind: 'import', connectionId, title, total: 100 }, ctx.now);
}

async function syncActivity(ctx: TrackerContext, row: JobRow, details: JobDetails): Promise<void> {
  if (details.activityId === null) return;
  const entry = await updateActivity(
    ctx.db,
    details.activityId,
    {
      done: Math.round(row.percent ?? 0),
      message: row.message ? `${stageLabel(row.stage)}: ${row.message}` : stageLabel(row.stage),
      status: ACTIVITY_STATUS[row.status],
    },
    ctx.now,
  );
  ctx.emit('activity:updated', entry);
}

export async function publish(ctx: TrackerContext, jobId: number, change: Change): Promise<ImportJobSummary> {
  const row = await requireJob(ctx.db, jobId);
  const details = readDetails(row.details);
  const summary = toSummary(row, details);
  ctx.emit('job:updated', summary);
  if (change.progressed || change.finished || change.becameStuck) await syncActivity(ctx, row, details);
  const notice = { job: summary, title: noticeTitle(summary), message: row.message ?? '' };
  if (change.finished && row.status !== 'cancelled') ctx.emit('job:finished', notice);
  if (change.becameStuck) ctx.emit('job:stuck', notice);
  settleFollowers(ctx, row, summary);
  return summary;
}

/** Tells the job's followers about `row` (with `summary`), and resolves them once it is final. */
export function settleFollowers(ctx: TrackerContext, row: JobRow, summary?: ImportJobSummary): void {
  const followers = ctx.followers.get(row.id);
  if (!followers) return;
  const detail = isFinal(row.status) ? toDetail(row) : undefined;
  for (const f of followers) {
    try {
      if (summary) f.onUpdate?.(summary);
    } catch (err) {
      ctx.log('warn', `an import job listener failed: ${String(err)}`);
    }
    if (detail) f.resolve(detail);
  }
  if (detail) ctx.followers.delete(row.id);
}

/** Ends a job locally (cancelled, or failed for a reason the remote did not give). */
export async function endJob(
  ctx: TrackerContext,
  row: JobRow,
  status: 'cancelled' | 'failed',
  message: string,
): Promise<ImportJobSummary> {
  const at = ctx.now().toISOString();
  const details = readDetails(row.details);
  const written = await updateJob(
    ctx.db,
    row.id,
    {
      status,
      message,
      nextPollAt: null,
      finishedAt: at,
      details: {
        ...details,
        history: [...details.history, { stage: row.stage, status, percent: row.percent, at }],
      },
    },
    { onlyOpen: true },
  );
  // It ended on its own meanwhile: that outcome stands.
  if (!written) return toSummary(await requireJob(ctx.db, row.id));
  return publish(ctx, row.id, { finished: true });
}
