/**
 * Sends one batch: marks its rows 'sending' (durably, before the request leaves: a crash after this
 * point is recovered as "maybe delivered"), pushes, and applies the per-record results in one
 * transaction. Whole-request failures become retries, splits, a stopped or a paused connection.
 */
import { randomUUID } from 'node:crypto';
import { requireMethod } from '../connectors/types';
import type { PushError, PushOp, PushResult } from '../connectors/types';
import { withRelaxedSync } from '../db/open';
import type { SentOp } from './apply';
import { callRemote, capsOf, delayFor } from './context';
import type { BatchEnd, RunContext } from './context';
import { classify } from './failures';
import type { Failure } from './failures';
import { buildOp } from './ops';
import type { Built } from './ops';
import type { QueueRow } from './rows';
import { settleConflicts, settleUnknown } from './settle';
import type { Pending } from './settle';

/** Rows with nothing to send are settled without a request: no diff left, a never-created delete, invalid. */
export function settleNonOp(ctx: RunContext, row: QueueRow, built: Exclude<Built, { kind: 'op' }>): void {
  const s: SentOp = {
    rowId: row.id,
    recordId: row.recordId,
    op: { clientOpId: row.clientOpId, op: row.op, remoteId: row.remoteId },
    sentRevision: row.revision,
  };
  if (built.kind === 'gone') ctx.applier.deleteRecord(row.recordId);
  else if (built.kind === 'invalid')
    ctx.stats.rejected += ctx.applier.reject(s, built.message) === 'rejected' ? 1 : 0;
  else {
    ctx.sqlite
      .prepare(
        `UPDATE record SET local = NULL, state = 'clean', updated_at = ? WHERE id = ? AND state = 'dirty'`,
      )
      .run(ctx.at(), row.recordId);
    ctx.sqlite.prepare(`DELETE FROM outbox WHERE id = ? AND state <> 'sending'`).run(row.id);
  }
  ctx.touched([row.recordId]);
}

/**
 * Marks the rows 'sending' with the revision they carry and builds their operations from the state
 * committed with the mark, so what is sent is exactly what `sent_revision` names. A WEXBO create
 * also stores its document as the record's base: the lookup after a crash needs what was sent, even
 * if the user edits the record (its code included) before the outcome is known.
 */
export function markSending(ctx: RunContext, entity: string, rowIds: readonly number[]): SentOp[] {
  const idempotent = capsOf(ctx, entity).idempotentCreate;
  const mark = ctx.sqlite.prepare(`UPDATE outbox SET state = 'sending', sent_revision = revision,
    batch_id = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'retrying')`);
  const snapshot = ctx.sqlite.prepare(`UPDATE record SET base = ? WHERE id = ? AND state = 'new'`);
  return ctx.sqlite
    .transaction(() => {
      const batchId = randomUUID();
      const out: SentOp[] = [];
      for (const row of ctx.rows.stillDue(rowIds, ctx.nowIso())) {
        const built = buildOp(row, idempotent);
        if (built.kind !== 'op') {
          settleNonOp(ctx, row, built);
          continue;
        }
        mark.run(batchId, ctx.at(), row.id);
        if (built.op.op === 'create' && !idempotent) snapshot.run(JSON.stringify(built.op.doc), row.recordId);
        out.push({ rowId: row.id, recordId: row.recordId, op: built.op, sentRevision: row.revision });
      }
      return out;
    })
    .immediate();
}

/** Releases rows marked 'sending' that were never sent (a failure ended the batch before them). */
export function releaseUnsent(ctx: RunContext, sent: readonly SentOp[]): void {
  ctx.sqlite.transaction(() => sent.forEach((s) => ctx.applier.release(s, false))).immediate();
}

function reason(e: PushError): string {
  return `${e.message}${e.field ? ` [field: ${e.field}]` : ''}${e.code ? ` (${e.code})` : ''}`;
}

/** Per-record results, in one transaction; unknown outcomes and conflicts are settled after it. */
async function applyResults(ctx: RunContext, entity: string, sent: SentOp[], results: PushResult[]) {
  const byId = new Map(results.map((r) => [r.clientOpId, r]));
  const unknown: Pending[] = [];
  const conflicts: Pending[] = [];
  withRelaxedSync(ctx.sqlite, () =>
    ctx.sqlite
      .transaction(() => {
        for (const s of sent) {
          const r = byId.get(s.op.clientOpId);
          if (!r || (!r.ok && r.error?.kind !== 'rejected' && r.error?.kind !== 'conflict')) {
            unknown.push({ s, ...(r ? { r } : {}) });
          } else if (r.ok) {
            const out = ctx.applier.ack(s, r, 'sending');
            if (out === 'acked') ctx.stats.sent += 1;
            if (out === 'acked' && s.op.op === 'create') ctx.created.add(s.recordId);
            else if (out === 'no-id') unknown.push({ s, r });
            else if (out === 'taken') {
              const msg = `The remote created this record as ${r.remoteId ?? '?'}, which another record of the mirror already holds; continue there.`;
              ctx.stats.rejected += ctx.applier.reject(s, msg) === 'rejected' ? 1 : 0;
            }
          } else if (r.error?.kind === 'conflict') {
            conflicts.push({ s, r });
          } else {
            ctx.stats.rejected += ctx.applier.reject(s, reason(r.error as PushError)) === 'rejected' ? 1 : 0;
          }
        }
      })
      .immediate(),
  );
  ctx.touched(sent.map((s) => s.recordId));
  if (unknown.length > 0) await settleUnknown(ctx, entity, unknown);
  if (conflicts.length > 0) await settleConflicts(ctx, entity, conflicts);
}

export interface Budget {
  /** Whole-request refusals this batch may still narrow down by splitting. */
  left: number;
}

export const budgetFor = (n: number): Budget => ({ left: Math.ceil(4 * Math.log2(Math.max(n, 2))) + 4 });

export async function sendBatch(
  ctx: RunContext,
  entity: string,
  sent: SentOp[],
  budget: Budget,
): Promise<BatchEnd> {
  const push = requireMethod(ctx.connector, 'push');
  const ops: PushOp[] = sent.map((s) => s.op);
  const size = ctx.connector.measureBatch?.(entity, ops) ?? { bytes: 0, params: 0, requests: 1 };
  let results: PushResult[];
  try {
    ctx.stats.requests += Math.max(0, size.requests - 1);
    results = await callRemote(ctx, `push ${entity}`, (signal) => push(entity, ops, signal));
  } catch (err) {
    return onFailure(ctx, entity, sent, classify(err, ctx.signal.aborted), budget);
  }
  ctx.stats.streak = 0;
  ctx.stats.batches += 1;
  await applyResults(ctx, entity, sent, results);
  ctx.afterBatch(entity, {
    connectionId: ctx.connectionId,
    entity,
    records: sent.length,
    bytes: size.bytes,
    params: size.params,
    requests: size.requests,
    limits: {
      maxBodyBytes: ctx.limits.maxBodyBytes,
      ...(ctx.limits.maxRecordsPerBatch ? { maxRecordsPerBatch: ctx.limits.maxRecordsPerBatch } : {}),
      ...(ctx.limits.maxParamsPerUpdate ? { maxParamsPerUpdate: ctx.limits.maxParamsPerUpdate } : {}),
    },
  });
  return { kind: 'done' };
}

function inTransaction(ctx: RunContext, fn: () => void): void {
  ctx.sqlite.transaction(fn).immediate();
}

async function onFailure(
  ctx: RunContext,
  entity: string,
  sent: SentOp[],
  f: Failure,
  budget: Budget,
): Promise<BatchEnd> {
  switch (f.kind) {
    case 'abort':
      inTransaction(ctx, () => sent.forEach((s) => ctx.applier.release(s, true)));
      return { kind: 'abort' };
    case 'split':
    case 'bisect':
      return narrowDown(ctx, entity, sent, f, budget);
    case 'retry':
    case 'unknown': {
      const delayMs = delayFor(ctx, f.error);
      const giveUp = f.kind === 'unknown' || (f.error.status >= 500 && f.error.status !== 503);
      const uncertain = f.kind === 'unknown' || f.uncertain;
      inTransaction(ctx, () => {
        for (const s of sent) {
          const out = ctx.applier.requeue(s, { message: f.message, delayMs, giveUp, uncertain });
          if (out === 'rejected') ctx.stats.rejected += 1;
        }
      });
      ctx.touched(sent.map((s) => s.recordId));
      return { kind: 'retry', error: f.error, message: f.message, delayMs };
    }
    case 'stop':
    case 'pause':
      inTransaction(ctx, () => sent.forEach((s) => ctx.applier.release(s, false, f.message)));
      return f.kind === 'stop'
        ? { kind: 'stop', error: f.error, message: f.message, status: f.status }
        : { kind: 'pause', error: f.error, message: f.message };
  }
}

/**
 * 413: halves until each part fits; a record still too large alone is rejected with the reason.
 * 400/409/422 for a whole request: halves until the records at fault are alone, within a budget, so
 * a remote that refuses everything costs a few requests instead of one per record.
 */
async function narrowDown(
  ctx: RunContext,
  entity: string,
  sent: SentOp[],
  f: Extract<Failure, { kind: 'split' | 'bisect' }>,
  budget: Budget,
): Promise<BatchEnd> {
  const outOfBudget = f.kind === 'bisect' && --budget.left < 0;
  if (sent.length === 1 || outOfBudget) {
    const message =
      f.kind === 'split' ? `The remote refused the record as too large (413): ${f.message}` : f.message;
    inTransaction(ctx, () => {
      for (const s of sent) if (ctx.applier.reject(s, message) === 'rejected') ctx.stats.rejected += 1;
    });
    ctx.touched(sent.map((s) => s.recordId));
    return { kind: 'done' };
  }
  const mid = Math.ceil(sent.length / 2);
  const halves = [sent.slice(0, mid), sent.slice(mid)];
  for (const [i, half] of halves.entries()) {
    const end = await sendBatch(ctx, entity, half, budget);
    if (end.kind !== 'done') {
      if (i === 0) releaseUnsent(ctx, halves[1] as SentOp[]);
      return end;
    }
  }
  return { kind: 'done' };
}
