/**
 * One push run of one connection (DESIGN.md, Push): recover rows left 'sending' by a crash, then take
 * due rows entity by entity in push order (PrintXpand categories before the products that use them,
 * 003_f9a1ab627ff386f6.txt; ETIM reference data before products, 004_48b37cfc1a1923fe.txt), a window
 * at a time: look up uncertain creates, read back and merge what will be updated or deleted, pack
 * batches to the remote's limits and send them one request at a time through the token's shared
 * limiter. Whole-request failures back the whole connection off; the run ends when nothing is due,
 * after too many failures in a row (rows stay queued), or when stopped, paused or cancelled.
 */
import { pushOrder } from '../connectors/types';
import type { PushOp } from '../connectors/types';
import { adoptCreated } from './adopt';
import { capsOf } from './context';
import type { BatchEnd, RunContext } from './context';
import { buildOp } from './ops';
import { packBatches, packLimits, splitToFit } from './pack';
import { preflight, resolveUncertainCreates } from './preflight';
import { budgetFor, markSending, releaseUnsent, sendBatch, settleNonOp } from './send';

export type RunEnd = BatchEnd | { kind: 'failed'; error: unknown; message: string };

function windowSize(ctx: RunContext): number {
  // One record per request (WEXBO): a window is one read-back of `maxIdsPerRead` records.
  if (ctx.limits.maxRecordsPerBatch === 1) return ctx.limits.maxIdsPerRead ?? 100;
  return ctx.options.windowSize ?? 5000;
}

function nextEntity(ctx: RunContext): string | undefined {
  return pushOrder(ctx.connector.capabilities, ctx.rows.dueEntities(ctx.connectionId, ctx.nowIso()))[0];
}

async function processWindow(ctx: RunContext, entity: string): Promise<BatchEnd> {
  if (!ctx.adopted.has(entity)) {
    const leftover = await adoptCreated(ctx, entity, null);
    if (leftover) return leftover;
    ctx.adopted.add(entity);
  }
  const end = await sendWindow(ctx, entity);
  const created = [...ctx.created];
  ctx.created.clear();
  const adopted = created.length > 0 ? await adoptCreated(ctx, entity, created) : null;
  return end.kind === 'done' && adopted ? adopted : end;
}

async function sendWindow(ctx: RunContext, entity: string): Promise<BatchEnd> {
  const first = ctx.rows.due(ctx.connectionId, entity, ctx.nowIso(), windowSize(ctx));
  const lookedUp = await resolveUncertainCreates(ctx, entity, first);
  if (lookedUp) return lookedUp;
  const checked = await preflight(ctx, entity, first);
  if (checked) return checked;
  const idempotent = capsOf(ctx, entity).idempotentCreate;
  const window = ctx.rows.stillDue(
    first.map((r) => r.id),
    ctx.nowIso(),
  );
  const rowOf = new Map<string, number>();
  const ops: PushOp[] = [];
  for (const row of window) {
    const built = buildOp(row, idempotent);
    if (built.kind === 'op') {
      ops.push(built.op);
      rowOf.set(built.op.clientOpId, row.id);
    } else ctx.sqlite.transaction(() => settleNonOp(ctx, row, built)).immediate();
  }
  const measure = (batch: readonly PushOp[]) =>
    ctx.connector.measureBatch?.(entity, batch) ?? { bytes: 0, params: 0, requests: 1 };
  const limits = packLimits(ctx.limits);
  for (const batch of packBatches(ops, measure, limits)) {
    if (ctx.signal.aborted) return { kind: 'abort' };
    const sent = markSending(
      ctx,
      entity,
      batch.map((op) => rowOf.get(op.clientOpId) as number),
    );
    const parts = splitToFit(sent, (b) => measure(b), limits);
    for (const [i, part] of parts.entries()) {
      if (part.length === 0) continue;
      const end = await sendBatch(ctx, entity, part, budgetFor(part.length));
      if (end.kind !== 'done') {
        releaseUnsent(ctx, parts.slice(i + 1).flat());
        return end;
      }
    }
  }
  return { kind: 'done' };
}

export async function runPush(ctx: RunContext): Promise<RunEnd> {
  ctx.rows.recoverSending(ctx.connectionId, ctx.at());
  ctx.rows.unpause(ctx.connectionId, ctx.at());
  for (;;) {
    if (ctx.signal.aborted) return { kind: 'abort' };
    const entity = nextEntity(ctx);
    if (entity === undefined) {
      const at = ctx.rows.nextRetryAt(ctx.connectionId);
      if (at === null) return { kind: 'done' };
      ctx.waiting();
      if (!(await ctx.sleep(Date.parse(at) - ctx.clock.now()))) return { kind: 'abort' };
      continue;
    }
    const end = await processWindow(ctx, entity);
    if (end.kind === 'done') continue;
    if (end.kind !== 'retry') return end;
    ctx.stats.streak += 1;
    ctx.stats.lastError = end.message;
    if (ctx.stats.streak >= ctx.options.maxConsecutiveFailures) {
      return { kind: 'failed', error: end.error, message: end.message };
    }
    if (!(await ctx.sleep(end.delayMs))) return { kind: 'abort' };
  }
}
