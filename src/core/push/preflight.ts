/**
 * Two checks before a window of rows goes out:
 * - Creates that may already have reached a remote that does not de-duplicate them (WEXBO POST
 *   assigns ids, 001_15500709165aa147.txt) are looked up with `findExisting` and the document they
 *   were sent with; found means delivered, so a crash between send and acknowledgement never
 *   creates a product twice.
 * - Updated and deleted records are read back and merged three ways (mirror/ingest.ts), so a change
 *   made on the remote since the last sync is taken, or shown as a conflict when both sides changed
 *   the same field, instead of being overwritten (DESIGN.md, Merge). A record that turns out clean
 *   leaves the queue; one deleted remotely is settled.
 */
import { chunk, requireMethod } from '../connectors/types';
import type { PushOp, RemoteRecord } from '../connectors/types';
import type { SentOp } from './apply';
import { callRemote, capsOf, readFailure } from './context';
import type { BatchEnd, RunContext } from './context';
import { sentSnapshot, uncertainCreate } from './ops';
import type { QueueRow } from './rows';

function settleLookup(ctx: RunContext, row: QueueRow, probe: PushOp, found: RemoteRecord | undefined): void {
  if (!found) {
    // Not there: the earlier attempt never created it, so the next send is a plain create.
    ctx.sqlite.prepare(`UPDATE outbox SET sent_revision = NULL WHERE id = ?`).run(row.id);
    return;
  }
  const s: SentOp = {
    rowId: row.id,
    recordId: row.recordId,
    op: probe,
    sentRevision: row.sentRevision ?? -1,
  };
  const out = ctx.applier.ack(
    s,
    { remoteId: found.id, doc: found.doc, modifiedAt: found.modifiedAt },
    'pending',
  );
  if (out === 'acked') ctx.stats.sent += 1;
  // Found, but it is another record of ours (same WEXBO code): this create never went through; the
  // next send lets the remote answer it (409 for a duplicate code), visibly.
  else if (out === 'taken')
    ctx.sqlite.prepare(`UPDATE outbox SET sent_revision = NULL WHERE id = ?`).run(row.id);
  ctx.touched([row.recordId]);
}

export async function resolveUncertainCreates(
  ctx: RunContext,
  entity: string,
  rows: readonly QueueRow[],
): Promise<BatchEnd | null> {
  if (capsOf(ctx, entity).idempotentCreate) return null;
  for (const row of rows.filter(uncertainCreate)) {
    const doc = sentSnapshot(row);
    const probe: PushOp = {
      clientOpId: row.clientOpId,
      op: 'create',
      remoteId: null,
      ...(doc ? { doc } : {}),
    };
    if (!ctx.connector.findExisting || !doc) {
      const s: SentOp = { rowId: row.id, recordId: row.recordId, op: probe, sentRevision: row.revision };
      const msg =
        'An earlier attempt may have created this record and this remote cannot be searched for it; check the remote, then retry.';
      if (ctx.applier.reject(s, msg, { uncertain: true }) === 'rejected') ctx.stats.rejected += 1;
      continue;
    }
    const find = requireMethod(ctx.connector, 'findExisting');
    let found: RemoteRecord | undefined;
    try {
      found = await callRemote(ctx, `look up ${entity}`, (signal) => find(entity, probe, signal));
    } catch (err) {
      const end = readFailure(ctx, err, `looking up a create in ${entity}`);
      if (end) return end;
      continue;
    }
    ctx.sqlite.transaction(() => settleLookup(ctx, row, probe, found)).immediate();
  }
  return null;
}

/** A record read back this recently is not read again when its send is retried. */
const CHECK_FRESH_MS = 30_000;

function reconcile(ctx: RunContext, row: QueueRow): void {
  const rec = ctx.sqlite.prepare(`SELECT state FROM record WHERE id = ?`).get(row.recordId) as
    { state: string } | undefined;
  if (!rec) return;
  if (rec.state === 'clean') {
    // The remote already holds what we meant to send (or the same edit was made there).
    ctx.sqlite
      .prepare(`DELETE FROM outbox WHERE id = ? AND state IN ('queued', 'retrying', 'paused')`)
      .run(row.id);
  } else if (rec.state === 'deleted-remote') {
    if (row.op === 'delete') ctx.applier.deleteRecord(row.recordId);
    else {
      ctx.sqlite
        .prepare(`UPDATE outbox SET state = 'rejected', last_error = ?, updated_at = ? WHERE id = ?`)
        .run(
          'The record was deleted on the remote since the last sync; the edit was not sent.',
          ctx.at(),
          row.id,
        );
      ctx.stats.rejected += 1;
    }
  }
}

export async function preflight(
  ctx: RunContext,
  entity: string,
  rows: readonly QueueRow[],
): Promise<BatchEnd | null> {
  if (!ctx.options.preflight || !ctx.connector.readDetails || !ctx.connector.capabilities.read) return null;
  const read = requireMethod(ctx.connector, 'readDetails');
  const t = performance.now();
  const fresh = (r: QueueRow) => t - (ctx.checked.get(r.recordId) ?? -Infinity) < CHECK_FRESH_MS;
  const targets = rows.filter((r) => r.op !== 'create' && r.remoteId !== null && !fresh(r));
  for (const part of chunk(targets, ctx.limits.maxIdsPerRead ?? 100)) {
    const ids = part.map((r) => r.remoteId as string);
    let records: RemoteRecord[];
    try {
      records = await callRemote(ctx, `read ${entity}`, (signal) => read(entity, ids, signal));
    } catch (err) {
      const end = readFailure(ctx, err, `reading ${entity} before sending`);
      if (end) return end;
      continue;
    }
    const found = new Set(records.map((r) => r.id));
    ctx.sqlite
      .transaction(() => {
        const missing = ids.filter((id) => !found.has(id));
        ctx.ingest.ingestPage(ctx.connectionId, entity, records, missing, ctx.at());
        part.forEach((row) => reconcile(ctx, row));
      })
      .immediate();
    for (const row of part) ctx.checked.set(row.recordId, performance.now());
    ctx.touched(part.map((r) => r.recordId));
  }
  return null;
}
