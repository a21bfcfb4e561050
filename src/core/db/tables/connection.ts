import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Kysely } from 'kysely';
import type { Connection, ConnectionKind, ConnectionStatus } from '../../../shared/domain';
import type { DB } from '../schema';

export interface ConnectionTable {
  id: string;
  name: string;
  kind: ConnectionKind;
  base_url: string;
  demo: Generated<number>;
  settings: Generated<string>;
  status: Generated<ConnectionStatus>;
  last_sync_at: string | null;
  last_error: string | null;
  created_at: string;
}
export type ConnectionRow = Selectable<ConnectionTable>;
export type NewConnectionRow = Insertable<ConnectionTable>;
export type ConnectionUpdate = Updateable<ConnectionTable>;

export function toConnection(row: ConnectionRow): Connection {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.base_url,
    demo: row.demo === 1,
    settings: JSON.parse(row.settings) as Record<string, string>,
    status: row.status,
    lastSyncAt: row.last_sync_at,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}

export async function listConnections(db: Kysely<DB>): Promise<Connection[]> {
  const rows = await db.selectFrom('connection').selectAll().orderBy('demo').orderBy('name').execute();
  return rows.map(toConnection);
}

export async function findConnection(db: Kysely<DB>, idOrName: string): Promise<Connection | undefined> {
  const row = await db
    .selectFrom('connection')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return row ? toConnection(row) : undefined;
}

export async function insertConnection(db: Kysely<DB>, row: NewConnectionRow): Promise<void> {
  await db.insertInto('connection').values(row).execute();
}
