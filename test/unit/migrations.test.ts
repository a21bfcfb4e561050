import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, openStore } from '../../src/core/db/open';
import { LATEST_SCHEMA_VERSION, migrate, migrations, schemaVersion } from '../../src/core/db/migrate';

const tablesOf = (db: ReturnType<typeof openSqlite>) =>
  (
    db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as {
      name: string;
    }[]
  ).map((r) => r.name);

const EXPECTED_TABLES: Record<number, string[]> = {
  1: ['connection', 'record', 'conflict', 'edit', 'outbox', 'sync_cursor'],
  2: ['import_job', 'validation_run', 'validation_issue', 'activity'],
  3: ['setting'],
  4: ['undo_group'],
  5: ['search_dirty', 'record_search'],
  6: [],
  7: [],
};

/** FTS5's own shadow tables (not STRICT: SQLite creates them). */
const FTS_SHADOW = /^record_search_(config|data|docsize|idx)$/;

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are numbered 1..n in list order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
    expect(Object.keys(EXPECTED_TABLES).length).toBe(migrations.length);
  });

  it.each(migrations.map((m) => [m.version, m.name] as const))(
    'migration %i (%s) applies on top of the previous ones and creates its STRICT tables',
    (version) => {
      const db = openSqlite(join(dir, 'm.sqlite'));
      migrate(db, migrations, version - 1);
      const before = tablesOf(db);
      expect(migrate(db, migrations, version)).toEqual([version]);
      expect(schemaVersion(db)).toBe(version);
      const added = tablesOf(db).filter((t) => !before.includes(t) && !FTS_SHADOW.test(t));
      expect(added.sort()).toEqual([...(EXPECTED_TABLES[version] ?? [])].sort());
      for (const table of added) {
        const sql = (db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).get(table) as { sql: string })
          .sql;
        if (table === 'record_search') expect(sql).toMatch(/^CREATE VIRTUAL TABLE record_search USING fts5/);
        else expect(sql).toMatch(/\)\s*STRICT$/);
      }
      db.close();
    },
  );

  it('opens with WAL, foreign keys and synchronous=FULL, and re-opening is a no-op', async () => {
    const path = join(dir, 'a.sqlite');
    const store = openStore(path);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
    const again = openSqlite(path);
    expect(migrate(again)).toEqual([]);
    expect(schemaVersion(again)).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('enforces types (STRICT), checks and foreign keys', async () => {
    const store = openStore(join(dir, 'b.sqlite'));
    const { sqlite } = store;
    const now = new Date().toISOString();
    expect(() =>
      sqlite
        .prepare(`INSERT INTO connection (id, name, kind, base_url, created_at) VALUES (?, ?, ?, ?, ?)`)
        .run('c1', 'Shop', 'magento', 'https://x', now),
    ).toThrow(/CHECK constraint/);
    sqlite
      .prepare(`INSERT INTO connection (id, name, kind, base_url, created_at) VALUES (?, ?, ?, ?, ?)`)
      .run('c1', 'Shop', 'wexbo', 'https://x', now);
    expect(() =>
      sqlite
        .prepare(`INSERT INTO sync_cursor (connection_id, entity, done) VALUES (?, ?, ?)`)
        .run('c1', 'product', 'many'),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      sqlite
        .prepare(`INSERT INTO record (connection_id, entity, remote_id, updated_at) VALUES (?, ?, ?, ?)`)
        .run('nope', 'product', 'p1', now),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO record (connection_id, entity, remote_id, base, updated_at) VALUES (?, ?, ?, ?, ?)`,
        )
        .run('c1', 'product', 'p1', '{not json', now),
    ).toThrow(/CHECK constraint/);
    sqlite
      .prepare(
        `INSERT INTO record (connection_id, entity, remote_id, base, updated_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run('c1', 'product', 'p1', '{}', now);
    expect(() =>
      sqlite
        .prepare(`INSERT INTO record (connection_id, entity, remote_id, updated_at) VALUES (?, ?, ?, ?)`)
        .run('c1', 'product', 'p1', now),
    ).toThrow(/UNIQUE/);
    // Deleting a connection removes its mirror.
    sqlite.prepare(`DELETE FROM connection WHERE id = 'c1'`).run();
    expect(sqlite.prepare(`SELECT count(*) AS n FROM record`).get()).toEqual({ n: 0 });
    await store.close();
  });

  it('marks inserted and changed records for the search index, also under an UPSERT whose row is already marked (migration 6)', async () => {
    const store = openStore(join(dir, 'e.sqlite'));
    const { sqlite } = store;
    const now = new Date().toISOString();
    sqlite
      .prepare(
        `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES ('c1', 'Shop', 'wexbo', 'https://x', ?)`,
      )
      .run(now);
    const marked = () =>
      (
        sqlite.prepare(`SELECT record_id FROM search_dirty ORDER BY record_id`).all() as {
          record_id: number;
        }[]
      ).map((r) => r.record_id);
    // The sync's ingest: an UPSERT on the remote key (src/core/mirror/ingest.ts).
    const upsert = sqlite.prepare(`
      INSERT INTO record (connection_id, entity, remote_id, base, state, updated_at)
      VALUES ('c1', 'product', ?, ?, 'clean', ?)
      ON CONFLICT (connection_id, entity, remote_id) WHERE remote_id IS NOT NULL DO UPDATE SET
        base = excluded.base, updated_at = excluded.updated_at`);
    upsert.run('p1', '{"name":"a"}', now);
    upsert.run('p2', '{"name":"b"}', now);
    expect(marked()).toEqual([1, 2]);
    // Already marked: the trigger's insert conflicts and must do nothing, not abort the UPSERT.
    upsert.run('p1', '{"name":"a2"}', now);
    sqlite.prepare(`UPDATE record SET local = '{"name":"b2"}' WHERE id = 2`).run();
    expect(marked()).toEqual([1, 2]);
    expect(sqlite.prepare(`SELECT base FROM record WHERE id = 1`).pluck().get()).toBe('{"name":"a2"}');
    // Indexed (no longer marked), then changed again: marked again.
    sqlite.prepare(`DELETE FROM search_dirty`).run();
    upsert.run('p2', '{"name":"b3"}', now);
    sqlite.prepare(`UPDATE record SET remote_id = 'p1x' WHERE id = 1`).run();
    expect(marked()).toEqual([1, 2]);
    // A change of a column the index does not read marks nothing.
    sqlite.prepare(`DELETE FROM search_dirty`).run();
    sqlite.prepare(`UPDATE record SET updated_at = ?, state = 'dirty'`).run(now);
    expect(marked()).toEqual([]);
    await store.close();
  });

  it('migration 7 lets a validation run be cancelled and keeps every run and issue, still linked', () => {
    const db = openSqlite(join(dir, 'f.sqlite'));
    migrate(db, migrations, 6);
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES ('c1', 'Shop', 'wexbo', 'https://x', ?)`,
    ).run(now);
    const addRun = db.prepare(
      `INSERT INTO validation_run (file_name, template, connection_id, status, rows, errors, report, created_at) VALUES (?, 'wexbo-products', 'c1', ?, 3, 1, '{"a":1}', ?)`,
    );
    const first = Number(addRun.run('/tmp/a.csv', 'done', now).lastInsertRowid);
    const second = Number(addRun.run('/tmp/b.csv', 'failed', now).lastInsertRowid);
    const addIssue = db.prepare(
      `INSERT INTO validation_issue (run_id, row, col, value, rule, severity, message) VALUES (?, ?, 'price', 'abc', 'number', 'error', 'Not a number')`,
    );
    addIssue.run(first, 2);
    addIssue.run(first, 3);
    addIssue.run(second, 7);
    expect(() => addRun.run('/tmp/c.csv', 'cancelled', now)).toThrow(/CHECK constraint/);
    const before = {
      runs: db.prepare(`SELECT * FROM validation_run ORDER BY id`).all(),
      issues: db.prepare(`SELECT * FROM validation_issue ORDER BY id`).all(),
    };

    expect(migrate(db, migrations, 7)).toEqual([7]);
    expect(db.prepare(`SELECT * FROM validation_run ORDER BY id`).all()).toEqual(before.runs);
    expect(db.prepare(`SELECT * FROM validation_issue ORDER BY id`).all()).toEqual(before.issues);
    const cancelled = Number(addRun.run('/tmp/c.csv', 'cancelled', now).lastInsertRowid);
    expect(db.prepare(`SELECT status FROM validation_run WHERE id = ?`).pluck().get(cancelled)).toBe(
      'cancelled',
    );
    expect(() => addRun.run('/tmp/d.csv', 'stopped', now)).toThrow(/CHECK constraint/);
    // The issues still belong to their runs: the reference names the final table, and deleting a run
    // deletes its issues.
    const issueSql = db
      .prepare(`SELECT sql FROM sqlite_schema WHERE name = 'validation_issue'`)
      .pluck()
      .get() as string;
    expect(issueSql).toMatch(/REFERENCES "?validation_run"? \(id\) ON DELETE CASCADE/);
    expect(issueSql).toMatch(/\)\s*STRICT$/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => addIssue.run(999, 1)).toThrow(/FOREIGN KEY/);
    db.prepare(`DELETE FROM validation_run WHERE id = ?`).run(first);
    expect(db.prepare(`SELECT run_id FROM validation_issue`).pluck().all()).toEqual([second]);
    expect(
      db
        .prepare(`SELECT name FROM sqlite_schema WHERE name LIKE '%_new' OR name = 'validation_issue_run'`)
        .pluck()
        .all(),
    ).toEqual(['validation_issue_run']);
    db.close();
  });

  it('refuses a database written by a newer version, with a message that says what to do', () => {
    const db = openSqlite(join(dir, 'c.sqlite'));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    expect(() => migrate(db)).toThrow(/newer PIM Steward.*Update the app/);
    db.close();
  });

  it('rolls a failing migration back whole', () => {
    const db = openSqlite(join(dir, 'd.sqlite'));
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE t (a INTEGER) STRICT; SELECT nope FROM missing;',
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(tablesOf(db)).not.toContain('t');
    db.close();
  });
});
