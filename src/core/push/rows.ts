/**
 * The queue's reads and its simple state moves over `outbox` joined with `record`. A row is due when
 * it is queued, or retrying and its `next_attempt_at` has come; rows whose record is in conflict
 * wait for the user. Within an entity deletes go first (a deleted WEXBO code can then be reused by a
 * create in the same push, 001_15500709165aa147.txt keeps codes unique), then creates and updates in
 * the order they were queued.
 */
import type Database from 'better-sqlite3';
import type { OutboxState, RecordState } from '../../shared/domain';
import type { PushOpKind } from '../connectors/types';
import type { JsonObject } from '../sync/json-path';

export interface QueueRow {
  id: number;
  recordId: number;
  op: PushOpKind;
  clientOpId: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  revision: number;
  sentRevision: number | null;
  lastError: string | null;
  entity: string;
  remoteId: string | null;
  base: JsonObject | null;
  local: JsonObject | null;
  recordState: RecordState;
}

interface RawRow {
  id: number;
  record_id: number;
  op: PushOpKind;
  client_op_id: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string | null;
  revision: number;
  sent_revision: number | null;
  last_error: string | null;
  entity: string;
  remote_id: string | null;
  base: string | null;
  local: string | null;
  record_state: RecordState;
}

const parseDoc = (text: string | null): JsonObject | null =>
  text === null ? null : (JSON.parse(text) as JsonObject);

export function toQueueRow(r: RawRow): QueueRow {
  return {
    id: r.id,
    recordId: r.record_id,
    op: r.op,
    clientOpId: r.client_op_id,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    revision: r.revision,
    sentRevision: r.sent_revision,
    lastError: r.last_error,
    entity: r.entity,
    remoteId: r.remote_id,
    base: parseDoc(r.base),
    local: parseDoc(r.local),
    recordState: r.record_state,
  };
}

const COLUMNS = `o.id, o.record_id, o.op, o.client_op_id, o.state, o.attempts, o.next_attempt_at, o.revision, o.sent_revision,
  o.last_error, r.entity, r.remote_id, r.base, r.local, r.state AS record_state`;
const DUE = `(o.state = 'queued' OR (o.state = 'retrying' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= @now)))`;
const ORDER = `ORDER BY CASE o.op WHEN 'delete' THEN 0 ELSE 1 END, o.id`;

export function createQueueRows(sqlite: Database.Database) {
  const due = sqlite.prepare(`SELECT ${COLUMNS} FROM outbox o JOIN record r ON r.id = o.record_id
    WHERE o.connection_id = @connectionId AND r.entity = @entity AND r.state <> 'conflict' AND ${DUE}
    ${ORDER} LIMIT @limit`);
  const one = sqlite.prepare(`SELECT ${COLUMNS} FROM outbox o JOIN record r ON r.id = o.record_id
    WHERE o.id = ?`);
  const dueEntities =
    sqlite.prepare(`SELECT DISTINCT r.entity FROM outbox o JOIN record r ON r.id = o.record_id
    WHERE o.connection_id = @connectionId AND r.state <> 'conflict' AND ${DUE}`);
  const nextRetry = sqlite.prepare(`SELECT min(o.next_attempt_at) AS at FROM outbox o
    JOIN record r ON r.id = o.record_id
    WHERE o.connection_id = ? AND o.state = 'retrying' AND r.state <> 'conflict'`);
  const pendingCount = sqlite.prepare(`SELECT count(*) AS n FROM outbox
    WHERE connection_id = ? AND state IN ('queued', 'sending', 'retrying', 'paused')`);
  const conflictCount = sqlite.prepare(`SELECT count(*) AS n FROM outbox o JOIN record r ON r.id = o.record_id
    WHERE o.connection_id = ? AND r.state = 'conflict' AND o.state IN ('queued', 'retrying', 'paused')`);
  // Rows found 'sending' were in flight when the app died or the run was cancelled: the request may
  // or may not have reached the remote. sent_revision stays set, which is what tells the sender to
  // look a non-idempotent create up before sending it again.
  const recover = sqlite.prepare(`UPDATE outbox SET state = 'queued', updated_at = ?
    WHERE connection_id = ? AND state = 'sending'`);
  const unpause = sqlite.prepare(`UPDATE outbox SET state = 'queued', next_attempt_at = NULL, updated_at = ?
    WHERE connection_id = ? AND state = 'paused'`);
  const pause = sqlite.prepare(`UPDATE outbox SET state = 'paused', updated_at = ?
    WHERE connection_id = ? AND state IN ('queued', 'retrying')`);
  const retryNow = sqlite.prepare(`UPDATE outbox SET state = 'queued', next_attempt_at = NULL,
    attempts = CASE WHEN state = 'rejected' THEN 0 ELSE attempts END, updated_at = ?
    WHERE connection_id = ? AND state IN ('retrying', 'rejected')`);

  return {
    due(connectionId: string, entity: string, nowIso: string, limit: number): QueueRow[] {
      return (due.all({ connectionId, entity, now: nowIso, limit }) as RawRow[]).map(toQueueRow);
    },
    /** The rows among `ids` that are still due, in queue order. */
    stillDue(ids: readonly number[], nowIso: string): QueueRow[] {
      const out: QueueRow[] = [];
      for (const id of ids) {
        const raw = one.get(id) as RawRow | undefined;
        if (!raw || raw.record_state === 'conflict') continue;
        const retryDue = raw.next_attempt_at === null || raw.next_attempt_at <= nowIso;
        if (raw.state === 'queued' || (raw.state === 'retrying' && retryDue)) out.push(toQueueRow(raw));
      }
      return out;
    },
    get(id: number): QueueRow | undefined {
      const raw = one.get(id) as RawRow | undefined;
      return raw ? toQueueRow(raw) : undefined;
    },
    dueEntities(connectionId: string, nowIso: string): string[] {
      return (dueEntities.all({ connectionId, now: nowIso }) as { entity: string }[]).map((r) => r.entity);
    },
    nextRetryAt(connectionId: string): string | null {
      return (nextRetry.get(connectionId) as { at: string | null }).at;
    },
    pending: (connectionId: string): number => (pendingCount.get(connectionId) as { n: number }).n,
    conflicts: (connectionId: string): number => (conflictCount.get(connectionId) as { n: number }).n,
    recoverSending: (connectionId: string, at: string): number => recover.run(at, connectionId).changes,
    unpause: (connectionId: string, at: string): number => unpause.run(at, connectionId).changes,
    pause: (connectionId: string, at: string): number => pause.run(at, connectionId).changes,
    retryNow: (connectionId: string, at: string): number => retryNow.run(at, connectionId).changes,
  };
}

export type QueueRows = ReturnType<typeof createQueueRows>;
