/**
 * How a push run ends: the result the caller gets, the connection's status (online after a run that
 * got through; stopped, paused, offline or error with the sentence saying why), the pending rows
 * marked paused when the remote ran out of credit, and the final progress and activity entries.
 */
import type { Kysely } from 'kysely';
import type { Connection } from '../../shared/domain';
import { setConnectionStatus } from '../connections/service';
import type { DB } from '../db/schema';
import type { RunStats } from './context';
import { classify } from './failures';
import type { Reporter } from './progress';
import type { QueueRows } from './rows';
import type { PushRunResult } from './types';
import type { RunEnd } from './worker';

export interface FinishDeps {
  db: Kysely<DB>;
  rows: QueueRows;
  at: () => string;
}

export function summary(rows: QueueRows, stats: RunStats, conn: Connection): string {
  const pending = rows.pending(conn.id);
  const conflicts = rows.conflicts(conn.id);
  const parts = [`${stats.sent} sent`];
  if (stats.rejected) parts.push(`${stats.rejected} rejected (see Changes for the remote's reasons)`);
  if (conflicts) parts.push(`${conflicts} waiting for a conflict to be resolved`);
  if (pending - conflicts > 0) parts.push(`${pending - conflicts} still queued`);
  return `${conn.name}: ${parts.join(', ')}.`;
}

/** Gave up after failures in a row: offline for network trouble, else what the failure says. */
function failedStatus(err: unknown): Connection['status'] {
  const f = classify(err, false);
  return f.kind === 'stop' ? f.status : f.kind === 'retry' ? 'offline' : 'error';
}

export async function finishRun(
  d: FinishDeps,
  conn: Connection,
  reason: 'cancel' | 'pause' | 'close' | null,
  end: RunEnd,
  stats: RunStats,
  reporter: Reporter,
): Promise<PushRunResult> {
  const result: PushRunResult = {
    connectionId: conn.id,
    status: 'succeeded',
    sent: stats.sent,
    rejected: stats.rejected,
    pending: 0,
    conflicts: 0,
    batches: stats.batches,
    requests: stats.requests,
    message: null,
  };
  if (end.kind === 'done') {
    result.message = summary(d.rows, stats, conn);
    await setConnectionStatus(d.db, conn.id, 'online', null);
    await reporter.finish('done', 'succeeded', result.message);
  } else if (end.kind === 'abort') {
    result.status = reason === 'pause' ? 'paused' : 'cancelled';
    const what = reason === 'pause' ? 'Paused' : 'Cancelled';
    result.message = `${what}; ${summary(d.rows, stats, conn)} The queue continues from here.`;
    await reporter.finish(result.status, 'cancelled', result.message);
  } else {
    const failed = end.kind === 'failed' || end.kind === 'retry';
    result.status = failed ? 'failed' : end.kind === 'pause' ? 'paused' : 'stopped';
    result.message = `${end.message} ${summary(d.rows, stats, conn)}`;
    if (end.kind === 'pause') d.rows.pause(conn.id, d.at());
    const status =
      end.kind === 'stop' ? end.status : end.kind === 'pause' ? 'paused' : failedStatus(end.error);
    await setConnectionStatus(d.db, conn.id, status, end.message);
    await reporter.finish(result.status, 'failed', result.message);
  }
  result.pending = d.rows.pending(conn.id);
  result.conflicts = d.rows.conflicts(conn.id);
  return result;
}
