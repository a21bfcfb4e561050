/** Names and ids people type on the command line, turned into connections and records. */
import type { Connection, RecordDetail } from '../shared/domain';
import { StewardError } from '../shared/errors';
import type { Caller } from '../shared/rpc';

/** A connection by id or name; a cheap list lookup (the detail channel counts every record). */
export async function findConnection(call: Caller, nameOrId: string): Promise<Connection> {
  const list = await call('connections:list', {});
  const found = list.find((c) => c.id === nameOrId) ?? list.find((c) => c.name === nameOrId);
  if (!found)
    throw new StewardError('not_found', `No connection named "${nameOrId}". See \`steward connections\`.`);
  return found;
}

/** `ID` is the remote id; `#N` is the mirror's record number (records not sent yet have no remote id). */
export function findRecord(
  call: Caller,
  connectionId: string,
  entity: string,
  id: string,
): Promise<RecordDetail> {
  return /^#\d+$/.test(id)
    ? call('records:get', { recordId: Number(id.slice(1)) })
    : call('records:get', { connectionId, entity, remoteId: id });
}
