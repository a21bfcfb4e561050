/**
 * Queue rows become the connector's PushOps (connectors/types.ts): a create carries the local
 * document, an update the local document with its base and the paths changed since, a delete the
 * remote id. An update whose local copy no longer differs from its base has nothing left to send.
 */
import type { PushOp } from '../connectors/types';
import { deletePath, diffPaths, getPath, setPath } from '../sync/json-path';
import type { JsonObject } from '../sync/json-path';
import type { QueueRow } from './rows';

export type Built =
  | { kind: 'op'; op: PushOp }
  /** Nothing to send: the local copy equals the base. */
  | { kind: 'noop' }
  /** A delete of a record the remote never had. */
  | { kind: 'gone' }
  | { kind: 'invalid'; message: string };

export function buildOp(row: QueueRow, idempotentCreate: boolean): Built {
  const clientOpId = row.clientOpId;
  switch (row.op) {
    case 'create': {
      const doc = row.local ?? row.base;
      if (!doc) return { kind: 'invalid', message: 'The new record has no data to send.' };
      return { kind: 'op', op: { clientOpId, op: 'create', remoteId: row.remoteId, doc } };
    }
    case 'update': {
      if (row.remoteId === null) {
        return { kind: 'invalid', message: 'The record has no remote id, so it cannot be updated.' };
      }
      if (row.local === null) return { kind: 'noop' };
      const changedPaths = row.base ? diffPaths(row.base, row.local) : Object.keys(row.local);
      if (changedPaths.length === 0) return { kind: 'noop' };
      return {
        kind: 'op',
        op: {
          clientOpId,
          op: 'update',
          remoteId: row.remoteId,
          doc: row.local,
          base: row.base,
          changedPaths,
        },
      };
    }
    case 'delete': {
      const doc = row.local ?? row.base ?? undefined;
      // Remotes that upsert by our id (ETIM, PrintXpand) can delete by the id in the document even
      // when the create's acknowledgement was lost; elsewhere a record without a remote id never
      // reached the remote (uncertain creates are looked up before this).
      if (row.remoteId === null && !(idempotentCreate && doc)) return { kind: 'gone' };
      return {
        kind: 'op',
        op: { clientOpId, op: 'delete', remoteId: row.remoteId, ...(doc ? { doc } : {}) },
      };
    }
  }
}

/**
 * The document a create was sent with, for looking it up after a crash. The sender stores it as the
 * base of a new record when it goes out, because the user may edit the record (even its WEXBO code)
 * before the outcome is known.
 */
export function sentSnapshot(row: QueueRow): JsonObject | null {
  if (row.remoteId === null && row.base !== null) return row.base;
  return row.local ?? row.base;
}

/** A row whose create may have reached the remote without an acknowledgement. */
export function uncertainCreate(row: QueueRow): boolean {
  if (row.sentRevision === null || row.remoteId !== null) return false;
  return row.op === 'create' || row.op === 'delete';
}

/**
 * Local edits made since `sent` went out, replayed onto the remote's document: what the local copy
 * becomes when the base moves from what we sent to what the remote holds.
 */
export function rebase(sent: JsonObject, local: JsonObject, remote: JsonObject): JsonObject {
  let out = remote;
  for (const path of diffPaths(sent, local)) {
    const value = getPath(local, path);
    out = value === undefined ? deletePath(out, path) : setPath(out, path, value);
  }
  return out;
}
