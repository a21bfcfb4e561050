/**
 * steward import | jobs: upload a file to a remote importer (Wizart, Broadleaf) and optionally
 * follow the job to its end; list the jobs. Exit codes: 0 accepted / succeeded, 1 warning or
 * failure (the remote's issues are printed), 2 usage.
 */
import { resolve } from 'node:path';
import type { Core } from '../../core';
import { defaultSecretStore } from '../../core';
import { requireConnection } from '../../core/connections/service';
import { connectorFor } from '../../core/connectors/registry';
import { createImportTracker, stageLabel } from '../../core/imports';
import type { ImportJobDetail, ImportJobSummary, ImportTracker } from '../../core/imports';
import { openJobs, toSummary } from '../../core/imports/job-store';
import { systemClock } from '../../core/net/clock';
import { keyValues, positional, str } from '../args';
import type { Values } from '../args';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io';
import type { CliIo } from '../io';

export interface ImportCommandDeps {
  /** The tracker to use; default: core's (`core.imports`) or one made for this command. */
  tracker?: ImportTracker;
}

/** core.imports once core carries the tracker; until then one built on the same data folder. */
function trackerFor(
  core: Core,
  io: CliIo,
  deps: ImportCommandDeps,
): { tracker: ImportTracker; own: boolean } {
  const wired = deps.tracker ?? (core as Core & { imports?: ImportTracker }).imports;
  if (wired) return { tracker: wired, own: false };
  const secrets = defaultSecretStore(core.dataDir, io.env);
  const tracker = createImportTracker({
    store: core.store,
    now: () => new Date(),
    clock: systemClock,
    emit: () => undefined,
    connectorFor: (conn) => connectorFor(conn, { secrets, env: io.env }),
  });
  return { tracker, own: true };
}

const pct = (p: number | null): string => (p === null ? '–' : `${Math.round(p)}%`);

function progressLine(
  job: Pick<ImportJobSummary, 'id' | 'stage' | 'percent' | 'status' | 'message'>,
): string {
  const state = job.status === 'running' ? '' : ` [${job.status}]`;
  return `job ${job.id}: ${pct(job.percent)} ${stageLabel(job.stage)} (${job.stage})${state}${job.message ? ` ${job.message}` : ''}`;
}

function printIssues(io: CliIo, job: ImportJobDetail): void {
  for (const i of job.issues) {
    const where = [
      i.row !== undefined ? `row ${i.row}` : 'file',
      ...(i.column !== undefined ? [i.column] : []),
      ...(i.value !== undefined ? [JSON.stringify(i.value)] : []),
    ].join(', ');
    io.out(`  ${i.severity}: ${where}: ${i.message}`);
  }
  if (job.issuesDropped > 0) io.out(`  … and ${job.issuesDropped} more`);
}

const exitFor = (status: ImportJobSummary['status']): number =>
  status === 'succeeded' || status === 'running' || status === 'stuck' ? EXIT_OK : EXIT_FAILURE;

function printFinal(io: CliIo, job: ImportJobDetail, tty: boolean): void {
  // Off a TTY nothing was printed while it ran: the stage history goes out once, in order.
  if (!tty) for (const h of job.history) io.out(progressLine({ ...job, ...h, message: null }));
  io.out(`Job ${job.id} ${job.status}: ${job.message ?? ''}`.trimEnd());
  printIssues(io, job);
}

async function followJob(
  io: CliIo,
  tracker: ImportTracker,
  job: ImportJobSummary,
  json: boolean,
): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let lastStage = `${job.stage}/${job.status}`;
  const live = io.isTTY && !json;
  try {
    const done = await tracker.follow(job.id, {
      signal: controller.signal,
      onUpdate: (j) => {
        const key = `${j.stage}/${j.status}`;
        if (!live || key === lastStage) return;
        lastStage = key;
        io.err(progressLine(j));
      },
    });
    if (json) io.out(JSON.stringify(done, null, 2));
    else printFinal(io, done, live);
    return exitFor(done.status);
  } catch (err) {
    if (!controller.signal.aborted) throw err;
    io.err(`Stopped following job ${job.id}; the remote job goes on. \`steward jobs\` shows it.`);
    return EXIT_FAILURE;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export async function importCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
  deps: ImportCommandDeps = {},
): Promise<number> {
  const connection = positional(positionals, 0, 'connection');
  const file = positional(positionals, 1, 'file');
  if (positionals.length > 2)
    throw new UsageError('import takes one FILE; give the images with --images ZIP');
  const images = str(values, 'images');
  const type = str(values, 'type');
  const options = keyValues(values, 'option');
  const json = values.json === true;
  const { tracker, own } = trackerFor(core, io, deps);
  try {
    const job = await tracker.start(connection, {
      files: [{ path: resolve(file) }],
      ...(images ? { images: { path: resolve(images) } } : {}),
      ...(type ? { type } : {}),
      ...(Object.keys(options).length > 0 ? { options } : {}),
    });
    if (!json) {
      io.out(
        `Job ${job.id}: ${job.fileName} → ${connection} (${job.entity}), remote id ${job.remoteId ?? '–'}`,
      );
      if (io.isTTY || !values.follow) io.out(progressLine(job));
    }
    if (values.follow && job.status !== 'failed') return await followJob(io, tracker, job, json);
    if (json) io.out(JSON.stringify(values.follow ? await tracker.getJob(job.id) : job, null, 2));
    else if (job.status === 'failed') printIssues(io, await tracker.getJob(job.id));
    return exitFor(job.status);
  } finally {
    if (own) await tracker.close();
  }
}

function jobLine(j: ImportJobSummary, names: Map<string, string>): string {
  const issues = j.errors + j.warnings > 0 ? `  ${j.errors} errors, ${j.warnings} warnings` : '';
  return [
    String(j.id).padStart(4),
    j.status.padEnd(9),
    pct(j.percent).padStart(4),
    `${j.stage}`.padEnd(16),
    names.get(j.connectionId) ?? j.connectionId,
    j.fileName,
  ]
    .join('  ')
    .concat(issues);
}

/** Lists jobs, newest first; open ones are checked once first, since no app may be following them. */
export async function jobsCommand(
  core: Core,
  io: CliIo,
  values: Values,
  positionals: string[],
  deps: ImportCommandDeps = {},
): Promise<number> {
  const { db } = core.store;
  const connectionId = positionals[0] ? (await requireConnection(db, positionals[0])).id : undefined;
  if ((await openJobs(db, connectionId ? { connectionId } : {})).length > 0) {
    const { tracker, own } = trackerFor(core, io, deps);
    try {
      await tracker.poll({ all: true, ...(connectionId ? { connectionId } : {}) });
    } finally {
      if (own) await tracker.close();
    }
  }
  let q = db.selectFrom('import_job').selectAll().orderBy('id', 'desc').limit(200);
  if (connectionId) q = q.where('connection_id', '=', connectionId);
  const jobs = (await q.execute()).map((r) => toSummary(r));
  if (values.json) {
    io.out(JSON.stringify(jobs, null, 2));
    return EXIT_OK;
  }
  if (jobs.length === 0) {
    io.out('No import jobs.');
    return EXIT_OK;
  }
  const conns = await db.selectFrom('connection').select(['id', 'name']).execute();
  const names = new Map(conns.map((c) => [c.id, c.name]));
  for (const j of jobs) io.out(jobLine(j, names));
  return EXIT_OK;
}
