/**
 * What a running push tells the shells: `push:progress` (at most four times a second, and at the
 * end), the activity row (once a second), `records:changed` for the grid, and the status bar. All
 * throttled so that reporting never costs the queue a slot of the remote's 5 requests/s.
 */
import type { Kysely } from 'kysely';
import type { Emit } from '../../shared/contract';
import { updateActivity } from '../activity';
import type { DB } from '../db/schema';
import type { RunStats } from './context';
import type { BatchInfo, PushProgress } from './types';

const PROGRESS_MS = 250;
const ACTIVITY_MS = 1000;
const RECORD_IDS_MAX = 1000;

export interface ReporterDeps {
  connectionId: string;
  db: Kysely<DB>;
  activityId: number;
  now: () => Date;
  stats: RunStats;
  pending: () => number;
  emit?: Emit;
  onProgress?: (p: PushProgress) => void;
  onBatch?: (info: BatchInfo) => void;
  onChanged?: () => void;
  log: (level: 'warn', msg: string) => void;
}

export function createReporter(d: ReporterDeps) {
  const started = performance.now();
  let lastProgress = 0;
  let lastActivity = 0;
  let entity: string | null = null;
  const touched = new Set<number>();

  function snapshot(state: PushProgress['state']): PushProgress {
    const done = d.stats.sent + d.stats.rejected;
    const pending = d.pending();
    const seconds = Math.max((performance.now() - started) / 1000, 0.001);
    const rate = done / seconds;
    return {
      connectionId: d.connectionId,
      entity,
      done,
      total: done + pending,
      sent: d.stats.sent,
      rejected: d.stats.rejected,
      batches: d.stats.batches,
      rate,
      etaSeconds: state === 'running' && rate > 0 ? pending / rate : state === 'done' ? 0 : null,
      lastError: d.stats.lastError,
      state,
    };
  }

  function flushRecords(): void {
    if (touched.size === 0 || !d.emit) return touched.clear();
    const ids = [...touched];
    touched.clear();
    d.emit('records:changed', { recordIds: ids.slice(0, RECORD_IDS_MAX), all: ids.length > RECORD_IDS_MAX });
  }

  function activity(patch: Parameters<typeof updateActivity>[2]): Promise<void> {
    return updateActivity(d.db, d.activityId, patch, d.now).then(
      (entry) => d.emit?.('activity:updated', entry),
      (err: unknown) => d.log('warn', `push activity update failed: ${String(err)}`),
    );
  }

  function report(state: PushProgress['state'], force: boolean): void {
    const t = performance.now();
    if (!force && t - lastProgress < PROGRESS_MS) return;
    lastProgress = t;
    const p = snapshot(state);
    d.onProgress?.(p);
    flushRecords();
    if (t - lastActivity >= ACTIVITY_MS) {
      lastActivity = t;
      void activity({ done: p.done, total: p.total, message: `${p.sent} sent, ${p.rejected} rejected` });
      d.onChanged?.();
    }
  }

  return {
    batch(e: string, info: BatchInfo): void {
      entity = e;
      d.onBatch?.(info);
      report('running', false);
    },
    waiting: () => report('waiting', true),
    touched(ids: readonly number[]): void {
      for (const id of ids) touched.add(id);
    },
    async finish(
      state: PushProgress['state'],
      status: 'succeeded' | 'failed' | 'cancelled',
      message: string | null,
    ): Promise<void> {
      const p = snapshot(state);
      d.onProgress?.(p);
      flushRecords();
      await activity({ status, done: p.done, total: p.total, message });
      d.onChanged?.();
    },
  };
}

export type Reporter = ReturnType<typeof createReporter>;
