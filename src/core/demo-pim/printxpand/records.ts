/**
 * The per-record result shape of every PrintXpand call (seeds/003_f9a1ab627ff386f6.txt):
 * `[ { "response": [ { "id", "code", "status", "message" } ] } ]`, one entry per input record, in
 * input order, the rest of the batch processed whatever one record does.
 */
import type Database from 'better-sqlite3';
import { scriptedRejection } from './store';
import type { Entity } from './store';

export interface RecordResult {
  id?: unknown;
  code: number | string;
  status: 'success' | 'error';
  message: string;
}

export const success = (id: unknown, message: string): RecordResult => ({
  id,
  code: '200',
  status: 'success',
  message,
});

/** Records without a usable id are answered without an `id`, as the seed's examples show. */
export function failure(id: unknown, code: number, message: string): RecordResult {
  return id === undefined ? { code, status: 'error', message } : { id, code, status: 'error', message };
}

/**
 * The seed's all-success examples carry `"code": "200"` (a string) while its mixed batches carry
 * `200` (a number) next to numeric error codes; we answer the same way.
 */
export function finalize(results: RecordResult[]): [{ response: RecordResult[] }] {
  const mixed = results.some((r) => r.status === 'error');
  const response = mixed ? results.map((r) => (r.status === 'success' ? { ...r, code: 200 } : r)) : results;
  return [{ response }];
}

/** PHP's empty(): "", "0", 0, null, false and [] are empty. */
export function phpEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === false ||
    v === '' ||
    v === '0' ||
    v === 0 ||
    (Array.isArray(v) && v.length === 0)
  );
}

export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The records of a keyed map (keys are ignored; the `id` inside each record counts) or a list. */
export function recordsOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return isMap(v) ? Object.values(v) : [];
}

/** A JSON list, or the 0..n-1 keyed map PHP makes of `a[]=x` query parameters. */
export function asList(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (isMap(v) && Object.keys(v).every((k, i) => k === String(i))) return Object.values(v);
  return undefined;
}

export const idKey = (id: unknown) => String(id).trim();

/** A valid id for a record: a non-empty string or a non-zero number. */
export const validId = (id: unknown): id is string | number =>
  (typeof id === 'string' || typeof id === 'number') && !phpEmpty(typeof id === 'string' ? id.trim() : id);

export type Rejector = (entity: Entity, id: unknown) => RecordResult | undefined;

/** Rejections scripted with rejectPrintXpandRecords or through the demo's fault layer. */
export function rejector(db: Database.Database, fromContext?: (key: string) => string | undefined): Rejector {
  return (entity, id) => {
    const scripted = scriptedRejection(db, entity, idKey(id));
    if (scripted) return failure(id, scripted.code, scripted.message);
    const message = fromContext?.(idKey(id));
    return message ? failure(id, 400, message) : undefined;
  };
}
