/**
 * Outcomes the remote did not state plainly. `unknown` (PrintXpand 201 "partially succeeded",
 * 003_f9a1ab627ff386f6.txt; an ETIM report that only counts, 004_48b37cfc1a1923fe.txt): the remote is
 * read back before anything is sent again, and what it shows decides: our values there → delivered;
 * otherwise → sent again (the re-send is safe: updates and deletes are idempotent, and a create that
 * the remote does not de-duplicate is looked up first). `conflict`: the record is pulled and merged
 * three ways (mirror/ingest.ts); a field changed on both sides becomes a conflict for the user.
 */
import { chunk, requireMethod } from '../connectors/types';
import type { PushOp, PushResult, RemoteRecord } from '../connectors/types';
import { getPath, jsonEqual } from '../sync/json-path';
import type { SentOp } from './apply';
import { callRemote, capsOf } from './context';
import type { RunContext } from './context';

export interface Pending {
  s: SentOp;
  r?: PushResult;
}

const idOf = (p: Pending): string | null => p.r?.remoteId ?? p.s.op.remoteId;

/** Our sent values are what the remote holds now. */
export function showsOurValues(remote: Record<string, unknown>, op: PushOp): boolean {
  const doc = op.doc ?? {};
  const paths = op.op === 'update' ? (op.changedPaths ?? []) : Object.keys(doc);
  return paths.every((p) => jsonEqual(getPath(remote, p) ?? null, getPath(doc, p) ?? null));
}

/** The remote records by id, or null when they cannot be read (no read API, or the read failed). */
async function readBack(
  ctx: RunContext,
  entity: string,
  ids: string[],
): Promise<Map<string, RemoteRecord> | null> {
  if (!ctx.connector.readDetails || !ctx.connector.capabilities.read) return null;
  const read = requireMethod(ctx.connector, 'readDetails');
  const out = new Map<string, RemoteRecord>();
  try {
    for (const part of chunk(ids, ctx.limits.maxIdsPerRead ?? 100)) {
      if (part.length === 0) continue;
      for (const rec of await callRemote(ctx, `read ${entity}`, (signal) => read(entity, part, signal)))
        out.set(rec.id, rec);
    }
  } catch (err) {
    ctx.log('warn', `push: reading back ${entity} failed: ${(err as Error).message}`);
    return null;
  }
  return out;
}

function decide(ctx: RunContext, entity: string, p: Pending, remote: Map<string, RemoteRecord> | null): void {
  const message = p.r?.error?.message ?? 'The remote gave no result for this record.';
  const nonIdempotentCreate = p.s.op.op === 'create' && !capsOf(ctx, entity).idempotentCreate;
  const id = idOf(p);
  if (ctx.signal.aborted) return ctx.applier.release(p.s, true);
  if (remote !== null && id !== null && !nonIdempotentCreate) {
    const rec = remote.get(id);
    if (p.s.op.op === 'delete' && !rec) {
      if (ctx.applier.ack(p.s, { remoteId: id }, 'sending') === 'acked') ctx.stats.sent += 1;
      return;
    }
    if (rec && p.s.op.op !== 'delete' && showsOurValues(rec.doc, p.s.op)) {
      const out = ctx.applier.ack(
        p.s,
        { remoteId: rec.id, doc: rec.doc, modifiedAt: rec.modifiedAt },
        'sending',
      );
      if (out === 'acked') ctx.stats.sent += 1;
      return;
    }
  }
  const out = ctx.applier.requeue(p.s, { message, delayMs: null, giveUp: true, uncertain: true });
  if (out === 'rejected') ctx.stats.rejected += 1;
}

export async function settleUnknown(ctx: RunContext, entity: string, items: Pending[]): Promise<void> {
  const ids = [...new Set(items.map(idOf).filter((id): id is string => id !== null))];
  const remote = await readBack(ctx, entity, ids);
  ctx.sqlite.transaction(() => items.forEach((p) => decide(ctx, entity, p, remote))).immediate();
  ctx.touched(items.map((p) => p.s.recordId));
}

export async function settleConflicts(ctx: RunContext, entity: string, items: Pending[]): Promise<void> {
  const ids = [...new Set(items.map(idOf).filter((id): id is string => id !== null))];
  const remote = await readBack(ctx, entity, ids);
  ctx.sqlite
    .transaction(() => {
      if (remote !== null) {
        const missing = ids.filter((id) => !remote.has(id));
        ctx.ingest.ingestPage(ctx.connectionId, entity, [...remote.values()], missing, ctx.at());
      }
      for (const p of items) {
        const message = p.r?.error?.message ?? 'The remote reports a conflicting change.';
        const out =
          remote === null
            ? ctx.applier.reject(p.s, `${message} (this remote cannot be read back to merge)`)
            : ctx.applier.requeue(p.s, { message, delayMs: null, giveUp: true, uncertain: false });
        if (out === 'rejected') ctx.stats.rejected += 1;
      }
    })
    .immediate();
  ctx.touched(items.map((p) => p.s.recordId));
}
