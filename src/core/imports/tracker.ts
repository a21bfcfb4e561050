/**
 * The remote import job tracker: uploads files to the importers (Wizart, Broadleaf) and runs ETIM
 * synchronization triggers, stores every job in `import_job`, and follows each one to its end in
 * one background loop that polls whatever is due (poll-job.ts), sleeps until the next job is due
 * on the injected clock, and wakes early when a job is added. Every bit of state lives in the row,
 * so `resume()` after a restart carries on where the last run stopped.
 */
import type { Connection } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import { requireConnection } from '../connections/service';
import { requireMethod } from '../connectors/types';
import type { Connector, RemoteJobStatus } from '../connectors/types';
import type { Store } from '../db/open';
import type { Clock } from '../net/clock';
import { getSettings } from '../settings';
import type { Follower, TrackerContext, TrackerEmit, TrackerLog } from './context';
import { buildImportRequest, fileInfo } from './files';
import type { ImportFilesInput } from './files';
import { findJob, nextDueAt, openJobs, requireJob, toDetail, toSummary, updateJob } from './job-store';
import { endJob, settleFollowers } from './publish';
import { UNCONFIRMED, pollJob } from './poll-job';
import { DEFAULT_TIMING } from './schedule';
import type { PollTiming } from './schedule';
import { JobDetails } from './schema';
import type { ImportJobDetail, ImportJobSummary } from './schema';
import { isFinal } from './status-model';
import { runLoop } from './loop';
import { submitJob } from './submit';

export interface ImportTrackerDeps {
  store: Store;
  /** Times stored on jobs, and the "now" that next polls and stuck detection are measured from. */
  now: () => Date;
  /** Waits between polls (and Retry-After pauses); tests move it instead of waiting. */
  clock: Clock;
  emit: TrackerEmit;
  /** A live connector for a stored connection (connectors/registry.ts connectorFor with core's deps). */
  connectorFor: (conn: Connection) => Promise<Connector>;
  log?: TrackerLog;
  timing?: Partial<PollTiming>;
}

export interface FollowOptions {
  /** Every change of the job while it is followed, the final one included. */
  onUpdate?: (job: ImportJobSummary) => void;
  /** Stops waiting (the job itself is still followed by the tracker). */
  signal?: AbortSignal;
}

export interface ImportTracker {
  start(connection: string, input: ImportFilesInput): Promise<ImportJobSummary>;
  runSynchronization(connection: string, triggerId: string): Promise<ImportJobSummary>;
  /** One pass over due jobs (or every open one with `all`); returns how many were polled. */
  poll(opts?: { all?: boolean; connectionId?: string }): Promise<number>;
  /** Picks up every unfinished job from the table and starts the loop; returns how many. */
  resume(): Promise<number>;
  /** Resolves with the job once it is final (succeeded, warning, failed or cancelled). */
  follow(jobId: number, opts?: FollowOptions): Promise<ImportJobDetail>;
  cancel(jobId: number): Promise<ImportJobSummary>;
  getJob(jobId: number): Promise<ImportJobDetail>;
  close(): Promise<void>;
}

const CANCEL_MESSAGE =
  'No longer followed in PIM Steward. The remote has no way to cancel an import, so it may still finish there; check it in the remote system.';

export function createImportTracker(deps: ImportTrackerDeps): ImportTracker {
  const { db } = deps.store;
  const closing = new AbortController();
  const connectors = new Map<string, Promise<Connector>>();
  const inFlight = new Map<number, Promise<void>>();
  let loop: Promise<void> | null = null;
  let wake = new AbortController();

  const ctx: TrackerContext = {
    db,
    now: deps.now,
    timing: { ...DEFAULT_TIMING, ...deps.timing },
    emit: deps.emit,
    log: deps.log ?? (() => undefined),
    signal: closing.signal,
    connectorOf(connectionId) {
      let c = connectors.get(connectionId);
      if (!c) {
        c = requireConnection(db, connectionId).then((conn) => deps.connectorFor(conn));
        // A failed build (missing secret) is not cached: the next poll tries again.
        c.catch(() => connectors.delete(connectionId));
        connectors.set(connectionId, c);
      }
      return c;
    },
    forgetConnector: (connectionId) => void connectors.delete(connectionId),
    followers: new Map(),
  };

  const rejectFollowers = (err: unknown) => {
    for (const set of ctx.followers.values()) for (const f of set) f.reject(err);
    ctx.followers.clear();
  };

  function ensureLoop(): void {
    if (loop || closing.signal.aborted) return;
    loop = runLoop({
      closing: closing.signal,
      wakeSignal: () => wake.signal,
      rearm: () => {
        if (wake.signal.aborted) wake = new AbortController();
      },
      poll: () => poll(),
      nextDueAt: () => nextDueAt(db),
      // Followers are never left waiting on a job another tracker ended: look again now and then.
      maxWaitMs: () => (ctx.followers.size > 0 ? ctx.timing.quietMaxMs : null),
      now: deps.now,
      clock: deps.clock,
    })
      .catch((err: unknown) => {
        // A loop that cannot go on must not leave anyone waiting forever.
        ctx.log('error', `the import tracker stopped: ${String(err)}`);
        rejectFollowers(err);
      })
      .finally(() => {
        loop = null;
      });
  }

  function wakeLoop(): void {
    wake.abort();
    ensureLoop();
  }

  async function poll(opts: { all?: boolean; connectionId?: string } = {}): Promise<number> {
    const stuckMs = (await getSettings(db)).stuckJobMinutes * 60_000;
    const rows = await openJobs(db, {
      ...(opts.all ? {} : { dueBy: deps.now().toISOString() }),
      ...(opts.connectionId ? { connectionId: opts.connectionId } : {}),
    });
    const runs = rows.map((row) => {
      // One poll per job at a time: a second caller waits for the one already out.
      const running = inFlight.get(row.id);
      if (running) return running;
      const p = pollJob(ctx, row, stuckMs).finally(() => inFlight.delete(row.id));
      inFlight.set(row.id, p);
      return p;
    });
    await Promise.all(runs);
    await settleEndedElsewhere();
    return rows.length;
  }

  /**
   * Another tracker on the same data folder (the desktop app while `steward import --follow` runs)
   * may have ended a job this one's followers wait for: they learn it from the row.
   */
  async function settleEndedElsewhere(): Promise<void> {
    for (const jobId of [...ctx.followers.keys()]) {
      const row = await findJob(db, jobId);
      if (row && isFinal(row.status)) settleFollowers(ctx, row, toSummary(row));
      if (!row) {
        // Its connection was removed (the jobs go with it).
        for (const f of ctx.followers.get(jobId) ?? [])
          f.reject(new StewardError('not_found', `Import job ${jobId} was removed.`));
        ctx.followers.delete(jobId);
      }
    }
  }

  async function submit(
    conn: Connection,
    fileName: string,
    details: JobDetails,
    send: (signal: AbortSignal) => Promise<RemoteJobStatus>,
  ): Promise<ImportJobSummary> {
    const job = await submitJob(ctx, deps.clock, { conn, fileName, details, send });
    if (!isFinal(job.status)) wakeLoop();
    return job;
  }

  async function follow(jobId: number, opts: FollowOptions = {}): Promise<ImportJobDetail> {
    const row = await requireJob(db, jobId);
    if (isFinal(row.status)) return toDetail(row);
    ensureLoop();
    const done = new Promise<ImportJobDetail>((resolve, reject) => {
      const set = ctx.followers.get(jobId) ?? new Set<Follower>();
      const follower: Follower = { resolve, reject, ...(opts.onUpdate ? { onUpdate: opts.onUpdate } : {}) };
      set.add(follower);
      ctx.followers.set(jobId, set);
      opts.signal?.addEventListener(
        'abort',
        () => {
          set.delete(follower);
          if (set.size === 0 && ctx.followers.get(jobId) === set) ctx.followers.delete(jobId);
          reject(opts.signal?.reason);
        },
        { once: true },
      );
    });
    // It may have ended between the read above and registering.
    const again = await requireJob(db, jobId);
    if (isFinal(again.status)) settleFollowers(ctx, again);
    return done;
  }

  async function start(connection: string, input: ImportFilesInput): Promise<ImportJobSummary> {
    const conn = await requireConnection(db, connection);
    const connector = await ctx.connectorOf(conn.id);
    const importFile = requireMethod(connector, 'importFile');
    const request = await buildImportRequest(connector.capabilities, input);
    const data = request.files.find((f) => f.role === 'data') ?? request.files[0];
    const details = JobDetails.parse({
      kind: 'import',
      entity: request.entity,
      files: fileInfo(request.files),
      options: request.options ?? {},
    });
    return submit(conn, data?.name ?? 'import', details, (signal) => importFile(request, signal));
  }

  async function runSynchronization(connection: string, triggerId: string): Promise<ImportJobSummary> {
    const conn = await requireConnection(db, connection);
    const run = requireMethod(await ctx.connectorOf(conn.id), 'runSynchronization');
    const trigger = triggerId.trim();
    if (trigger === '') throw new StewardError('invalid_input', 'Name the synchronization trigger to run.');
    const details = JobDetails.parse({ kind: 'synchronization', entity: trigger });
    return submit(conn, `synchronization ${trigger}`, details, (signal) => run(trigger, signal));
  }

  async function resume(): Promise<number> {
    const open = await openJobs(db);
    const at = deps.now().toISOString();
    let followed = 0;
    for (const row of open) {
      if (row.remote_id === null) {
        await endJob(ctx, row, 'failed', UNCONFIRMED);
      } else {
        if (row.next_poll_at === null) await updateJob(db, row.id, { nextPollAt: at });
        followed++;
      }
    }
    ensureLoop();
    return followed;
  }

  async function cancel(jobId: number): Promise<ImportJobSummary> {
    const row = await requireJob(db, jobId);
    if (isFinal(row.status)) return toSummary(row);
    return endJob(ctx, row, 'cancelled', CANCEL_MESSAGE);
  }

  async function close(): Promise<void> {
    if (!closing.signal.aborted) closing.abort(new StewardError('unavailable', 'The import tracker closed.'));
    await loop;
    await Promise.allSettled([...inFlight.values()]);
    rejectFollowers(
      new StewardError(
        'unavailable',
        'Stopped following: PIM Steward is closing. Unfinished jobs are followed again after the next start.',
      ),
    );
  }

  return {
    start,
    runSynchronization,
    poll,
    resume,
    follow,
    cancel,
    getJob: async (jobId) => toDetail(await requireJob(db, jobId)),
    close,
  };
}
