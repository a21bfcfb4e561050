/** Adding, changing, removing and testing connections. Secrets go to the secrets port only. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Connection, ConnectionKind, ConnectionStatus } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import type { DB } from '../db/schema';
import { findConnection, toConnection } from '../db/tables/connection';
import { isLoopbackHost } from '../net';
import type { SecretStore } from '../secrets';
import { connectionSecretKey } from '../secrets';

export interface NewConnection {
  name: string;
  kind: ConnectionKind;
  baseUrl: string;
  settings?: Record<string, string>;
  secrets?: Record<string, string>;
  demo?: boolean;
  id?: string;
}

/** HTTPS everywhere except loopback (the demo PIM, a local proxy): the remotes carry credentials. */
export function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StewardError(
      'invalid_input',
      `"${raw}" is not a web address. Use the form https://pim.example.com/api.`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new StewardError(
      'invalid_input',
      `${url.origin} is not HTTPS. Use https:// (plain http is allowed only for this computer, 127.0.0.1).`,
    );
  }
  if (url.username || url.password) {
    throw new StewardError('invalid_input', 'Put credentials in the connection fields, not in the address.');
  }
  return url.toString().replace(/\/$/, '');
}

export async function requireConnection(db: Kysely<DB>, idOrName: string): Promise<Connection> {
  const conn = await findConnection(db, idOrName);
  if (!conn)
    throw new StewardError('not_found', `No connection named "${idOrName}". See \`steward connections\`.`);
  return conn;
}

export async function createConnection(
  db: Kysely<DB>,
  secrets: SecretStore,
  input: NewConnection,
  now: () => Date,
): Promise<Connection> {
  const name = input.name.trim();
  if (name === '') throw new StewardError('invalid_input', 'A connection needs a name.');
  if (await findConnection(db, name)) {
    throw new StewardError('conflict', `A connection named "${name}" already exists. Choose another name.`);
  }
  const id = input.id ?? `conn_${randomUUID().slice(0, 8)}`;
  const baseUrl = checkBaseUrl(input.baseUrl);
  for (const [field, value] of Object.entries(input.secrets ?? {})) {
    await secrets.set(connectionSecretKey(id, field), value);
  }
  await db
    .insertInto('connection')
    .values({
      id,
      name,
      kind: input.kind,
      base_url: baseUrl,
      demo: input.demo ? 1 : 0,
      settings: JSON.stringify(input.settings ?? {}),
      created_at: now().toISOString(),
    })
    .execute();
  return requireConnection(db, id);
}

export async function updateConnection(
  db: Kysely<DB>,
  secrets: SecretStore,
  id: string,
  patch: {
    name?: string;
    baseUrl?: string;
    settings?: Record<string, string>;
    secrets?: Record<string, string>;
  },
): Promise<Connection> {
  const conn = await requireConnection(db, id);
  if (patch.name !== undefined && patch.name.trim() !== conn.name) {
    const clash = await findConnection(db, patch.name.trim());
    if (clash && clash.id !== conn.id)
      throw new StewardError('conflict', `A connection named "${patch.name}" already exists.`);
  }
  for (const [field, value] of Object.entries(patch.secrets ?? {})) {
    await secrets.set(connectionSecretKey(conn.id, field), value);
  }
  await db
    .updateTable('connection')
    .set({
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.baseUrl !== undefined ? { base_url: checkBaseUrl(patch.baseUrl) } : {}),
      ...(patch.settings !== undefined
        ? { settings: JSON.stringify({ ...conn.settings, ...patch.settings }) }
        : {}),
    })
    .where('id', '=', conn.id)
    .execute();
  return requireConnection(db, conn.id);
}

export async function removeConnection(
  db: Kysely<DB>,
  secrets: SecretStore,
  id: string,
  fields: readonly string[],
): Promise<void> {
  const conn = await requireConnection(db, id);
  await db.deleteFrom('connection').where('id', '=', conn.id).execute();
  for (const field of fields) await secrets.delete(connectionSecretKey(conn.id, field));
}

export async function setConnectionStatus(
  db: Kysely<DB>,
  id: string,
  status: ConnectionStatus,
  lastError: string | null,
  lastSyncAt?: string,
): Promise<void> {
  await db
    .updateTable('connection')
    .set({ status, last_error: lastError, ...(lastSyncAt ? { last_sync_at: lastSyncAt } : {}) })
    .where('id', '=', id)
    .execute();
}

export { toConnection };
