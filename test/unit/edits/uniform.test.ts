/**
 * Setting one value on many records goes through a set-based path (editor.applyUniform). It must
 * leave exactly what the per-record path leaves: the same local documents and states, the same
 * journal, the same outbox operations, the same rejections, and undo/redo must work on it. Two
 * identical databases, one edited each way, are compared row by row, over a selection mixing clean,
 * edited, new, conflicted, deleted and in-flight records, records that already hold the value (also
 * written as 2.0 or with a \u escape, which the set-based path compares in SQL), a number stored as
 * text, and records of two connections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, withoutChecks } from '../../../src/core/db/open';
import type { Store } from '../../../src/core/db/open';
import { createEditor } from '../../../src/core/edits/editor';

const AT = '2026-12-03T10:00:00.000Z';
const N = 400;

function seed(store: Store): number[] {
  const { sqlite } = store;
  sqlite
    .prepare(
      `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES ('w', 'Shop', 'wexbo', 'http://127.0.0.1:9', ?)`,
    )
    .run(AT);
  sqlite
    .prepare(
      `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES ('w2', 'Outlet', 'wexbo', 'http://127.0.0.1:9', ?)`,
    )
    .run(AT);
  const ins = sqlite.prepare(
    `INSERT INTO record (connection_id, entity, remote_id, base, local, state, updated_at) VALUES (?, 'products', ?, ?, ?, ?, ?)`,
  );
  const ids: number[] = [];
  for (let i = 0; i < N; i++) {
    const base = {
      id: i,
      code: `p-${i}`,
      name: `Product ${i}`,
      stock: i % 5,
      brand: 'Acme',
      active: i % 3 === 0,
    };
    let local: object | null = null;
    let state = 'clean';
    let remote: string | null = String(i);
    let baseJson: string | null = JSON.stringify(base);
    // The same values as other texts: 2.0 for 2, "Acm\u0065" for "Acme", and a number as text.
    if (i % 10 === 7)
      baseJson = baseJson.replace(/"stock":(\d)/, '"stock":$1.0').replace('Acme', 'Acm\\u0065');
    if (i % 10 === 8) baseJson = baseJson.replace(/"stock":(\d)/, '"stock":"$1"');
    if (i % 10 === 1) [local, state] = [{ ...base, name: 'Edited' }, 'dirty'];
    if (i % 10 === 2) [local, state] = [{ ...base, stock: 9 }, 'dirty']; // only stock differs: clean after stock = base
    if (i % 10 === 3)
      [local, state, remote, baseJson] = [{ code: `n-${i}`, name: 'New', stock: 1 }, 'new', null, null];
    if (i % 10 === 4) [local, state] = [{ ...base, stock: 8 }, 'conflict'];
    if (i % 10 === 5) state = 'deleted-local';
    const connection = i % 50 === 49 ? 'w2' : 'w';
    ids.push(
      Number(
        ins.run(connection, remote, baseJson, local === null ? null : JSON.stringify(local), state, AT)
          .lastInsertRowid,
      ),
    );
  }
  const conflict = sqlite.prepare(
    `INSERT INTO conflict (record_id, path, base, mine, theirs, detected_at) VALUES (?, 'stock', '1', '8', '2', ?)`,
  );
  const queued = sqlite.prepare(
    `INSERT INTO outbox (record_id, connection_id, op, client_op_id, state, revision, created_at, updated_at) VALUES (?, (SELECT connection_id FROM record WHERE id = ?), ?, ?, ?, 1, ?, ?)`,
  );
  ids.forEach((id, i) => {
    if (i % 10 === 4) conflict.run(id, AT);
    if (i % 10 === 1 || i % 10 === 2) queued.run(id, id, 'update', `op-${i}`, 'queued', AT, AT);
    if (i % 10 === 3) queued.run(id, id, 'create', `op-${i}`, 'queued', AT, AT);
    if (i % 10 === 6) queued.run(id, id, 'update', `op-${i}`, 'sending', AT, AT);
  });
  return ids;
}

function snapshot(store: Store) {
  const { sqlite } = store;
  return {
    records: sqlite.prepare(`SELECT id, local, state FROM record ORDER BY id`).all(),
    // Old and new as values: the set-based journal keeps the text as the document had it (2.0, \u0065).
    edits: (
      sqlite.prepare(`SELECT record_id, path, old, new, undone FROM edit ORDER BY record_id, id`).all() as {
        old: string | null;
        new: string | null;
      }[]
    ).map((e) => ({
      ...e,
      old: e.old === null ? null : JSON.parse(e.old),
      new: e.new === null ? null : JSON.parse(e.new),
    })),
    outbox: sqlite
      .prepare(`SELECT record_id, op, state, revision, attempts, last_error FROM outbox ORDER BY record_id`)
      .all(),
    conflicts: sqlite.prepare(`SELECT record_id, path FROM conflict ORDER BY record_id, path`).all(),
    groups: sqlite
      .prepare(`SELECT connection_id, label, undone_at IS NOT NULL AS undone FROM undo_group ORDER BY seq`)
      .all(),
  };
}

/** Two identical seeded databases per test: one edited set-based, the other per record. */
function twoStores(): { a: Store; b: Store; ids: number[] } {
  const dir = { path: '' };
  const out = {} as { a: Store; b: Store; ids: number[] };
  beforeEach(() => {
    dir.path = mkdtempSync(join(tmpdir(), 'steward-uniform-'));
    out.a = openStore(join(dir.path, 'a.sqlite'));
    out.b = openStore(join(dir.path, 'b.sqlite'));
    out.ids = seed(out.a);
    seed(out.b);
  });
  afterEach(async () => {
    await out.a.close();
    await out.b.close();
    rmSync(dir.path, { recursive: true, force: true });
  });
  return out;
}

describe('one value on many records', () => {
  const stores = twoStores();

  it.each([
    ['stock', 2],
    ['brand', 'Globex'],
    ['name', 'Product 7'],
    ['stock', 'twelve'],
    ['ean', null],
    ['brand', 'Acme'],
    ['active', false],
    ['active', true],
    ['code', 'p-17'],
  ] as const)('set %s = %j: the set-based path leaves what the per-record path leaves', (path, value) => {
    const { a, b, ids } = stores;
    const now = () => new Date(AT);
    const fast = createEditor(a.sqlite, now).applyUniform('Set', ids, path, value);
    const slow = createEditor(b.sqlite, now).apply(
      'Set',
      ids.map((recordId) => ({ recordId, path, value })),
    );
    expect({ ...fast, groupId: fast.groupId !== null }).toEqual({ ...slow, groupId: slow.groupId !== null });
    const sa = snapshot(a);
    const sb = snapshot(b);
    expect(sa.records.map((r) => ({ ...(r as object), local: parse(r) }))).toEqual(
      sb.records.map((r) => ({ ...(r as object), local: parse(r) })),
    );
    expect(sa.edits).toEqual(sb.edits);
    expect(sa.outbox).toEqual(sb.outbox);
    expect(sa.conflicts).toEqual(sb.conflicts);
    expect(sa.groups).toEqual(sb.groups);
    // The set-based statements ran with CHECK constraints off: what they wrote passes them, and they
    // are on again.
    expect(
      a.sqlite
        .prepare(
          `SELECT count(*) FROM record WHERE NOT json_valid(local) OR state NOT IN ('clean', 'dirty', 'conflict', 'new', 'deleted-local', 'deleted-remote')`,
        )
        .pluck()
        .get(),
    ).toBe(0);
    // The per-record path (a group of 200 records or more) too.
    for (const store of [a, b])
      expect(() => store.sqlite.prepare(`UPDATE record SET local = '{bad' WHERE id = ?`).run(ids[0])).toThrow(
        /CHECK constraint/,
      );
    // New client op ids are unique: UUIDv7s ending in the record id from the set-based statements,
    // v4 from the per-record path (records in conflict or in flight).
    const ops = a.sqlite.prepare(`SELECT record_id AS id, client_op_id AS op FROM outbox`).all() as {
      id: number;
      op: string;
    }[];
    expect(new Set(ops.map((o) => o.op)).size).toBe(ops.length);
    const v7 = ops.filter((x) => !x.op.startsWith('op-') && x.op[14] === '7');
    for (const { op } of ops.filter((x) => !x.op.startsWith('op-') && x.op[14] !== '7'))
      expect(op).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const { id, op } of v7) {
      expect(op).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(op.slice(-12), 16)).toBe(id);
      // The first 48 bits are the time in milliseconds.
      expect(Math.abs(parseInt(op.slice(0, 8) + op.slice(9, 13), 16) - Date.now())).toBeLessThan(60_000);
    }
  });

  it('undoes and redoes a set-based group exactly as a per-record group', () => {
    const { a, b, ids } = stores;
    const now = () => new Date(AT);
    const fast = createEditor(a.sqlite, now);
    const slow = createEditor(b.sqlite, now);
    const out = fast.applyUniform('Set stock', ids, 'stock', 3);
    slow.apply(
      'Set stock',
      ids.map((recordId) => ({ recordId, path: 'stock', value: 3 })),
    );
    expect(out.changed).toBeGreaterThan(200);
    const same = () => {
      const sa = snapshot(a);
      const sb = snapshot(b);
      expect(sa.records.map((r) => ({ ...(r as object), local: parse(r) }))).toEqual(
        sb.records.map((r) => ({ ...(r as object), local: parse(r) })),
      );
      expect(sa.outbox).toEqual(sb.outbox);
      expect(sa.edits).toEqual(sb.edits);
    };
    expect(fast.undo()?.changed).toBe(out.changed);
    slow.undo();
    same();
    // Clean records went back to clean, with nothing queued.
    const clean = ids.filter((_, i) => i % 10 === 0);
    const states = a.sqlite
      .prepare(`SELECT state FROM record WHERE id IN (${clean.join(',')})`)
      .pluck()
      .all() as string[];
    expect(new Set(states)).toEqual(new Set(['clean']));
    expect(fast.redo()?.changed).toBe(out.changed);
    slow.redo();
    same();
  });
});

describe('the set-based path, refusing', () => {
  const stores = twoStores();

  it('names a record missing from the mirror and changes nothing', () => {
    const { a, ids } = stores;
    const editor = createEditor(a.sqlite, () => new Date(AT));
    const before = snapshot(a);
    expect(() => editor.applyUniform('Set', [...ids, 99_999], 'brand', 'Globex')).toThrow(
      /No record #99999 in the mirror/,
    );
    expect(snapshot(a)).toEqual(before);
  });

  it('turns CHECK constraints back on when what runs without them fails', () => {
    const { a } = stores;
    expect(() =>
      withoutChecks(a.sqlite, () => {
        a.sqlite.prepare(`UPDATE record SET state = 'odd' WHERE id = 1`).run();
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(() => a.sqlite.prepare(`UPDATE record SET state = 'odd2' WHERE id = 2`).run()).toThrow(
      /CHECK constraint/,
    );
  });
});

describe('undo and redo of a big one-field group', () => {
  const stores = twoStores();

  it('replays set-based exactly as the per-record replay does', () => {
    const { a, b, ids } = stores;
    const now = () => new Date(AT);
    // Only clean, edited and new records: the group qualifies for the set-based replay.
    const plain = ids.filter((_, i) => [0, 1, 2, 3, 7, 8, 9].includes(i % 10));
    const fast = createEditor(a.sqlite, now);
    const slow = createEditor(b.sqlite, now, { setBased: false });
    const out = fast.applyUniform('Set brand', plain, 'brand', 'Globex');
    slow.applyUniform('Set brand', plain, 'brand', 'Globex');
    expect(out.changed).toBeGreaterThan(200);
    const same = () => {
      const sa = snapshot(a);
      const sb = snapshot(b);
      expect(sa.records.map((r) => ({ ...(r as object), local: parse(r) }))).toEqual(
        sb.records.map((r) => ({ ...(r as object), local: parse(r) })),
      );
      expect(sa.outbox).toEqual(sb.outbox);
      expect(sa.edits).toEqual(sb.edits);
      expect(sa.groups).toEqual(sb.groups);
    };
    same();
    expect(fast.undo()?.changed).toBe(out.changed);
    slow.undo();
    same();
    expect(fast.redo()?.changed).toBe(out.changed);
    slow.redo();
    same();
    expect(fast.undo()?.changed).toBe(out.changed);
    slow.undo();
    same();
  });
});

function parse(r: unknown): unknown {
  const local = (r as { local: string | null }).local;
  return local === null ? null : JSON.parse(local);
}
