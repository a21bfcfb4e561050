/**
 * After a create, the base must become the remote's new record, not the document we sent: WEXBO's
 * POST answers only the new id (001_15500709165aa147.txt) and ETIM's PUT a report of counts
 * (004_48b37cfc1a1923fe.txt), while the remote fills in defaults (stock 0, VAT, dates…). With the sent
 * document as base, a later local edit of such a field would look like a clash with a remote change.
 * So created records are read back and rebased: the remote document becomes the base, and local
 * edits made since the create was sent are replayed onto it. Such records are recognised by a
 * remote id without a remote modified time (a pulled record always has one), so a read-back lost to
 * a crash is done by the next run.
 */
import { chunk, requireMethod } from '../connectors/types';
import type { RemoteRecord } from '../connectors/types';
import { jsonEqual } from '../sync/json-path';
import type { JsonObject } from '../sync/json-path';
import { callRemote, readFailure } from './context';
import { rebase } from './ops';
import type { BatchEnd, RunContext } from './context';

interface Created {
  id: number;
  remote_id: string;
  base: string | null;
  local: string | null;
  state: string;
}

function adoptOne(ctx: RunContext, row: Created, rec: RemoteRecord): void {
  const sent = (row.base === null ? {} : JSON.parse(row.base)) as JsonObject;
  const local = row.local === null ? null : rebase(sent, JSON.parse(row.local) as JsonObject, rec.doc);
  const editable = row.state === 'clean' || row.state === 'dirty';
  const clean = editable && (local === null || jsonEqual(local, rec.doc));
  ctx.sqlite
    .prepare(
      `UPDATE record SET base = ?, local = ?, state = ?, remote_modified_at = ?, remote_version = ?,
      updated_at = ? WHERE id = ?`,
    )
    .run(
      JSON.stringify(rec.doc),
      clean || local === null ? null : JSON.stringify(local),
      clean ? 'clean' : editable ? 'dirty' : row.state,
      rec.modifiedAt,
      rec.version ?? null,
      ctx.at(),
      row.id,
    );
  if (clean) {
    ctx.sqlite
      .prepare(`DELETE FROM outbox WHERE record_id = ? AND state IN ('queued', 'retrying', 'paused')`)
      .run(row.id);
  }
}

/** Reads back and rebases created records of `entity` (those of this run, or all when `ids` is null). */
export async function adoptCreated(
  ctx: RunContext,
  entity: string,
  ids: readonly number[] | null,
): Promise<BatchEnd | null> {
  if (!ctx.connector.readDetails || !ctx.connector.capabilities.read) return null;
  const read = requireMethod(ctx.connector, 'readDetails');
  const select = ctx.sqlite.prepare(`SELECT id, remote_id, base, local, state FROM record
    WHERE connection_id = ? AND entity = ? AND remote_id IS NOT NULL AND remote_modified_at IS NULL
      AND state IN ('clean', 'dirty', 'conflict', 'deleted-local') AND (? IS NULL OR id = ?)`);
  const rows =
    ids === null
      ? (select.all(ctx.connectionId, entity, null, null) as Created[])
      : ids.flatMap((id) => select.all(ctx.connectionId, entity, id, id) as Created[]);
  for (const part of chunk(rows, ctx.limits.maxIdsPerRead ?? 100)) {
    let records: RemoteRecord[];
    try {
      const remoteIds = part.map((r) => r.remote_id);
      records = await callRemote(ctx, `read back ${entity}`, (signal) => read(entity, remoteIds, signal));
    } catch (err) {
      const end = readFailure(ctx, err, `reading back created ${entity}`);
      if (end) return end;
      continue;
    }
    const byId = new Map(records.map((r) => [r.id, r]));
    ctx.sqlite
      .transaction(() => {
        for (const row of part) {
          const rec = byId.get(row.remote_id);
          if (rec) adoptOne(ctx, row, rec);
        }
      })
      .immediate();
    ctx.touched(part.map((r) => r.id));
  }
  return null;
}
