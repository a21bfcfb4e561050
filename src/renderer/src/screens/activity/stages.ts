/**
 * The stage timeline of a remote import job, as the renderer draws it. The stage codes are the
 * remotes' own (core/connectors/wizart/status.ts, broadleaf/status.ts, etim/jobs.ts, mapped by
 * core/imports/status-model.ts): Wizart walks six stages to success, warning or failure; Broadleaf
 * goes START_REQUESTED → IN_PROCESS (with percentComplete) → COMPLETED or an error; an ETIM
 * synchronization is "in progress" (with a percent) until done or error.
 */
import type { ConnectionKind } from '../../../../shared/domain';
import type { JobStatus, StageChange } from '../../../../shared/import-jobs';
import { formatTime, t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { elapsed } from './format';

const SEQUENCES: Partial<Record<ConnectionKind, readonly string[]>> = {
  wizart: [
    'uploading_files',
    'validating_csv',
    'unpacking_archive',
    'checking_images',
    'waiting_queue',
    'importing_data',
  ],
  broadleaf: ['START_REQUESTED', 'IN_PROCESS'],
  etim: ['in progress'],
};

/** Codes that say the job ended; they are drawn as the last step, never as a step of their own. */
const FINAL_CODES = new Set([
  'success',
  'warning',
  'failure',
  'COMPLETED',
  'ERROR',
  'FAILED',
  'FAILURE',
  'CANCELLED',
  'CANCELED',
  'ABORTED',
  'done',
  'error',
]);

export type StepState = 'done' | 'current' | 'stuck' | 'upcoming' | 'failed' | 'skipped' | 'warning';

export interface Step {
  key: string;
  label: string;
  state: StepState;
  /** When the job was first seen at this step. */
  at: string | null;
  /** The remote's percent while this is the current step (Broadleaf, ETIM). */
  percent: number | null;
}

const STAGE_KEYS: Record<string, MessageKey> = {
  uploading: 'activity.stage.uploading',
  starting: 'activity.stage.starting',
  uploading_files: 'activity.stage.uploading_files',
  validating_csv: 'activity.stage.validating_csv',
  unpacking_archive: 'activity.stage.unpacking_archive',
  checking_images: 'activity.stage.checking_images',
  waiting_queue: 'activity.stage.waiting_queue',
  importing_data: 'activity.stage.importing_data',
  START_REQUESTED: 'activity.stage.START_REQUESTED',
  IN_PROCESS: 'activity.stage.IN_PROCESS',
  'in progress': 'activity.stage.synchronizing',
  success: 'activity.stage.end.succeeded',
  warning: 'activity.stage.end.warning',
  failure: 'activity.stage.end.failed',
  COMPLETED: 'activity.stage.completed',
  ERROR: 'activity.stage.end.failed',
  done: 'activity.stage.done',
  error: 'activity.stage.end.failed',
};

export function stageLabel(stage: string): string {
  const key = STAGE_KEYS[stage];
  return key ? t(key) : stage.replace(/_/g, ' ');
}

/**
 * Why a stuck job is stuck, in words and local time (core's own message carries the stage code and
 * an ISO time, which suit a log better than a person).
 */
export function stuckText(job: { stage: string; lastProgressAt: string }, now = Date.now()): string {
  return t('activity.job.stuckBodyAt', {
    took: elapsed(job.lastProgressAt, null, now),
    stage: stageLabel(job.stage),
    since: formatTime(job.lastProgressAt),
  });
}

const END_KEYS: Record<JobStatus, MessageKey> = {
  running: 'activity.stage.end',
  stuck: 'activity.stage.end',
  succeeded: 'activity.stage.end.succeeded',
  warning: 'activity.stage.end.warning',
  failed: 'activity.stage.end.failed',
  cancelled: 'activity.stage.end.cancelled',
};

const END_STATE: Record<JobStatus, StepState> = {
  running: 'upcoming',
  stuck: 'upcoming',
  succeeded: 'done',
  warning: 'warning',
  failed: 'failed',
  cancelled: 'skipped',
};

function firstSeen(history: readonly StageChange[]): Map<string, StageChange> {
  const seen = new Map<string, StageChange>();
  for (const change of history) if (!seen.has(change.stage)) seen.set(change.stage, change);
  return seen;
}

/** The steps of a job from its system's known sequence, what it reached, and where it is now. */
export function jobSteps(
  job: {
    system: ConnectionKind;
    stage: string;
    status: JobStatus;
    percent: number | null;
    finishedAt: string | null;
  },
  history: readonly StageChange[],
): Step[] {
  const seen = firstSeen(history);
  const sequence = [...(SEQUENCES[job.system] ?? [])];
  // A stage the known sequence lacks goes right after the stage the job was at before it.
  let previous = -1;
  for (const stage of [...history.map((c) => c.stage), job.stage]) {
    if (FINAL_CODES.has(stage)) continue;
    let i = sequence.indexOf(stage);
    if (i < 0) {
      i = previous + 1;
      sequence.splice(i, 0, stage);
    }
    previous = i;
  }

  const finished = job.status !== 'running' && job.status !== 'stuck';
  const current = finished ? -1 : sequence.indexOf(job.stage);
  // The furthest stage the job got to: seen by a poll, or the one it stopped at.
  const reached = sequence.reduce(
    (last, stage, i) => (seen.has(stage) || stage === job.stage ? i : last),
    -1,
  );

  const steps: Step[] = sequence.map((stage, i) => {
    let state: StepState;
    if (!finished) {
      if (i < current) state = 'done';
      else if (i === current) state = job.status === 'stuck' ? 'stuck' : 'current';
      else state = 'upcoming';
    } else if (job.status === 'succeeded' || job.status === 'warning') {
      state = 'done';
    } else if (i === reached && job.status === 'failed') {
      state = 'failed';
    } else {
      state = i < reached ? 'done' : 'skipped';
    }
    const live = state === 'current' || state === 'stuck';
    return {
      key: stage,
      label: stageLabel(stage),
      state,
      at: seen.get(stage)?.at ?? null,
      percent: live ? job.percent : null,
    };
  });
  steps.push({
    key: 'end',
    label: t(END_KEYS[job.status]),
    state: END_STATE[job.status],
    at: finished ? job.finishedAt : null,
    percent: null,
  });
  return steps;
}
