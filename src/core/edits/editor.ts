/**
 * Local edits: each group of cell changes is validated against the remote's field rules, journaled
 * in `edit`, applied to the record's local copy and queued in the outbox, all in one transaction
 * under synchronous=FULL (DESIGN.md, Push). Undo and redo walk `undo_group`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ConnectionKind, RecordState } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import { checkFieldValue, rulesFor } from '../../shared/field-rules';
import { deletePath, diffPaths, getPath, jsonEqual, parsePath, setPath } from '../sync/json-path';
import type { JsonObject } from '../sync/json-path';
import { withoutChecks } from '../db/open';
import { createOutboxWriter, OUTBOX_UPSERT } from './outbox';

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

interface ClassifiedRow {
  id: number;
  connection_id: string;
  entity: string;
  state: RecordState;
  /** The field's current JSON text (null when the field is absent). */
  cur: string | null;
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

export interface EditorOptions {
  /** Use the set-based paths for big uniform groups (default true; tests compare both ways). */
  setBased?: boolean;
}

/**
 * The first 24 characters of a UUIDv7 (RFC 9562) for a batch of client op ids: the time in
 * milliseconds, the version, 26 random bits and the variant; each op adds its record id as the
 * last 48 bits (12 hex digits), so the ids of one batch are unique and those of two batches differ
 * in time or randomness.
 */
export function opIdPrefix(ms = Date.now()): string {
  const ts = ms.toString(16).padStart(12, '0');
  const r = randomBytes(4);
  const randA = ((((r[0] as number) << 4) | ((r[1] as number) >> 4)) & 0xfff).toString(16).padStart(3, '0');
  const variant = (8 | ((r[1] as number) & 3)).toString(16);
  const randB = ((((r[2] as number) << 4) | ((r[3] as number) >> 4)) & 0xfff).toString(16).padStart(3, '0');
  return `${ts.slice(0, 8)}-${ts.slice(8)}-7${randA}-${variant}${randB}-`;
}

export function createEditor(sqlite: Database.Database, now: () => Date, options: EditorOptions = {}) {
  const setBased = options.setBased ?? true;
  /**
   * From this many records on, a group takes the set-based path (one value) and runs without the
   * per-row CHECKs (withoutChecks); below it the per-record path is as fast and simpler.
   */
  const UNIFORM_MIN = 200;
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

  /**
   * One record's edits inside a group: checked, journaled, applied and queued. Returns the fields
   * changed; refused edits go to `rejected`.
   */
  function applyToRecord(
    recordId: number,
    list: readonly CellEdit[],
    groupId: string,
    at: string,
    rejected: Rejection[],
  ): { changed: number; connectionId: string } {
    const row = load(recordId);
    const blocked = editable(row);
    const rules = rulesFor(row.kind, row.entity);
    let doc = (fromJson(row.local) ?? fromJson(row.base) ?? {}) as JsonObject;
    let changed = 0;
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
    }
    if (changed > 0) store(row, doc, at);
    return { changed, connectionId: row.connection_id };
  }

  /** Records the group (when it changed anything) as the top of the undo stack. */
  function closeGroup(
    groupId: string,
    label: string,
    at: string,
    connections: ReadonlySet<string>,
    result: { changed: number; records: number; rejected: Rejection[] },
  ): EditOutcome {
    if (result.changed === 0) return { groupId: null, ...result };
    discardRedo.run();
    insertGroup.run(groupId, connections.size === 1 ? [...connections][0] : null, label, at);
    return { groupId, ...result };
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
        const connections = new Set<string>();
        let changed = 0;
        let records = 0;
        const each = () => {
          for (const [recordId, list] of byRecord) {
            const done = applyToRecord(recordId, list, groupId, at, rejected);
            changed += done.changed;
            // The group belongs to the connections whose records it changed (undo per connection).
            if (done.changed > 0) {
              records++;
              connections.add(done.connectionId);
            }
          }
        };
        // A big group (a pasted block, a file applied) without re-checking per row what this path
        // writes: documents and values from JSON.stringify, states from the state rules, constants
        // in the outbox (~15 % of a 10,000 × 10 paste). A small one keeps the checks: switching
        // them makes SQLite re-prepare the statements it runs next.
        if (byRecord.size >= UNIFORM_MIN) withoutChecks(sqlite, each);
        else each();
        return closeGroup(groupId, label, at, connections, { changed, records, rejected });
      })
      .immediate();
  }

  /** Sets each edit's path back to `pick(edit)` (old for undo, new for redo), outside validation. */
  function replay(groupId: string, pick: 'old' | 'new', at: string): number {
    const many = setBased ? replayUniform(groupId, pick, at) : null;
    if (many !== null) return many;
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

  // ---- One value on many records (set field, fill down), set-based ----
  // The per-record path costs ~25 µs a record in statements and JSON work; for a big selection the
  // same journal, state and outbox changes are made by a few statements over all the records.
  // Records in conflict or with a request in flight keep the per-record path (their state rules are
  // subtle and they are few); so do removals, nested paths and object values.
  const classify = sqlite.prepare(`
    SELECT id, connection_id, entity, state, coalesce(local, base) -> @jp AS cur FROM record
    WHERE id IN (SELECT value FROM json_each(@ids))`);
  const kinds = sqlite.prepare(`SELECT id, kind FROM connection`);
  const inFlight = sqlite.prepare(`SELECT record_id FROM outbox WHERE state = 'sending'`).pluck();
  const journalMany = sqlite.prepare(`
    INSERT INTO edit (record_id, path, old, new, group_id, created_at)
    SELECT id, @path, coalesce(local, base) -> @jp, @value, @groupId, @at FROM record
    WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY id`);
  const setMany = sqlite.prepare(`
    UPDATE record SET local = json_set(coalesce(local, base), @jp, json(@value)),
      state = CASE WHEN state = 'clean' THEN 'dirty' ELSE state END, updated_at = @at
    WHERE id IN (SELECT value FROM json_each(@ids))`);
  // Back to the remote's value everywhere: clean again, nothing to send (store() does the same).
  // The same text is the common case after an undo (json_set writes minified JSON, as the ingest
  // stores it), so it is compared before both documents are parsed and written out again.
  const cleanMany = sqlite.prepare(`
    UPDATE record SET local = NULL, state = 'clean'
    WHERE id IN (SELECT value FROM json_each(@ids)) AND state = 'dirty' AND base IS NOT NULL
      AND (local = base OR json(local) = json(base))`);
  const dropMany = sqlite.prepare(`
    DELETE FROM outbox
    WHERE record_id IN (SELECT id FROM record WHERE id IN (SELECT value FROM json_each(@ids)) AND state = 'clean')
      AND state IN ('queued', 'retrying', 'rejected', 'paused', 'cancelled')`);
  // outbox.ts's upsert for many records. Client op ids are UUIDv7 (opIdPrefix) ending in the
  // record id: they sort together at the end of the outbox's unique index, where random v4 ids
  // were 100,000 inserts at random places (90 ms of a 100k-row set field).
  const queueMany = sqlite.prepare(`
    INSERT INTO outbox (record_id, connection_id, op, client_op_id, state, revision, created_at, updated_at)
    SELECT id, connection_id, CASE state WHEN 'new' THEN 'create' ELSE 'update' END,
      @opPrefix || printf('%012x', id), 'queued', 1, @at, @at
    FROM record
    WHERE id IN (SELECT value FROM json_each(@ids)) AND state IN ('dirty', 'new')
    ${OUTBOX_UPSERT}`);

  const groupShape = sqlite.prepare(`
    SELECT count(*) AS n, count(DISTINCT e.record_id) AS records, min(e.path) AS path, max(e.path) AS maxPath,
      sum(r.state NOT IN ('clean', 'dirty', 'new')) AS odd,
      sum(EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = e.record_id AND o.state = 'sending')) AS sending
    FROM edit e JOIN record r ON r.id = e.record_id WHERE e.group_id = ?`);
  const replayMany = (pick: 'old' | 'new') =>
    sqlite.prepare(`
      UPDATE record SET
        local = CASE WHEN e.v IS NULL THEN json_remove(coalesce(record.local, record.base), @jp)
          ELSE json_set(coalesce(record.local, record.base), @jp, json(e.v)) END,
        state = CASE WHEN record.state = 'clean' THEN 'dirty' ELSE record.state END,
        updated_at = @at
      FROM (SELECT record_id, ${pick} AS v FROM edit WHERE group_id = @groupId) AS e
      WHERE record.id = e.record_id`);
  const replayOld = replayMany('old');
  const replayNew = replayMany('new');
  const groupRecords = sqlite
    .prepare(`SELECT json_group_array(record_id) FROM edit WHERE group_id = ?`)
    .pluck();

  /**
   * Undo or redo of a big group of one field (what applyUniform writes) in a few statements; null
   * when the group is not one (several paths or edits per record, records in conflict, deleted or
   * in flight): the per-record replay takes it.
   */
  function replayUniform(groupId: string, pick: 'old' | 'new', at: string): number | null {
    const g = groupShape.get(groupId) as {
      n: number;
      records: number;
      path: string | null;
      maxPath: string | null;
      odd: number | null;
      sending: number | null;
    };
    if (g.n < UNIFORM_MIN || g.n !== g.records || g.path === null || g.path !== g.maxPath) return null;
    if ((g.odd ?? 0) > 0 || (g.sending ?? 0) > 0) return null;
    if (parsePath(g.path).length !== 1 || /["\\]/.test(g.path)) return null;
    const jp = `$."${g.path}"`;
    // Values valid by construction, as in applyUniform: json_set/json_remove output, constant states.
    withoutChecks(sqlite, () => {
      (pick === 'old' ? replayOld : replayNew).run({ jp, at, groupId });
      const ids = { ids: groupRecords.get(groupId) as string };
      cleanMany.run(ids);
      dropMany.run(ids);
      queueMany.run({ ...ids, at, opPrefix: opIdPrefix() });
    });
    sqlite.prepare(`UPDATE edit SET undone = ? WHERE group_id = ?`).run(pick === 'old' ? 1 : 0, groupId);
    return g.n;
  }

  // The set-based path proper. One pass over the selection counts it per connection and entity (the
  // field rules are per remote kind and entity) and lists the records that need a closer look: those
  // in conflict, deleted or in flight, and those already edited (only they can end up equal to the
  // remote's copy again). Records already holding the value are left out by the journal's insert,
  // and the later statements take the records it journaled; no per-record row reaches JavaScript.
  // That per-record classification cost ~210 ms of a 100,000-row set field.
  const survey = sqlite.prepare(`
    SELECT connection_id, entity, count(*) AS n,
      json_group_array(id) FILTER (WHERE state = 'dirty' AND id NOT IN (SELECT value FROM json_each(@sending))) AS dirty,
      json_group_array(id) FILTER (WHERE state NOT IN ('clean', 'dirty', 'new') OR id IN (SELECT value FROM json_each(@sending))) AS odd
    FROM record WHERE id IN (SELECT value FROM json_each(@ids))
    GROUP BY connection_id, entity`);
  /**
   * True when the record already holds the value, as jsonEqual decides it for a scalar: the same JSON
   * type, and the same number (5 and 5.0 are equal) or text (compared unescaped).
   */
  const holdsValue = (value: null | string | number | boolean): string => {
    const type = `coalesce(json_type(coalesce(local, base), @jp), '')`;
    if (value === null) return `${type} = 'null'`;
    if (typeof value === 'boolean') return `${type} = '${value ? 'true' : 'false'}'`;
    const types = typeof value === 'number' ? `('integer', 'real')` : `('text')`;
    return `${type} IN ${types} AND coalesce(coalesce(local, base) ->> @jp = @v, 0)`;
  };
  const journalChanged = new Map<string, Database.Statement>();
  const journalOf = (value: null | string | number | boolean): Database.Statement => {
    const key = value === null ? 'null' : typeof value === 'boolean' ? String(value) : typeof value;
    let stmt = journalChanged.get(key);
    if (!stmt) {
      stmt = sqlite.prepare(`
        INSERT INTO edit (record_id, path, old, new, group_id, created_at)
        SELECT id, @path, coalesce(local, base) -> @jp, @value, @groupId, @at FROM record
        WHERE id IN (SELECT value FROM json_each(@ids)) AND NOT (${holdsValue(value)}) ORDER BY id`);
      journalChanged.set(key, stmt);
    }
    return stmt;
  };
  const inGroup = `id IN (SELECT record_id FROM edit WHERE group_id = @groupId)`;
  const setJournaled = sqlite.prepare(`
    UPDATE record SET local = json_set(coalesce(local, base), @jp, json(@value)),
      state = CASE WHEN state = 'clean' THEN 'dirty' ELSE state END, updated_at = @at
    WHERE ${inGroup}`);
  const queueJournaled = sqlite.prepare(`
    INSERT INTO outbox (record_id, connection_id, op, client_op_id, state, revision, created_at, updated_at)
    SELECT id, connection_id, CASE state WHEN 'new' THEN 'create' ELSE 'update' END,
      @opPrefix || printf('%012x', id), 'queued', 1, @at, @at
    FROM record
    WHERE ${inGroup} AND state IN ('dirty', 'new')
    ${OUTBOX_UPSERT}`);
  const journaledConnections = sqlite
    .prepare(`SELECT DISTINCT connection_id FROM record WHERE ${inGroup}`)
    .pluck();

  /** Sets one value on many records as one undoable group (same outcome as `apply`). */
  function applyUniform(
    label: string,
    recordIds: readonly number[],
    path: string,
    value: unknown,
  ): EditOutcome {
    const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
    const ids = [...new Set(recordIds)];
    if (
      !setBased ||
      ids.length < UNIFORM_MIN ||
      !scalar ||
      parsePath(path).length !== 1 ||
      /["\\]/.test(path)
    ) {
      return apply(
        label,
        ids.map((recordId) => ({ recordId, path, value })),
      );
    }
    const jp = `$."${path}"`;
    const valueJson = JSON.stringify(value);
    return sqlite
      .transaction((): EditOutcome => {
        const at = now().toISOString();
        const groupId = randomUUID();
        const idsJson = JSON.stringify(ids);
        const inFlightIds = inFlight.all() as number[];
        const groups = survey.all({ ids: idsJson, sending: JSON.stringify(inFlightIds) }) as {
          connection_id: string;
          entity: string;
          n: number;
          dirty: string;
          odd: string;
        }[];
        const kindOf = new Map(
          (kinds.all() as { id: string; kind: ConnectionKind }[]).map((c) => [c.id, c.kind]),
        );
        const found = groups.reduce((sum, g) => sum + g.n, 0);
        const refused = groups.some(
          (g) =>
            checkFieldValue(
              rulesFor(kindOf.get(g.connection_id) as ConnectionKind, g.entity),
              path,
              value,
            ) !== null,
        );
        // A missing record or a value the rules refuse: the record by record classification, which
        // names each record (rare, and then usually for every record of the selection).
        if (found !== ids.length || refused)
          return classifyEach({
            label,
            ids,
            idsJson,
            path,
            jp,
            value,
            groupId,
            at,
            kindOf,
            sending: new Set(inFlightIds),
          });

        const rejected: Rejection[] = [];
        const odd = new Set(groups.flatMap((g) => JSON.parse(g.odd) as number[]));
        const wasDirty = groups.flatMap((g) => JSON.parse(g.dirty) as number[]);
        const plain = odd.size === 0 ? idsJson : JSON.stringify(ids.filter((id) => !odd.has(id)));
        const p = {
          ids: plain,
          jp,
          path,
          value: valueJson,
          v: typeof value === 'boolean' ? null : value,
          groupId,
          at,
        };
        const connections = new Set<string>();
        // Every value these statements write is valid by construction (withoutChecks): the
        // journal's `->` extracts and JSON.stringify'd value, json_set's documents, constant states.
        const changed = withoutChecks(sqlite, () => {
          const n = Number(journalOf(value as null | string | number | boolean).run(p).changes);
          if (n === 0) return 0;
          setJournaled.run({ jp, value: valueJson, groupId, at });
          if (wasDirty.length > 0) {
            const dirty = { ids: JSON.stringify(wasDirty) };
            cleanMany.run(dirty);
            dropMany.run(dirty);
          }
          queueJournaled.run({ groupId, at, opPrefix: opIdPrefix() });
          return n;
        });
        if (changed > 0) {
          const byConnection = new Set(groups.map((g) => g.connection_id));
          for (const c of byConnection.size === 1
            ? byConnection
            : (journaledConnections.all({ groupId }) as string[]))
            connections.add(c);
        }
        let total = changed;
        let records = changed;
        if (odd.size > 0) {
          const slow = classify.all({ jp, ids: JSON.stringify([...odd]) }) as ClassifiedRow[];
          for (const r of slow) {
            const blocked = editable({ state: r.state } as Row);
            if (blocked) {
              rejected.push({ recordId: r.id, path, message: blocked });
              continue;
            }
            if (r.cur !== null && jsonEqual(JSON.parse(r.cur), value)) continue;
            const done = applyToRecord(r.id, [{ recordId: r.id, path, value }], groupId, at, rejected);
            if (done.changed > 0) connections.add(done.connectionId);
            total += done.changed;
            records += done.changed > 0 ? 1 : 0;
          }
        }
        return closeGroup(groupId, label, at, connections, { changed: total, records, rejected });
      })
      .immediate();
  }

  /** applyUniform's record by record classification (inside its transaction, with what it read). */
  function classifyEach(u: {
    label: string;
    ids: readonly number[];
    idsJson: string;
    path: string;
    jp: string;
    value: unknown;
    groupId: string;
    at: string;
    kindOf: ReadonlyMap<string, ConnectionKind>;
    sending: ReadonlySet<number>;
  }): EditOutcome {
    const { label, ids, path, jp, value, groupId, at, kindOf, sending } = u;
    const valueJson = JSON.stringify(value);
    const rows = classify.all({ jp, ids: u.idsJson }) as ClassifiedRow[];
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((r) => r.id));
      const missing = ids.find((id) => !found.has(id));
      throw new StewardError('not_found', `No record #${missing} in the mirror.`);
    }
    const rejected: Rejection[] = [];
    const problems = new Map<string, string | null>();
    const fast: number[] = [];
    /** Of those, the ones already edited: only they can end up equal to the remote's copy again. */
    const wasDirty: number[] = [];
    const slow: CellEdit[] = [];
    const connections = new Set<string>();
    for (const r of rows) {
      const blocked = editable({ state: r.state } as Row);
      const kind = kindOf.get(r.connection_id) as ConnectionKind;
      const key = `${kind}\u0000${r.entity}`;
      if (!problems.has(key)) problems.set(key, checkFieldValue(rulesFor(kind, r.entity), path, value));
      const problem = blocked ?? problems.get(key) ?? null;
      if (problem) {
        rejected.push({ recordId: r.id, path, message: problem });
        continue;
      }
      if (r.cur !== null && jsonEqual(JSON.parse(r.cur), value)) continue;
      if (r.state === 'conflict' || sending.has(r.id)) slow.push({ recordId: r.id, path, value });
      else {
        fast.push(r.id);
        if (r.state === 'dirty') wasDirty.push(r.id);
        connections.add(r.connection_id);
      }
    }
    let changed = 0;
    let records = 0;
    if (fast.length > 0) {
      const p = { ids: JSON.stringify(fast), jp, path, value: valueJson, groupId, at };
      journalMany.run(p);
      setMany.run(p);
      // Only a record edited before can be back to the remote's copy (a clean one whose value
      // differed cannot): the others skip the comparison of two whole documents.
      if (wasDirty.length > 0) {
        const dirty = { ids: JSON.stringify(wasDirty) };
        cleanMany.run(dirty);
        dropMany.run(dirty);
      }
      queueMany.run({ ids: p.ids, at, opPrefix: opIdPrefix() });
      changed += fast.length;
      records += fast.length;
    }
    for (const e of slow) {
      const done = applyToRecord(e.recordId, [e], groupId, at, rejected);
      if (done.changed > 0) connections.add(done.connectionId);
      changed += done.changed;
      records += done.changed > 0 ? 1 : 0;
    }
    return closeGroup(groupId, label, at, connections, { changed, records, rejected });
  }

  return { apply, applyUniform, undo, redo, revert, load };
}

export type Editor = ReturnType<typeof createEditor>;
