/**
 * Keeps the outbox in step with a record: one coalesced operation per record (ten edits to a
 * product are one update), created in the same transaction as the edit that needs it.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RecordState } from '../../shared/domain';

export interface OutboxRecord {
  id: number;
  connection_id: string;
  state: RecordState;
}

/**
 * How a new operation for a record meets the one already queued: coalesced (a create stays a
 * create until sent), re-queued with a fresh client op id only after the old one was sent, and left
 * `sending` while a request is in flight. Shared by the per-record writer and the editor's
 * set-based path.
 */
export const OUTBOX_UPSERT = `ON CONFLICT (record_id) DO UPDATE SET
      op = CASE WHEN outbox.op = 'create' AND excluded.op = 'update' AND outbox.state <> 'sent' THEN 'create' ELSE excluded.op END,
      client_op_id = CASE WHEN outbox.state IN ('sent', 'cancelled') THEN excluded.client_op_id ELSE outbox.client_op_id END,
      state = CASE WHEN outbox.state = 'sending' THEN 'sending' ELSE 'queued' END,
      attempts = CASE WHEN outbox.state = 'sending' THEN outbox.attempts ELSE 0 END,
      next_attempt_at = NULL,
      last_error = CASE WHEN outbox.state = 'sending' THEN outbox.last_error ELSE NULL END,
      revision = outbox.revision + 1,
      updated_at = excluded.updated_at`;

export function createOutboxWriter(sqlite: Database.Database) {
  const upsert = sqlite.prepare(`
    INSERT INTO outbox (record_id, connection_id, op, client_op_id, state, revision, created_at, updated_at)
    VALUES (@recordId, @connectionId, @op, @opId, 'queued', 1, @now, @now)
    ${OUTBOX_UPSERT}`);
  const sendingRow = sqlite.prepare(`SELECT state FROM outbox WHERE record_id = ?`);
  const dropPending = sqlite.prepare(
    `DELETE FROM outbox WHERE record_id = ? AND state IN ('queued', 'retrying', 'rejected', 'paused', 'cancelled')`,
  );

  return {
    /** True while a request carrying this record is in flight: its local copy must stay explicit. */
    isSending(recordId: number): boolean {
      return (sendingRow.get(recordId) as { state: string } | undefined)?.state === 'sending';
    },
    /** Queues (or re-queues) the record's operation according to its state. */
    touch(rec: OutboxRecord, now: string): void {
      if (rec.state === 'clean') {
        dropPending.run(rec.id);
        return;
      }
      if (rec.state === 'deleted-remote' || rec.state === 'conflict') {
        // A conflicted record waits for the user; nothing is sent until it is resolved.
        if (rec.state === 'deleted-remote') dropPending.run(rec.id);
        return;
      }
      const op = rec.state === 'new' ? 'create' : rec.state === 'deleted-local' ? 'delete' : 'update';
      upsert.run({ recordId: rec.id, connectionId: rec.connection_id, op, opId: randomUUID(), now });
    },
  };
}
