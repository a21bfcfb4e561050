/**
 * Opens the mirror database: WAL (readers never block the writer), foreign keys on, and
 * synchronous=FULL so an edit and its outbox row are on disk when the transaction returns
 * (DESIGN.md, push semantics). Migrations run before anything else touches it.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { StewardError } from '../../shared/errors';
import { migrate } from './migrate';
import type { DB } from './schema';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another ABI (the Electron build). */
  nativeBinding?: string;
  /** Stop after this schema version (tests of individual migrations). */
  targetVersion?: number;
}

export interface Store {
  sqlite: Database.Database;
  db: Kysely<DB>;
  path: string;
  close(): Promise<void>;
}

export function openSqlite(path: string, opts: OpenOptions = {}): Database.Database {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (err) {
    throw new StewardError(
      'unavailable',
      `Cannot open the database ${path}: ${(err as Error).message}. Check that the data folder is writable.`,
    );
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

export function openStore(path: string, opts: OpenOptions = {}): Store {
  const sqlite = openSqlite(path, opts);
  try {
    migrate(sqlite, undefined, opts.targetVersion);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  let closed = false;
  return {
    sqlite,
    db,
    path,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

/**
 * Runs `fn` with `synchronous=NORMAL`, then restores FULL. Only for transactions whose loss on a power
 * cut is harmless because they carry their own resume point: a sync page and its cursor commit or
 * vanish together, and a vanished page is simply pulled again. Edits and outbox rows stay FULL.
 * Safe because better-sqlite3 is synchronous: nothing else runs on this connection meanwhile.
 */
export function withRelaxedSync<T>(sqlite: Database.Database, fn: () => T): T {
  return withPragma(sqlite, 'synchronous = NORMAL', 'synchronous = FULL', fn);
}

/**
 * Runs `fn` with the tables' CHECK constraints off (`ignore_check_constraints`), then on again. Only
 * for set-based statements that write nothing but values valid by construction: constants, CASEs
 * over valid states, `json_set` output and `->` extracts (see the editor's set-based path). Over
 * 100,000 rows the checks cost ~180 ms of a 1.1 s set field, mostly re-parsing every new local
 * document with json_valid and matching each outbox row's constant state against its IN list.
 * CHECKs are compiled into statements, so SQLite re-prepares the connection's statements after each
 * switch (a few milliseconds). Safe because better-sqlite3 is synchronous: nothing else runs on this
 * connection meanwhile.
 */
export function withoutChecks<T>(sqlite: Database.Database, fn: () => T): T {
  return withPragma(sqlite, 'ignore_check_constraints = ON', 'ignore_check_constraints = OFF', fn);
}

/** Runs `fn` with one connection setting, restoring the usual one however `fn` ends. */
function withPragma<T>(sqlite: Database.Database, during: string, after: string, fn: () => T): T {
  sqlite.pragma(during);
  try {
    return fn();
  } finally {
    sqlite.pragma(after);
  }
}
