/**
 * Migrations run from a static, ordered list; each runs in its own transaction and bumps
 * `PRAGMA user_version`. A merged migration is never edited: changes go in a new one.
 */
import type Database from 'better-sqlite3';
import { StewardError } from '../../shared/errors';
import { m001Mirror } from './migrations/001-mirror';
import { m002Jobs } from './migrations/002-jobs';
import { m003Settings } from './migrations/003-settings';
import { m004EditGroups } from './migrations/004-edit-groups';
import { m005Search } from './migrations/005-search';
import { m006SearchTriggers } from './migrations/006-search-triggers';
import { m007ValidationCancelled } from './migrations/007-validation-cancelled';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  m001Mirror,
  m002Jobs,
  m003Settings,
  m004EditGroups,
  m005Search,
  m006SearchTriggers,
  m007ValidationCancelled,
];

export const LATEST_SCHEMA_VERSION = migrations.length;

export function schemaVersion(sqlite: Database.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations up to `target` (default: all). Returns the versions applied. */
export function migrate(
  sqlite: Database.Database,
  list: readonly Migration[] = migrations,
  target = list.length,
): number[] {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list out of order at ${m.name} (${m.version})`);
  });
  const current = schemaVersion(sqlite);
  if (current > list.length) {
    throw new StewardError(
      'unavailable',
      `This data folder was written by a newer PIM Steward (schema ${current}; this version knows ${list.length}). ` +
        'Update the app, or point it at another data folder.',
    );
  }
  const applied: number[] = [];
  for (const m of list.slice(current, target)) {
    sqlite
      .transaction(() => {
        sqlite.exec(m.sql);
        sqlite.pragma(`user_version = ${m.version}`);
      })
      .immediate();
    applied.push(m.version);
  }
  return applied;
}
