/**
 * One poll of one job: ask the remote, map its answer (status-model.ts), store the result with the
 * time of the next poll, publish. A failed poll keeps the job open and backs off (schedule.ts); a
 * remote that no longer knows the job ends it as failed. Stuck detection runs either way.
 */
import { requireMethod } from '../connectors/types';
import type { RemoteJobStatus } from '../connectors/types';
import type { TrackerContext } from './context';
import { findJob, readDetails, updateJob } from './job-store';
import type { JobRow } from './job-store';
import { endJob, publish } from './publish';
import { classifyPollError, nextPollDelay } from './schedule';
import type { JobDetails } from './schema';
import { isFinal, observe, stuckMessage } from './status-model';

export const UNCONFIRMED =
  'PIM Steward stopped before the remote confirmed this job, so it cannot be followed. Check the remote, then import again.';

const inMs = (at: Date, ms: number): string => new Date(at.getTime() + ms).toISOString();

function seconds(ms: number): string {
  return ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(1, Math.round(ms / 1000))} s`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The row as it is now, or undefined when it was ended meanwhile (cancelled while the poll was out). */
async function stillOpen(ctx: TrackerContext, id: number): Promise<JobRow | undefined> {
  const row = await findJob(ctx.db, id);
  return row && !isFinal(row.status) ? row : undefined;
}

async function applyAnswer(
  ctx: TrackerContext,
  row: JobRow,
  remote: RemoteJobStatus,
  at: Date,
  stuckMs: number,
): Promise<void> {
  const details = readDetails(row.details);
  const obs = observe(
    {
      status: row.status,
      stage: row.stage,
      percent: row.percent,
      message: row.message,
      lastProgressAt: row.last_progress_at,
      details,
    },
    remote,
    at,
    stuckMs,
    details,
  );
  const quietPolls = obs.moved ? 0 : details.quietPolls + 1;
  const next: JobDetails = {
    ...obs.details,
    polls: details.polls + 1,
    quietPolls,
    failedPolls: 0,
    lastPollError: null,
  };
  const age = at.getTime() - Date.parse(row.created_at);
  const delay =
    obs.status === 'stuck' ? ctx.timing.quietMaxMs : nextPollDelay(ctx.timing, obs.moved, quietPolls, age);
  const written = await updateJob(
    ctx.db,
    row.id,
    {
      stage: obs.stage,
      status: obs.status,
      percent: obs.percent,
      message: obs.message,
      details: next,
      lastProgressAt: obs.lastProgressAt,
      nextPollAt: obs.finished ? null : inMs(at, delay),
      ...(obs.finished ? { finishedAt: at.toISOString() } : {}),
    },
    { onlyOpen: true },
  );
  if (!written) return;
  if (obs.becameStuck) ctx.log('warn', `import job ${row.id} is stuck at ${obs.stage}`);
  const progressed = obs.moved || obs.status !== row.status || obs.message !== row.message;
  // A poll that saw nothing new is not news: no event, no activity write.
  if (progressed || obs.finished) {
    await publish(ctx, row.id, { progressed, finished: obs.finished, becameStuck: obs.becameStuck });
  }
}

async function recordFailure(
  ctx: TrackerContext,
  row: JobRow,
  err: unknown,
  at: Date,
  stuckMs: number,
): Promise<void> {
  const details = readDetails(row.details);
  const failedPolls = details.failedPolls + 1;
  const failure = classifyPollError(err, failedPolls, ctx.timing);
  ctx.log('warn', `polling import job ${row.id} failed: ${errorText(err)}`);
  if (failure.kind === 'gone') {
    await endJob(
      ctx,
      row,
      'failed',
      `The remote no longer knows this job (${row.remote_id}): it may have been deleted there. PIM Steward stopped following it.`,
    );
    return;
  }
  if (failure.kind === 'auth') ctx.forgetConnector(row.connection_id);
  const problem = `Checking the job failed: ${errorText(err)} Next check in ${seconds(failure.delayMs)}.`;
  const stuck = at.getTime() - Date.parse(row.last_progress_at) >= stuckMs;
  const status = stuck ? 'stuck' : row.status;
  const written = await updateJob(
    ctx.db,
    row.id,
    {
      status,
      message: stuck
        ? `${stuckMessage(row.stage, Math.round(stuckMs / 60_000), row.last_progress_at)} ${problem}`
        : problem,
      details: { ...details, polls: details.polls + 1, failedPolls, lastPollError: errorText(err) },
      nextPollAt: inMs(at, failure.delayMs),
    },
    { onlyOpen: true },
  );
  if (!written) return;
  await publish(ctx, row.id, { progressed: true, becameStuck: status === 'stuck' && row.status !== 'stuck' });
}

/** Polls `row` once; never throws for a remote failure (that is stored on the job). */
export async function pollJob(ctx: TrackerContext, row: JobRow, stuckMs: number): Promise<void> {
  if (row.remote_id === null) {
    await endJob(ctx, row, 'failed', UNCONFIRMED);
    return;
  }
  let remote: RemoteJobStatus;
  try {
    const connector = await ctx.connectorOf(row.connection_id);
    remote = await requireMethod(connector, 'importStatus')(row.remote_id, ctx.signal);
  } catch (err) {
    // Closing: the job stays as it was and is polled again after the next start.
    if (ctx.signal.aborted) return;
    const fresh = await stillOpen(ctx, row.id);
    if (fresh) await recordFailure(ctx, fresh, err, ctx.now(), stuckMs);
    return;
  }
  // Times count from the answer, so a slow request does not make the next poll due at once.
  const fresh = await stillOpen(ctx, row.id);
  if (fresh) await applyAnswer(ctx, fresh, remote, ctx.now(), stuckMs);
}
