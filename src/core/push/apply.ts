/**
 * What an outcome does to the mirror, one operation at a time; callers wrap a batch in one
 * transaction. The rules (DESIGN.md, Push):
 * - acknowledged: the remote's document (or what we sent, when it answers none) becomes the base; the
 *   local copy goes unless the user edited the record while the request was in flight
 *   (`revision` moved past `sent_revision`), in which case the row is queued again under a new client
 *   operation id, since the old operation is done. A create takes its remote id.
 * - rejected: the row shows the remote's reason; the record keeps its local edits.
 * - requeued / released: the row waits for another attempt. `sent_revision` stays set only while it
 *   is uncertain whether the request reached the remote: that is what makes the sender look a
 *   non-idempotent create up before sending it again.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RecordState } from '../../shared/domain';
import type { PushOp } from '../connectors/types';
import { jsonEqual } from '../sync/json-path';
import type { JsonObject } from '../sync/json-path';
import { rebase } from './ops';

export interface SentOp {
  rowId: number;
  recordId: number;
  op: PushOp;
  sentRevision: number;
}

export interface AckData {
  remoteId?: string;
  doc?: Record<string, unknown>;
  modifiedAt?: string;
}

export type AckOutcome = 'acked' | 'skipped' | 'no-id' | 'taken';

interface RowNow {
  state: string;
  revision: number;
}

interface RecNow {
  connection_id: string;
  entity: string;
  remote_id: string | null;
  local: string | null;
  state: RecordState;
}

export interface ApplierDeps {
  /** ISO time for updated_at. */
  at: () => string;
  /** ISO time `ms` from now on the retry clock. */
  after: (ms: number) => string;
  maxAttempts: number;
}

export function createApplier(sqlite: Database.Database, deps: ApplierDeps) {
  const getRow = sqlite.prepare(`SELECT state, revision FROM outbox WHERE id = ?`);
  const getRec = sqlite.prepare(
    `SELECT connection_id, entity, remote_id, local, state FROM record WHERE id = ?`,
  );
  const otherWithId = sqlite.prepare(`SELECT r.id, r.local,
      EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = r.id) AS queued
    FROM record r WHERE r.connection_id = ? AND r.entity = ? AND r.remote_id = ? AND r.id <> ?`);
  const deleteRecord = sqlite.prepare(`DELETE FROM record WHERE id = ?`);
  const updateRecord = sqlite.prepare(`UPDATE record SET base = @base, local = @local, state = @state,
    remote_id = @remoteId, remote_modified_at = coalesce(@modifiedAt, remote_modified_at), updated_at = @at
    WHERE id = @id`);
  const finishRow = sqlite.prepare(`UPDATE outbox SET state = @state, op = @op, client_op_id = @opId,
    attempts = 0, next_attempt_at = NULL, last_error = NULL, sent_revision = NULL, updated_at = @at
    WHERE id = @id`);
  const failRow = sqlite.prepare(`UPDATE outbox SET state = @state, attempts = @attempts,
    next_attempt_at = @next, last_error = @error, sent_revision = CASE WHEN @keep THEN sent_revision END,
    updated_at = @at WHERE id = @id`);
  const markRemoteDeleted = sqlite.prepare(
    `UPDATE record SET state = 'deleted-remote', updated_at = ? WHERE id = ?`,
  );

  const rowOf = (id: number) => getRow.get(id) as RowNow | undefined;

  /**
   * Another mirror row already holds the id. A plain pulled copy (a sync ran after a crash, before the
   * create was acknowledged) gives way; one with its own queue history is another record of ours.
   */
  function claim(recordId: number, rec: RecNow, remoteId: string): boolean {
    const other = otherWithId.get(rec.connection_id, rec.entity, remoteId, recordId) as
      { id: number; local: string | null; queued: number } | undefined;
    if (!other) return true;
    if (other.local !== null || other.queued) return false;
    deleteRecord.run(other.id);
    return true;
  }

  function ackDelete(s: SentOp, rec: RecNow): AckOutcome {
    if (rec.state === 'deleted-local') {
      // The record is gone remotely; its outbox row and journal go with it (ON DELETE CASCADE).
      deleteRecord.run(s.recordId);
      return 'acked';
    }
    // Restored while the delete was in flight: the remote no longer has it, and the user should see so.
    markRemoteDeleted.run(deps.at(), s.recordId);
    finishRow.run({ state: 'sent', op: 'delete', opId: s.op.clientOpId, at: deps.at(), id: s.rowId });
    return 'acked';
  }

  function nextState(rec: RecNow, local: JsonObject | null, base: JsonObject) {
    if (rec.state === 'deleted-local') return { state: rec.state, local, pending: 'delete' as const };
    if (rec.state === 'conflict') return { state: rec.state, local, pending: 'update' as const };
    if (rec.state === 'deleted-remote') return { state: rec.state, local, pending: null };
    if (local === null || jsonEqual(local, base))
      return { state: 'clean' as const, local: null, pending: null };
    return { state: 'dirty' as const, local, pending: 'update' as const };
  }

  /** `guard`: 'sending' for a batch's answer, 'pending' for a create found by lookup. */
  function ack(s: SentOp, data: AckData, guard: 'sending' | 'pending'): AckOutcome {
    const row = rowOf(s.rowId);
    if (!row || (guard === 'sending' ? row.state !== 'sending' : row.state === 'sending')) return 'skipped';
    const rec = getRec.get(s.recordId) as RecNow | undefined;
    if (!rec) return 'skipped';
    if (s.op.op === 'delete') return ackDelete(s, rec);
    const remoteId = rec.remote_id ?? data.remoteId ?? null;
    if (remoteId === null) return 'no-id';
    if (rec.remote_id === null && !claim(s.recordId, rec, remoteId)) return 'taken';
    const base = (data.doc ?? s.op.doc ?? {}) as JsonObject;
    // A conflict or a deletion that arrived while the request was in flight keeps the local copy.
    const settled =
      row.revision === s.sentRevision && rec.state !== 'conflict' && rec.state !== 'deleted-local';
    const sent = (s.op.doc ?? {}) as JsonObject;
    const local =
      settled || rec.local === null ? null : rebase(sent, JSON.parse(rec.local) as JsonObject, base);
    const next = nextState(rec, local, base);
    const at = deps.at();
    updateRecord.run({
      id: s.recordId,
      base: JSON.stringify(base),
      local: next.local === null ? null : JSON.stringify(next.local),
      state: next.state,
      remoteId,
      modifiedAt: data.modifiedAt ?? null,
      at,
    });
    finishRow.run({
      id: s.rowId,
      state: next.pending ? 'queued' : 'sent',
      op: next.pending ?? s.op.op,
      opId: next.pending ? randomUUID() : s.op.clientOpId,
      at,
    });
    return 'acked';
  }

  /** The remote refused the operation: show its reason. A newer local revision gets its own try. */
  function reject(s: SentOp, message: string, opts: { uncertain?: boolean } = {}): 'rejected' | 'queued' {
    const row = rowOf(s.rowId);
    if (!row) return 'queued';
    const newer = row.revision !== s.sentRevision;
    failRow.run({
      id: s.rowId,
      state: newer ? 'queued' : 'rejected',
      attempts: attemptsOf(s.rowId) + 1,
      next: null,
      error: message,
      keep: opts.uncertain ? 1 : 0,
      at: deps.at(),
    });
    return newer ? 'queued' : 'rejected';
  }

  /**
   * Another attempt later (`delayMs` null: as soon as the queue gets to it). With `giveUp`, a failure
   * that may be this record's own (a 500, an answer that could not be read) rejects the operation
   * after `maxAttempts` with the last reason, so no edit waits forever without a visible cause; a
   * rate limit, maintenance or a network outage never does.
   */
  function requeue(
    s: SentOp,
    opts: { message: string; delayMs: number | null; giveUp: boolean; uncertain: boolean },
  ): 'requeued' | 'rejected' | 'queued' {
    const attempts = attemptsOf(s.rowId) + 1;
    if (opts.giveUp && attempts >= deps.maxAttempts) {
      return reject(s, `Not delivered after ${attempts} attempts. Last error: ${opts.message}`, {
        uncertain: opts.uncertain,
      });
    }
    failRow.run({
      id: s.rowId,
      state: opts.delayMs === null ? 'queued' : 'retrying',
      attempts,
      next: opts.delayMs === null ? null : deps.after(opts.delayMs),
      error: opts.message,
      keep: opts.uncertain ? 1 : 0,
      at: deps.at(),
    });
    return 'requeued';
  }

  /** Back to the queue without counting an attempt (cancel, pause, a stopped connection). */
  function release(s: SentOp, uncertain: boolean, message: string | null = null): void {
    const row = rowOf(s.rowId);
    if (!row || row.state !== 'sending') return;
    failRow.run({
      id: s.rowId,
      state: 'queued',
      attempts: attemptsOf(s.rowId),
      next: null,
      error: message,
      keep: uncertain ? 1 : 0,
      at: deps.at(),
    });
  }

  const attemptsStmt = sqlite.prepare(`SELECT attempts FROM outbox WHERE id = ?`);
  function attemptsOf(rowId: number): number {
    return (attemptsStmt.get(rowId) as { attempts: number } | undefined)?.attempts ?? 0;
  }

  return { ack, reject, requeue, release, deleteRecord: (id: number) => deleteRecord.run(id) };
}

export type Applier = ReturnType<typeof createApplier>;
