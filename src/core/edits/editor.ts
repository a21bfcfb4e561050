/**
 * Local edits: each group of cell changes is validated against the remote's field rules, journaled
 * in `edit`, applied to the record's local copy and queued in the outbox, all in one transaction
 * under synchronous=FULL (DESIGN.md, Push). Undo and redo walk `undo_group`.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ConnectionKind, RecordState } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import { checkFieldValue, rulesFor } from '../../shared/field-rules';
import { deletePath, diffPaths, getPath, jsonEqual, setPath } from '../sync/json-path';
import type { JsonObject } from '../sync/json-path';
import { createOutboxWriter } from './outbox';

export interface CellEdit {
  recordId: number;
  path: string;
  /** `undefined` (or absent) removes the field. */
  value?: unknown;
}

export interface Rejection {
  recordId: number;
  path: string;
  message: string;
}

export interface EditOutcome {
  groupId: string | null;
  changed: number;
  records: number;
  rejected: Rejection[];
}

interface Row {
  id: number;
  connection_id: string;
  kind: ConnectionKind;
  entity: string;
  remote_id: string | null;
  base: string | null;
  local: string | null;
  state: RecordState;
}

const toJson = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
const fromJson = (t: string | null): unknown => (t === null ? undefined : JSON.parse(t));

export function createEditor(sqlite: Database.Database, now: () => Date) {
  const outbox = createOutboxWriter(sqlite);
  const selectRow = sqlite.prepare(`
    SELECT r.id, r.connection_id, c.kind, r.entity, r.remote_id, r.base, r.local, r.state
    FROM record r JOIN connection c ON c.id = r.connection_id WHERE r.id = ?`);
  const updateRow = sqlite.prepare(`UPDATE record SET local = ?, state = ?, updated_at = ? WHERE id = ?`);
  const insertEdit = sqlite.prepare(
    `INSERT INTO edit (record_id, path, old, new, group_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const dropConflict = sqlite.prepare(`DELETE FROM conflict WHERE record_id = ? AND path = ?`);
  const countConflicts = sqlite.prepare(`SELECT count(*) AS n FROM conflict WHERE record_id = ?`);
  const insertGroup = sqlite.prepare(
    `INSERT INTO undo_group (id, connection_id, label, created_at) VALUES (?, ?, ?, ?)`,
  );
  const discardRedo = sqlite.prepare(
    `UPDATE undo_group SET discarded = 1 WHERE undone_at IS NOT NULL AND discarded = 0`,
  );

  function load(recordId: number): Row {
    const row = selectRow.get(recordId) as Row | undefined;
    if (!row) throw new StewardError('not_found', `No record #${recordId} in the mirror.`);
    return row;
  }

  /** Writes a record's new local document and keeps state and outbox consistent with it. */
  function store(row: Row, doc: JsonObject, at: string): void {
    const base = (fromJson(row.base) ?? null) as JsonObject | null;
    let state: RecordState = row.state;
    if (state === 'clean' || state === 'dirty')
      state = base !== null && jsonEqual(doc, base) ? 'clean' : 'dirty';
    if (state === 'conflict' && (countConflicts.get(row.id) as { n: number }).n === 0) {
      state = base !== null && jsonEqual(doc, base) ? 'clean' : 'dirty';
    }
    // While a request with this record is in flight, "equal to base" is not stable: keep it explicit.
    const keepLocal = state !== 'clean' || outbox.isSending(row.id);
    if (state === 'clean' && keepLocal) state = 'dirty';
    updateRow.run(keepLocal ? JSON.stringify(doc) : null, state, at, row.id);
    outbox.touch({ id: row.id, connection_id: row.connection_id, state }, at);
  }

  function editable(row: Row): string | null {
    if (row.state === 'deleted-local')
      return 'This record is marked for deletion; undo the deletion to edit it.';
    if (row.state === 'deleted-remote')
      return 'This record was deleted on the remote system; it cannot be edited.';
    return null;
  }

  /** Applies valid edits as one undoable group; invalid ones come back with the reason. */
  function apply(label: string, edits: readonly CellEdit[]): EditOutcome {
    return sqlite
      .transaction((): EditOutcome => {
        const at = now().toISOString();
        const groupId = randomUUID();
        const byRecord = new Map<number, CellEdit[]>();
        for (const e of edits) byRecord.set(e.recordId, [...(byRecord.get(e.recordId) ?? []), e]);
        const rejected: Rejection[] = [];
        let changed = 0;
        let records = 0;
        let connectionId: string | null = null;
        for (const [recordId, list] of byRecord) {
          const row = load(recordId);
          connectionId =
            connectionId === null || connectionId === row.connection_id ? row.connection_id : '*';
          const blocked = editable(row);
          const rules = rulesFor(row.kind, row.entity);
          let doc = (fromJson(row.local) ?? fromJson(row.base) ?? {}) as JsonObject;
          let touched = false;
          for (const e of list) {
            const problem = blocked ?? checkFieldValue(rules, e.path, e.value);
            if (problem) {
              rejected.push({ recordId, path: e.path, message: problem });
              continue;
            }
            const old = getPath(doc, e.path);
            if (jsonEqual(old, e.value)) continue;
            doc = e.value === undefined ? deletePath(doc, e.path) : setPath(doc, e.path, e.value);
            insertEdit.run(recordId, e.path, toJson(old), toJson(e.value), groupId, at);
            // Typing over a conflicted field is a resolution by value.
            if (row.state === 'conflict') dropConflict.run(recordId, e.path);
            changed++;
            touched = true;
          }
          if (touched) {
            store(row, doc, at);
            records++;
          }
        }
        if (changed === 0) return { groupId: null, changed, records, rejected };
        discardRedo.run();
        insertGroup.run(groupId, connectionId === '*' ? null : connectionId, label, at);
        return { groupId, changed, records, rejected };
      })
      .immediate();
  }

  /** Sets each edit's path back to `pick(edit)` (old for undo, new for redo), outside validation. */
  function replay(groupId: string, pick: 'old' | 'new', at: string): number {
    const rows = sqlite
      .prepare(
        `SELECT id, record_id, path, old, new FROM edit WHERE group_id = ? ORDER BY id ${pick === 'old' ? 'DESC' : 'ASC'}`,
      )
      .all(groupId) as {
      id: number;
      record_id: number;
      path: string;
      old: string | null;
      new: string | null;
    }[];
    const docs = new Map<number, { row: Row; doc: JsonObject }>();
    for (const e of rows) {
      const entry =
        docs.get(e.record_id) ??
        (() => {
          const row = load(e.record_id);
          return { row, doc: (fromJson(row.local) ?? fromJson(row.base) ?? {}) as JsonObject };
        })();
      const value = fromJson(pick === 'old' ? e.old : e.new);
      entry.doc = value === undefined ? deletePath(entry.doc, e.path) : setPath(entry.doc, e.path, value);
      docs.set(e.record_id, entry);
    }
    for (const { row, doc } of docs.values()) store(row, doc, at);
    sqlite.prepare(`UPDATE edit SET undone = ? WHERE group_id = ?`).run(pick === 'old' ? 1 : 0, groupId);
    return rows.length;
  }

  function undo(connectionId?: string): { groupId: string; label: string; changed: number } | null {
    return sqlite
      .transaction(() => {
        const group = sqlite
          .prepare(
            `
          SELECT id, label FROM undo_group WHERE discarded = 0 AND undone_at IS NULL
            AND (? IS NULL OR connection_id = ? OR connection_id IS NULL) ORDER BY seq DESC LIMIT 1`,
          )
          .get(connectionId ?? null, connectionId ?? null) as { id: string; label: string } | undefined;
        if (!group) return null;
        const at = now().toISOString();
        const changed = replay(group.id, 'old', at);
        sqlite.prepare(`UPDATE undo_group SET undone_at = ? WHERE id = ?`).run(at, group.id);
        return { groupId: group.id, label: group.label, changed };
      })
      .immediate();
  }

  function redo(connectionId?: string): { groupId: string; label: string; changed: number } | null {
    return sqlite
      .transaction(() => {
        const group = sqlite
          .prepare(
            `
          SELECT id, label FROM undo_group WHERE discarded = 0 AND undone_at IS NOT NULL
            AND (? IS NULL OR connection_id = ? OR connection_id IS NULL) ORDER BY undone_at DESC, seq DESC LIMIT 1`,
          )
          .get(connectionId ?? null, connectionId ?? null) as { id: string; label: string } | undefined;
        if (!group) return null;
        const at = now().toISOString();
        const changed = replay(group.id, 'new', at);
        sqlite.prepare(`UPDATE undo_group SET undone_at = NULL WHERE id = ?`).run(group.id);
        return { groupId: group.id, label: group.label, changed };
      })
      .immediate();
  }

  /** Reverts one field (or the whole record) to the remote's value, as an undoable group. */
  function revert(recordId: number, path?: string): EditOutcome {
    const row = load(recordId);
    const base = (fromJson(row.base) ?? {}) as JsonObject;
    const local = (fromJson(row.local) ?? base) as JsonObject;
    const paths = path ? [path] : diffPaths(base, local);
    return apply(
      path ? `Revert ${path}` : 'Revert record',
      paths.map((p) => ({ recordId, path: p, value: getPath(base, p) })),
    );
  }

  return { apply, undo, redo, revert, load };
}

export type Editor = ReturnType<typeof createEditor>;
