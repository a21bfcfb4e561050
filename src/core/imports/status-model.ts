/**
 * One status model for every remote job: a RemoteJobStatus (Wizart stages, Broadleaf
 * percentComplete and recordValidation, ETIM synchronization progress; connectors/*) applied to the
 * stored job gives its status, stage, percent and message, whether it moved, and whether it just got
 * stuck or came back. Pure: the tracker does the I/O.
 */
import type { RemoteJobIssue, RemoteJobStatus } from '../connectors/types';
import type { ImportIssue, JobDetails, JobStatus, StageChange } from './schema';

/** More than Broadleaf's 10,000 reported record errors would only bloat every row read. */
export const MAX_ISSUES = 10_000;
const MAX_HISTORY = 100;

export const FINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'warning', 'failed', 'cancelled'];
export const isFinal = (s: JobStatus): boolean => FINAL_STATUSES.includes(s);

/** The stored job as the model needs it. */
export interface JobView {
  status: JobStatus;
  stage: string;
  percent: number | null;
  message: string | null;
  lastProgressAt: string;
  details: JobDetails;
}

export interface Observation {
  status: JobStatus;
  stage: string;
  percent: number | null;
  message: string | null;
  lastProgressAt: string;
  details: JobDetails;
  /** Stage or percent changed. */
  moved: boolean;
  finished: boolean;
  becameStuck: boolean;
  recovered: boolean;
}

const clamp = (n: number): number => Math.min(100, Math.max(0, Math.round(n * 10) / 10));

export function issueCounts(issues: readonly ImportIssue[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const i of issues) if (i.severity === 'error') errors++;
  return { errors, warnings: issues.length - errors };
}

function keepIssues(issues: readonly RemoteJobIssue[]): { issues: ImportIssue[]; dropped: number } {
  const kept = issues.slice(0, MAX_ISSUES).map((i) => ({
    severity: i.severity,
    message: i.message,
    ...(i.row !== undefined && Number.isInteger(i.row) && i.row > 0 ? { row: i.row } : {}),
    ...(i.column !== undefined ? { column: i.column } : {}),
    ...(i.value !== undefined ? { value: i.value } : {}),
  }));
  return { issues: kept, dropped: Math.max(0, issues.length - MAX_ISSUES) };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const DEFAULT_FINAL: Record<'succeeded' | 'warning' | 'failed', string> = {
  succeeded: 'Finished.',
  warning: 'Finished with warnings.',
  failed: 'The remote reported that the job failed.',
};

/** The message of a finished job: the remote's words, then how many issues it listed. */
export function finalMessage(
  remote: RemoteJobStatus,
  issues: readonly ImportIssue[],
  dropped: number,
): string {
  const state = remote.state === 'running' ? 'succeeded' : remote.state;
  const base = remote.message?.trim() || DEFAULT_FINAL[state];
  const counts = issueCounts(issues);
  // Issues past MAX_ISSUES are of the kind the outcome lists.
  const errors = counts.errors + (remote.state === 'warning' ? 0 : dropped);
  const warnings = counts.warnings + (remote.state === 'warning' ? dropped : 0);
  const parts = [
    ...(errors > 0 ? [plural(errors, 'error')] : []),
    ...(warnings > 0 ? [plural(warnings, 'warning')] : []),
  ];
  // ETIM's one issue repeats its message: no point in counting it.
  if (parts.length === 0 || (issues.length === 1 && issues[0]?.message === base)) return base;
  return `${base} (${parts.join(', ')}; see the job's issues.)`;
}

/** ETIM's running `info` is just "52.65%": the percent says that already. */
function runningMessage(remote: RemoteJobStatus): string | null {
  const m = remote.message?.trim();
  if (!m || /^\d+(?:\.\d+)?\s*%$/.test(m)) return null;
  return m;
}

export function stuckMessage(stage: string, minutes: number, lastProgressAt: string): string {
  return (
    `No progress for ${plural(minutes, 'minute')} (still at "${stage}" since ${lastProgressAt}). ` +
    'PIM Steward keeps checking; if it does not move, look at the job in the remote system.'
  );
}

function pushHistory(history: readonly StageChange[], change: StageChange): StageChange[] {
  const last = history.at(-1);
  if (last && last.stage === change.stage && last.status === change.status) return [...history];
  const next = [...history, change];
  // Keep the first entry (the start) and the most recent ones.
  return next.length > MAX_HISTORY ? [next[0]!, ...next.slice(next.length - MAX_HISTORY + 1)] : next;
}

function finalStatus(remote: RemoteJobStatus): JobStatus | undefined {
  return remote.state === 'running' ? undefined : remote.state;
}

/**
 * Applies one remote answer observed at `at`. `prev` is null for the answer to the upload itself.
 * A job is stuck when neither its stage nor its percent changed for `stuckMs`.
 */
export function observe(
  prev: JobView | null,
  remote: RemoteJobStatus,
  at: Date,
  stuckMs: number,
  details: JobDetails,
): Observation {
  const iso = at.toISOString();
  const prevPercent = prev?.percent ?? null;
  const percent = remote.percent === null ? prevPercent : clamp(remote.percent);
  const moved = prev === null || remote.stage !== prev.stage || percent !== prevPercent;
  const lastProgressAt = moved ? iso : prev.lastProgressAt;
  const { issues, dropped } = keepIssues(remote.issues);
  const final = finalStatus(remote);
  let status: JobStatus;
  let message: string | null;
  if (final) {
    status = final;
    message = finalMessage(remote, issues, dropped);
  } else if (!moved && at.getTime() - Date.parse(lastProgressAt) >= stuckMs) {
    status = 'stuck';
    message = stuckMessage(remote.stage, Math.round(stuckMs / 60_000), lastProgressAt);
  } else {
    status = 'running';
    message = runningMessage(remote);
  }
  const wasStuck = prev?.status === 'stuck';
  const next: JobDetails = {
    ...details,
    remote: {
      stage: remote.stage,
      state: remote.state,
      percent: remote.percent,
      message: remote.message,
      ...(remote.total !== undefined ? { total: remote.total } : {}),
      ...(remote.updatedAt !== undefined ? { updatedAt: remote.updatedAt } : {}),
    },
    issues,
    issuesDropped: dropped,
    history: pushHistory(details.history, { stage: remote.stage, status, percent, at: iso }),
  };
  return {
    status,
    stage: remote.stage,
    percent: final === 'succeeded' || final === 'warning' ? 100 : percent,
    message,
    lastProgressAt,
    details: next,
    moved,
    finished: final !== undefined,
    becameStuck: status === 'stuck' && !wasStuck,
    recovered: wasStuck && status !== 'stuck',
  };
}

/** Words for the remote's stage codes, for the CLI and notifications; unknown ones as they are. */
const STAGE_WORDS: Record<string, string> = {
  uploading_files: 'Uploading files',
  validating_csv: 'Validating the CSV',
  unpacking_archive: 'Unpacking the archive',
  checking_images: 'Checking images',
  waiting_queue: 'Waiting in the queue',
  importing_data: 'Importing data',
  success: 'Success',
  warning: 'Finished with warnings',
  failure: 'Failed',
  START_REQUESTED: 'Queued',
  IN_PROCESS: 'Importing',
  COMPLETED: 'Completed',
  ERROR: 'Failed',
  'in progress': 'Synchronizing',
  done: 'Done',
  error: 'Failed',
};

export function stageLabel(stage: string): string {
  return STAGE_WORDS[stage] ?? stage;
}
