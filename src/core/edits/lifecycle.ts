/** Records created and deleted offline; each queues its create or delete in the same transaction. */
import type Database from 'better-sqlite3';
import type { ConnectionKind, RecordState } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import { checkFieldValue, rulesFor } from '../../shared/field-rules';
import { createOutboxWriter } from './outbox';

export function createRecord(
  sqlite: Database.Database,
  input: { connectionId: string; entity: string; doc: Record<string, unknown> },
  now: () => Date,
): number {
  return sqlite
    .transaction(() => {
      const conn = sqlite.prepare(`SELECT kind FROM connection WHERE id = ?`).get(input.connectionId) as
        { kind: ConnectionKind } | undefined;
      if (!conn) throw new StewardError('not_found', `No connection ${input.connectionId}.`);
      const rules = rulesFor(conn.kind, input.entity);
      const problems: string[] = [];
      for (const [field, rule] of Object.entries(rules?.fields ?? {})) {
        if (rule.required && !rule.readonly && (input.doc[field] === undefined || input.doc[field] === '')) {
          problems.push(`${field} is required.`);
        }
      }
      for (const [field, value] of Object.entries(input.doc)) {
        const rule = rules?.fields[field];
        if (rule?.readonly) continue;
        const problem = checkFieldValue(rules, field, value);
        if (problem) problems.push(problem);
      }
      if (problems.length > 0) {
        throw new StewardError(
          'invalid_input',
          `The new record cannot be saved: ${problems.join(' ')}`,
          problems,
        );
      }
      const at = now().toISOString();
      const id = Number(
        sqlite
          .prepare(
            `INSERT INTO record (connection_id, entity, remote_id, base, local, state, updated_at) VALUES (?, ?, NULL, NULL, ?, 'new', ?)`,
          )
          .run(input.connectionId, input.entity, JSON.stringify(input.doc), at).lastInsertRowid,
      );
      createOutboxWriter(sqlite).touch({ id, connection_id: input.connectionId, state: 'new' }, at);
      return id;
    })
    .immediate();
}

/** Marks a record for deletion on the remote; a record never sent is simply dropped. */
export function deleteRecord(
  sqlite: Database.Database,
  recordId: number,
  now: () => Date,
): { removed: boolean; state: RecordState | null } {
  return sqlite
    .transaction(() => {
      const row = sqlite
        .prepare(`SELECT id, connection_id, state, base, local FROM record WHERE id = ?`)
        .get(recordId) as
        | { id: number; connection_id: string; state: RecordState; base: string | null; local: string | null }
        | undefined;
      if (!row) throw new StewardError('not_found', `No record #${recordId} in the mirror.`);
      const outbox = sqlite
        .prepare(`SELECT state, sent_revision FROM outbox WHERE record_id = ?`)
        .get(recordId) as { state: string; sent_revision: number | null } | undefined;
      // A create that was sent without an answer (sent_revision set, push/apply.ts) may exist remotely:
      // it is deleted through the queue, which looks it up first, instead of being dropped here.
      const maybeSent =
        outbox?.state === 'sending' || outbox?.state === 'sent' || outbox?.sent_revision != null;
      if (row.state === 'new' && !maybeSent) {
        sqlite.prepare(`DELETE FROM record WHERE id = ?`).run(recordId);
        return { removed: true, state: null };
      }
      if (row.state === 'deleted-remote') {
        sqlite.prepare(`DELETE FROM record WHERE id = ?`).run(recordId);
        return { removed: true, state: null };
      }
      const at = now().toISOString();
      sqlite
        .prepare(
          `UPDATE record SET state = 'deleted-local', local = coalesce(local, base), updated_at = ? WHERE id = ?`,
        )
        .run(at, recordId);
      createOutboxWriter(sqlite).touch(
        { id: recordId, connection_id: row.connection_id, state: 'deleted-local' },
        at,
      );
      return { removed: false, state: 'deleted-local' as const };
    })
    .immediate();
}

/** Takes back a deletion that has not been sent yet. */
export function restoreRecord(sqlite: Database.Database, recordId: number, now: () => Date): RecordState {
  return sqlite
    .transaction(() => {
      const row = sqlite
        .prepare(`SELECT connection_id, state, base, local FROM record WHERE id = ?`)
        .get(recordId) as
        { connection_id: string; state: RecordState; base: string | null; local: string | null } | undefined;
      if (!row || row.state !== 'deleted-local') {
        throw new StewardError('conflict', `Record #${recordId} is not marked for deletion.`);
      }
      const state: RecordState = row.local === null || row.local === row.base ? 'clean' : 'dirty';
      const at = now().toISOString();
      sqlite
        .prepare(`UPDATE record SET state = ?, local = ?, updated_at = ? WHERE id = ?`)
        .run(state, state === 'clean' ? null : row.local, at, recordId);
      createOutboxWriter(sqlite).touch({ id: recordId, connection_id: row.connection_id, state }, at);
      return state;
    })
    .immediate();
}
