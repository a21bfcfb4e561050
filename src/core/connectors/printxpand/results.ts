/**
 * PrintXpand's per-record answers (seeds/003_f9a1ab627ff386f6.txt) as PushResults. Every call answers
 * `[{"response": [{"id", "code", "status", "message"}, …]}]`, one entry per record in request order;
 * `id` echoes the record's id (string or number) and is missing when the record had no usable id;
 * `code` is "200" or 200 on success and 400/404 on error. HTTP 201 means "partially succeeded but
 * some of the data may not be responded": a record left without an entry may or may not have been
 * written, so it is `unknown` and the queue must not treat it as failed or done.
 */
import type { PushOp, PushResult } from '../types';
import { isRecord, text } from '../import-status';
import type { PxMode } from './requests';

export interface PxRecordResult {
  id?: string;
  code?: string;
  status?: string;
  message?: string;
}

/** The entries of every `response` list in the answer; undefined when the answer has another shape. */
export function parseResponse(body: unknown): PxRecordResult[] | undefined {
  if (!Array.isArray(body)) return undefined;
  const out: PxRecordResult[] = [];
  let seen = false;
  for (const envelope of body) {
    if (!isRecord(envelope) || !Array.isArray(envelope.response)) continue;
    seen = true;
    for (const r of envelope.response) {
      if (!isRecord(r)) continue;
      out.push({ id: text(r.id), code: text(r.code), status: text(r.status), message: text(r.message) });
    }
  }
  return seen ? out : undefined;
}

function succeeded(r: PxRecordResult): boolean {
  const status = r.status?.toLowerCase();
  if (status) return status === 'success';
  return r.code === '200' || r.code === '201';
}

/**
 * A delete the remote answers "… Id is not Found!" has nothing left to delete: after a crash between
 * send and acknowledgement, the retry must not turn a delivered delete into a rejection.
 */
function alreadyGone(mode: PxMode, r: PxRecordResult): boolean {
  return mode === 'delete' && /not\s*found/i.test(r.message ?? '');
}

export function toPushResult(op: PushOp, id: string, mode: PxMode, r: PxRecordResult): PushResult {
  if (succeeded(r) || alreadyGone(mode, r)) return { clientOpId: op.clientOpId, ok: true, remoteId: id };
  return {
    clientOpId: op.clientOpId,
    ok: false,
    remoteId: id,
    error: {
      kind: 'rejected',
      message: r.message ?? `PrintXpand refused the record (code ${r.code ?? 'none'}).`,
      ...(r.code ? { code: r.code } : {}),
    },
  };
}

function unanswered(op: PushOp, id: string, httpStatus: number): PushResult {
  const why =
    httpStatus === 201
      ? 'PrintXpand answered 201 (the request partially succeeded) with no result for this record'
      : 'PrintXpand answered with no result for this record';
  return {
    clientOpId: op.clientOpId,
    ok: false,
    remoteId: id,
    error: { kind: 'unknown', message: `${why}: it may or may not have been written.` },
  };
}

/** Positions line up when every answer that names an id names the record at its position. */
function positional(ops: readonly { id: string }[], results: readonly PxRecordResult[]): boolean {
  if (results.length > ops.length) return false;
  return results.every((r, i) => r.id === undefined || r.id === ops[i]!.id);
}

/**
 * Matches answers to operations: by position when the answer lines up with the request (the
 * seed's order, and the only way to place an answer without an id), else by id; operations left
 * without an answer are `unknown`.
 */
export function matchResults(
  ops: readonly { op: PushOp; id: string }[],
  mode: PxMode,
  results: readonly PxRecordResult[] | undefined,
  httpStatus: number,
): PushResult[] {
  if (!results) return ops.map((o) => unanswered(o.op, o.id, httpStatus));
  if (positional(ops, results)) {
    return ops.map((o, i) => {
      const r = results[i];
      return r ? toPushResult(o.op, o.id, mode, r) : unanswered(o.op, o.id, httpStatus);
    });
  }
  const byId = new Map<string, PxRecordResult>();
  for (const r of results) if (r.id !== undefined && !byId.has(r.id)) byId.set(r.id, r);
  return ops.map((o) => {
    const r = byId.get(o.id);
    return r ? toPushResult(o.op, o.id, mode, r) : unanswered(o.op, o.id, httpStatus);
  });
}
