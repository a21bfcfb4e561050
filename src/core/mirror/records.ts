/** Reading one mirrored record, and resolving its field conflicts (mine, theirs, or a value). */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ConflictResolution, RecordDetail, RecordState } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import { createOutboxWriter } from '../edits/outbox';
import { deletePath, diffPaths, getPath, jsonEqual, setPath } from '../sync/json-path';
import type { JsonObject } from '../sync/json-path';

interface RecordRow {
  id: number;
  connection_id: string;
  entity: string;
  remote_id: string | null;
  base: string | null;
  local: string | null;
  state: RecordState;
  remote_modified_at: string | null;
  updated_at: string;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function detail(sqlite: Database.Database, row: RecordRow): RecordDetail {
  const conflicts = sqlite
    .prepare(`SELECT path, base, mine, theirs, detected_at FROM conflict WHERE record_id = ? ORDER BY path`)
    .all(row.id) as {
    path: string;
    base: string | null;
    mine: string | null;
    theirs: string | null;
    detected_at: string;
  }[];
  return {
    recordId: row.id,
    connectionId: row.connection_id,
    entity: row.entity,
    remoteId: row.remote_id,
    state: row.state,
    base: parse(row.base) as Record<string, unknown> | null,
    local: parse(row.local) as Record<string, unknown> | null,
    remoteModifiedAt: row.remote_modified_at,
    updatedAt: row.updated_at,
    dirtyPaths:
      row.local === null
        ? []
        : diffPaths((parse(row.base) ?? {}) as JsonObject, parse(row.local) as JsonObject),
    conflicts: conflicts.map((c) => ({
      path: c.path,
      base: parse(c.base),
      mine: parse(c.mine),
      theirs: parse(c.theirs),
      detectedAt: c.detected_at,
    })),
  };
}

export function getRecord(
  sqlite: Database.Database,
  key: { connectionId: string; entity: string; remoteId: string } | { recordId: number },
): RecordDetail {
  const row = (
    'recordId' in key
      ? sqlite.prepare(`SELECT * FROM record WHERE id = ?`).get(key.recordId)
      : sqlite
          .prepare(`SELECT * FROM record WHERE connection_id = ? AND entity = ? AND remote_id = ?`)
          .get(key.connectionId, key.entity, key.remoteId)
  ) as RecordRow | undefined;
  if (!row) {
    const what = 'recordId' in key ? `#${key.recordId}` : `${key.entity} ${key.remoteId}`;
    throw new StewardError('not_found', `No mirrored record ${what}. Sync the connection, or check the id.`);
  }
  return detail(sqlite, row);
}

/**
 * Resolves one conflicted field. Mine keeps the local value (it will be pushed); theirs takes the
 * remote value (now the base); a value replaces both. The choice is journaled like any edit.
 */
export function resolveConflict(
  sqlite: Database.Database,
  input: { recordId: number; path: string; choice: 'mine' | 'theirs' | 'value'; value?: unknown },
  now: () => Date,
): ConflictResolution {
  return sqlite.transaction(() => {
    const row = sqlite.prepare(`SELECT * FROM record WHERE id = ?`).get(input.recordId) as
      RecordRow | undefined;
    const conflict = sqlite
      .prepare(`SELECT mine FROM conflict WHERE record_id = ? AND path = ?`)
      .get(input.recordId, input.path) as { mine: string | null } | undefined;
    if (!row || !conflict) {
      throw new StewardError('not_found', `No open conflict on ${input.path} of record #${input.recordId}.`);
    }
    if (input.choice === 'value' && input.value === undefined) {
      throw new StewardError('invalid_input', 'Resolving with a value needs the value.');
    }
    const base = (parse(row.base) ?? {}) as JsonObject;
    const local = (parse(row.local) ?? base) as JsonObject;
    const chosen =
      input.choice === 'mine'
        ? conflict.mine === null
          ? undefined
          : JSON.parse(conflict.mine)
        : input.choice === 'theirs'
          ? getPath(base, input.path)
          : input.value;
    const old = getPath(local, input.path);
    const next = chosen === undefined ? deletePath(local, input.path) : setPath(local, input.path, chosen);
    const at = now().toISOString();
    sqlite.prepare(`DELETE FROM conflict WHERE record_id = ? AND path = ?`).run(row.id, input.path);
    const remaining = (
      sqlite.prepare(`SELECT count(*) AS n FROM conflict WHERE record_id = ?`).get(row.id) as { n: number }
    ).n;
    const same = jsonEqual(next, base);
    const state: RecordState = remaining > 0 ? 'conflict' : same ? 'clean' : 'dirty';
    sqlite
      .prepare(`UPDATE record SET local = ?, state = ?, updated_at = ? WHERE id = ?`)
      .run(state === 'clean' ? null : JSON.stringify(next), state, at, row.id);
    createOutboxWriter(sqlite).touch({ id: row.id, connection_id: row.connection_id, state }, at);
    sqlite
      .prepare(`INSERT INTO edit (record_id, path, old, new, group_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(
        row.id,
        input.path,
        JSON.stringify(old ?? null),
        JSON.stringify(chosen ?? null),
        `resolve:${randomUUID()}`,
        at,
      );
    return { recordId: row.id, state, remaining };
  })();
}
