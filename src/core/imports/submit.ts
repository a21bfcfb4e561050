/**
 * Sending a job to the remote: the upload (or the ETIM trigger), retried only when the server
 * refused it before acting, then the job row with the remote's first answer. A refused upload
 * still becomes a job (failed, with the server's reason) so the list shows what happened; a
 * mistake in the request itself is thrown to the caller and leaves no job.
 */
import type { Connection } from '../../shared/domain';
import { updateActivity } from '../activity';
import type { RemoteJobStatus } from '../connectors/types';
import { isHttpError } from '../net/http-error';
import type { Clock } from '../net/clock';
import type { TrackerContext } from './context';
import { insertJob } from './job-store';
import { sendWithRetry } from './loop';
import { jobTitle, openActivity, publish } from './publish';
import type { ImportJobSummary, JobDetails } from './schema';
import { observe } from './status-model';

export interface Submission {
  conn: Connection;
  fileName: string;
  details: JobDetails;
  send: (signal: AbortSignal) => Promise<RemoteJobStatus>;
}

async function refused(ctx: TrackerContext, s: Submission, err: unknown): Promise<ImportJobSummary> {
  const message = err instanceof Error ? err.message : String(err);
  const { activityId } = s.details;
  if (!isHttpError(err) || ctx.signal.aborted) {
    if (activityId !== null) {
      const entry = await updateActivity(ctx.db, activityId, { status: 'failed', message }, ctx.now);
      ctx.emit('activity:updated', entry);
    }
    throw err;
  }
  const sync = s.details.kind === 'synchronization';
  const id = await insertJob(ctx.db, {
    connectionId: s.conn.id,
    system: s.conn.kind,
    remoteId: null,
    fileName: s.fileName,
    stage: sync ? 'starting' : 'uploading',
    status: 'failed',
    percent: null,
    message: `The remote refused the ${sync ? 'synchronization' : 'upload'}: ${message}`,
    details: { ...s.details, lastPollError: message },
    at: ctx.now().toISOString(),
    nextPollAt: null,
  });
  return publish(ctx, id, { finished: true });
}

export async function submitJob(ctx: TrackerContext, clock: Clock, s: Submission): Promise<ImportJobSummary> {
  const title = jobTitle(
    { kind: s.details.kind, entity: s.details.entity, fileName: s.fileName },
    s.conn.name,
  );
  const details: JobDetails = { ...s.details, activityId: await openActivity(ctx, s.conn.id, title) };
  let remote: RemoteJobStatus;
  try {
    remote = await sendWithRetry(s.send, ctx.timing, clock, ctx.signal);
  } catch (err) {
    return refused(ctx, { ...s, details }, err);
  }
  const at = ctx.now();
  // The first answer is never "stuck": there is nothing to compare it with.
  const obs = observe(null, remote, at, Infinity, details);
  const id = await insertJob(ctx.db, {
    connectionId: s.conn.id,
    system: s.conn.kind,
    remoteId: remote.remoteId,
    fileName: s.fileName,
    stage: obs.stage,
    status: obs.status,
    percent: obs.percent,
    message: obs.message,
    details: obs.details,
    at: at.toISOString(),
    nextPollAt: new Date(at.getTime() + ctx.timing.fastMs).toISOString(),
  });
  return publish(ctx, id, { progressed: true, finished: obs.finished });
}
