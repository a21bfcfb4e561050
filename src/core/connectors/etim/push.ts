/**
 * Writing to ETIM (004_48b37cfc1a1923fe.txt): PUT an array of documents (at most 16 MB, "only string
 * values") with the `new`, `existing` and `empty` modes, DELETE with a JSON list of ids. Both answer a
 * report of counts. Products are keyed by the `productId` we send (an upsert, so a repeated create
 * cannot duplicate); the report names rejected products in its `"rejected (reason)": "n (ids)"` keys.
 * What the report only counts (reference data rejections, `limitExceeded`, deletions) cannot be
 * pinned to one record: those records get `kind: 'unknown'` and the queue checks the remote.
 */
import { StewardError } from '../../../shared/errors';
import { diffPaths, getPath, parsePath, setPath } from '../../sync/json-path';
import type { JsonObject } from '../../sync/json-path';
import type { BatchSize, ConnectorContext, PushError, PushOp, PushResult } from '../types';
import type { ReferenceKind } from './reference';
import { countOf, etimCall } from './request';
import type { EtimDoc } from './request';

export const MAX_PUT_BYTES = 16 * 1024 * 1024;

/** Read-only parts of a product's details: ETIM sets them itself. */
const READ_ONLY = new Set([
  'lastModifiedDate',
  'lastModifiedDateByType',
  'modifiedBy',
  'creationDate',
  'createdBy',
  'descriptionCompleteness',
]);

/** ETIM merges objects only a few levels deep; below that a value is replaced whole, so send it whole. */
const MERGE_DEPTH = 3;

export interface EtimPushTarget {
  /** `products` or a reference resource. */
  resource: string;
  idKey: string;
  deletedKey: string;
  products: boolean;
}

export function productTarget(): EtimPushTarget {
  return { resource: 'products', idKey: 'productId', deletedKey: 'deletedProducts', products: true };
}

export function referenceTarget(kind: ReferenceKind): EtimPushTarget {
  return { resource: kind.resource, idKey: kind.idKey, deletedKey: kind.deletedKey, products: false };
}

const idOf = (op: PushOp, t: EtimPushTarget): string | undefined => {
  const fromDoc = op.doc?.[t.idKey];
  return op.remoteId ?? (typeof fromDoc === 'string' && fromDoc !== '' ? fromDoc : undefined);
};

/** The document a create or update sends: whole for a create, only what changed for an update. */
export function outgoingDoc(op: PushOp, t: EtimPushTarget): EtimDoc {
  const id = idOf(op, t) as string;
  const doc = op.doc ?? {};
  if (op.op === 'create' || !t.products) {
    // Reference data is replaced whole by PUT ("replaced" in its report), so it always goes whole.
    const out: EtimDoc = {};
    for (const [k, v] of Object.entries(doc)) if (!READ_ONLY.has(k)) out[k] = v;
    return { ...out, [t.idKey]: id };
  }
  const paths = op.changedPaths ?? (op.base ? diffPaths(op.base, doc) : Object.keys(doc));
  let out: JsonObject = { [t.idKey]: id };
  for (const p of paths) {
    const path = parsePath(p).slice(0, MERGE_DEPTH);
    if (READ_ONLY.has(path[0] as string) || path[0] === t.idKey) continue;
    const value = getPath(doc, path);
    // A removed value is sent empty: with `empty=true` ETIM clears the field, otherwise it keeps it.
    out = setPath(out, path, value === undefined ? '' : value);
  }
  return out;
}

const bytesOf = (v: unknown): number => Buffer.byteLength(JSON.stringify(v), 'utf8');

/** Splits upserts into PUT bodies of at most 16 MB, in order. */
function packDocs(docs: { op: PushOp; doc: EtimDoc }[]): { op: PushOp; doc: EtimDoc }[][] {
  const out: { op: PushOp; doc: EtimDoc }[][] = [];
  let cur: { op: PushOp; doc: EtimDoc }[] = [];
  let size = 2;
  for (const d of docs) {
    const n = bytesOf(d.doc) + 1;
    if (cur.length > 0 && size + n > MAX_PUT_BYTES) {
      out.push(cur);
      cur = [];
      size = 2;
    }
    cur.push(d);
    size += n;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

export function measureEtimBatch(batch: readonly PushOp[], t: EtimPushTarget): BatchSize {
  const upserts = batch
    .filter((op) => op.op !== 'delete' && idOf(op, t))
    .map((op) => ({ op, doc: outgoingDoc(op, t) }));
  const deletes = batch.filter((op) => op.op === 'delete' && idOf(op, t)).map((op) => idOf(op, t) as string);
  const puts = packDocs(upserts);
  const bytes =
    puts.reduce((n, p) => n + bytesOf(p.map((d) => d.doc)), 0) + (deletes.length ? bytesOf(deletes) : 0);
  return { bytes, params: 0, requests: puts.length + (deletes.length ? 1 : 0) };
}

/** `"1 (ID1, ID2)"` → the ids; the count alone when the report lists none. */
function rejectedIds(value: unknown): { count: number; ids: string[] } {
  const m = /^\s*(\d+)\s*(?:\((.*)\))?\s*$/s.exec(String(value));
  if (!m) return { count: countOf(value) ?? 0, ids: [] };
  const ids = (m[2] ?? '')
    .split(/,\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  return { count: Number(m[1]), ids };
}

interface ReportReading {
  rejected: Map<string, string>;
  /** Rejections the report counts but does not name. */
  unnamed: number;
  limitExceeded: number;
  all: number | undefined;
}

export function readPutReport(report: EtimDoc): ReportReading {
  const rejected = new Map<string, string>();
  let counted = 0;
  for (const [key, value] of Object.entries(report)) {
    const m = /^rejected(?:\s*\((.*)\))?$/s.exec(key);
    if (!m) continue;
    const { count, ids } = rejectedIds(value);
    counted += count;
    for (const id of ids) rejected.set(id, m[1] ? `Rejected by ETIM: ${m[1]}` : 'Rejected by ETIM');
  }
  return {
    rejected,
    unnamed: Math.max(0, counted - rejected.size),
    limitExceeded: countOf(report.limitExceeded) ?? 0,
    all: countOf(report.all),
  };
}

const unknown = (op: PushOp, message: string, id?: string): PushResult => ({
  clientOpId: op.clientOpId,
  ok: false,
  ...(id ? { remoteId: id } : {}),
  error: { kind: 'unknown', message },
});

function mapPutReport(
  sent: { op: PushOp; doc: EtimDoc }[],
  t: EtimPushTarget,
  report: EtimDoc,
  existing: string,
): PushResult[] {
  const r = readPutReport(report);
  const vague = r.all !== sent.length || r.unnamed > 0;
  return sent.map(({ op, doc }) => {
    const id = doc[t.idKey] as string;
    const reason = r.rejected.get(id);
    if (reason)
      return {
        clientOpId: op.clientOpId,
        ok: false,
        remoteId: id,
        error: { kind: 'rejected', message: reason },
      };
    if (vague && sent.length === 1 && r.unnamed > 0)
      return {
        clientOpId: op.clientOpId,
        ok: false,
        remoteId: id,
        error: { kind: 'rejected', message: 'Rejected by ETIM (the report gives no reason).' },
      };
    if (vague)
      return unknown(op, `ETIM's report counts ${r.unnamed} rejected record(s) without naming them.`, id);
    if (r.limitExceeded > 0 && op.op === 'create')
      return unknown(op, `ETIM's product limit was reached for ${r.limitExceeded} new product(s).`, id);
    if (t.products && existing === 'skip' && op.op === 'update') {
      const error: PushError = {
        kind: 'rejected',
        message: 'Not applied: the connection sends updates with existing=skip.',
      };
      return { clientOpId: op.clientOpId, ok: false, remoteId: id, error };
    }
    return { clientOpId: op.clientOpId, ok: true, remoteId: id };
  });
}

export interface PushModes {
  existing: string;
  empty: string;
}

export async function pushEtim(
  ctx: ConnectorContext,
  t: EtimPushTarget,
  modes: PushModes,
  batch: readonly PushOp[],
  signal: AbortSignal,
): Promise<PushResult[]> {
  const results: PushResult[] = [];
  const upserts: { op: PushOp; doc: EtimDoc }[] = [];
  const deletes: { op: PushOp; id: string }[] = [];
  for (const op of batch) {
    const id = idOf(op, t);
    if (!id) {
      results.push({
        clientOpId: op.clientOpId,
        ok: false,
        error: { kind: 'rejected', message: `The record has no ${t.idKey}.` },
      });
    } else if (op.op === 'delete') deletes.push({ op, id });
    else upserts.push({ op, doc: outgoingDoc(op, t) });
  }
  const query = t.products ? { new: 'add', existing: modes.existing, empty: modes.empty } : undefined;
  for (const part of packDocs(upserts)) {
    if (bytesOf(part.map((d) => d.doc)) > MAX_PUT_BYTES) {
      for (const { op } of part)
        results.push({
          clientOpId: op.clientOpId,
          ok: false,
          error: {
            kind: 'rejected',
            message: 'The record alone is over 16 MB, the most ETIM accepts in one PUT.',
          },
        });
      continue;
    }
    const report = await etimCall(ctx, {
      method: 'PUT',
      path: t.resource,
      ...(query ? { query } : {}),
      body: part.map((d) => d.doc),
      signal,
    });
    results.push(...mapPutReport(part, t, report, modes.existing));
  }
  if (deletes.length > 0) {
    const ids = [...new Set(deletes.map((d) => d.id))];
    const report = await etimCall(ctx, { method: 'DELETE', path: t.resource, body: ids, signal });
    const deleted = countOf(report[t.deletedKey]);
    if (deleted === undefined)
      throw new StewardError('unavailable', `ETIM's delete report has no "${t.deletedKey}".`);
    for (const { op, id } of deletes) {
      // All deleted: done. Fewer: some were already gone or kept; the count does not say which.
      results.push(
        deleted === ids.length
          ? { clientOpId: op.clientOpId, ok: true, remoteId: id }
          : unknown(op, `ETIM deleted ${deleted} of ${ids.length}.`, id),
      );
    }
  }
  return results;
}
