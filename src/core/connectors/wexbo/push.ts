/**
 * Writing to WEXBO (001_15500709165aa147.txt): one record per request. POST creates (the remote
 * assigns the id), PUT sends only the changed attributes, DELETE removes. A PUT may carry at most 100
 * "parameters with values" and a body at most 1 MB ("Size of the request"; 413 past either), so a
 * bigger update is split into several PUTs, each whole attribute or language kept together where it
 * fits. Rejections of one record (400, 409, 422, 404) become that record's result with the server's
 * message; anything else is the whole request's failure and is thrown for the queue to act on.
 */
import { StewardError } from '../../../shared/errors';
import { isHttpError, parseWexboEnvelope, percentEncode } from '../../net';
import type { HttpError } from '../../net';
import { getPath, isPlainObject, jsonEqual, parsePath, setPath, diffPaths } from '../../sync/json-path';
import type { JsonObject } from '../../sync/json-path';
import type { BatchSize, ConnectorContext, PushError, PushOp, PushResult } from '../types';
import { bodyBytes, wexboCall } from './request';
import type { WexboSettings } from './settings';

export const MAX_PUT_PARAMS = 100;
export const MAX_BODY_BYTES = 1024 * 1024;

export interface PlannedRequest {
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: JsonObject;
  params: number;
  bytes: number;
}

/** Leaf values that are not null, through objects and arrays: the seed's "parameters with values". */
export function countParams(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countParams(v), 0);
  if (typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + countParams(v), 0);
  return 1;
}

interface Unit {
  path: string[];
  value: unknown;
}

/** Breaks units over the limit into their object members; an array or a value alone cannot be split. */
function splitUnits(units: Unit[]): Unit[] | PushError {
  const out: Unit[] = [];
  const queue = [...units];
  while (queue.length > 0) {
    const u = queue.shift() as Unit;
    if (countParams(u.value) <= MAX_PUT_PARAMS && bodyBytes(setPath({}, u.path, u.value)) <= MAX_BODY_BYTES) {
      out.push(u);
    } else if (isPlainObject(u.value) && Object.keys(u.value).length > 0) {
      const members = Object.entries(u.value).map(([k, v]) => ({ path: [...u.path, k], value: v }));
      queue.unshift(...members);
    } else {
      return {
        kind: 'rejected',
        field: u.path.join('.'),
        message: `"${u.path.join('.')}" alone has ${countParams(u.value)} values or over 1 MB; WEXBO accepts at most ${MAX_PUT_PARAMS} values and 1 MB per update and replaces such a list whole, so it cannot be sent in parts.`,
      };
    }
  }
  return out;
}

/** Packs units greedily into PUT bodies within both limits. */
function packUnits(units: Unit[]): JsonObject[] {
  const bodies: JsonObject[] = [];
  let body: JsonObject = {};
  let params = 0;
  for (const u of units) {
    const n = countParams(u.value);
    const candidate = setPath(body, u.path, u.value);
    if (
      Object.keys(body).length > 0 &&
      (params + n > MAX_PUT_PARAMS || bodyBytes(candidate) > MAX_BODY_BYTES)
    ) {
      bodies.push(body);
      body = setPath({}, u.path, u.value);
      params = n;
    } else {
      body = candidate;
      params += n;
    }
  }
  if (Object.keys(body).length > 0) bodies.push(body);
  return bodies;
}

function writable(doc: JsonObject, settings: WexboSettings): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) if (!settings.readOnly.has(k)) out[k] = v;
  return out;
}

function updateUnits(op: PushOp, settings: WexboSettings): Unit[] {
  const doc = op.doc ?? {};
  const paths = op.changedPaths ?? (op.base ? diffPaths(op.base, doc) : Object.keys(writable(doc, settings)));
  const units: Unit[] = [];
  for (const p of paths) {
    const path = parsePath(p);
    if (settings.readOnly.has(path[0] as string)) continue;
    const value = getPath(doc, path);
    // A removed attribute is cleared: WEXBO takes null as "no value" (and does not count it).
    if (op.base && jsonEqual(getPath(op.base, path), value)) continue;
    units.push({ path, value: value === undefined ? null : value });
  }
  return units;
}

const plan = (method: PlannedRequest['method'], path: string, body?: JsonObject): PlannedRequest => ({
  method,
  path,
  ...(body ? { body } : {}),
  params: body ? countParams(body) : 0,
  bytes: body ? bodyBytes(body) : 0,
});

/** The requests one operation becomes, or why it cannot be sent at all. */
export function planOp(op: PushOp, settings: WexboSettings): PlannedRequest[] | PushError {
  const idPath = op.remoteId !== null ? `products/${percentEncode(op.remoteId)}` : undefined;
  if (op.op === 'create') {
    if (!op.doc) return { kind: 'rejected', message: 'A create needs the document to send.' };
    const body = writable(op.doc, settings);
    const p = plan('POST', 'products', body);
    if (p.bytes > MAX_BODY_BYTES)
      return { kind: 'rejected', message: `The product is ${p.bytes} bytes; WEXBO accepts at most 1 MB.` };
    return [p];
  }
  if (!idPath) return { kind: 'rejected', message: `An ${op.op} needs the remote id of the product.` };
  if (op.op === 'delete') return [plan('DELETE', idPath)];
  const units = splitUnits(updateUnits(op, settings));
  if (!Array.isArray(units)) return units;
  return packUnits(units).map((body) => plan('PUT', idPath, body));
}

export function measureWexboBatch(batch: readonly PushOp[], settings: WexboSettings): BatchSize {
  const size: BatchSize = { bytes: 0, params: 0, requests: 0 };
  for (const op of batch) {
    const planned = planOp(op, settings);
    if (!Array.isArray(planned)) continue;
    for (const p of planned) {
      size.bytes += p.bytes;
      size.params = Math.max(size.params, p.params);
      size.requests += 1;
    }
  }
  return size;
}

/** The record's own failure: the server's message, field and internal error code. */
function recordError(err: HttpError): PushError {
  let code: string | undefined;
  try {
    const env = parseWexboEnvelope(err.body ? JSON.parse(err.body) : undefined);
    code = env.errors.find((e) => e.error)?.error;
  } catch {
    // Not an envelope: the message extracted by the client is all there is.
  }
  return {
    kind: 'rejected',
    message: err.serverMessage ?? err.message,
    ...(err.field ? { field: err.field } : {}),
    ...(code ? { code } : { code: String(err.status) }),
  };
}

const isRecordFailure = (err: unknown): err is HttpError =>
  isHttpError(err, 'validation') || isHttpError(err, 'not_found');

async function sendOne(
  ctx: ConnectorContext,
  op: PushOp,
  planned: PlannedRequest[],
  signal: AbortSignal,
): Promise<PushResult> {
  let remoteId = op.remoteId ?? undefined;
  for (const [i, p] of planned.entries()) {
    try {
      const { env } = await wexboCall<unknown>(ctx, { method: p.method, path: p.path, body: p.body, signal });
      if (p.method === 'POST') {
        const first = Array.isArray(env.data)
          ? (env.data[0] as JsonObject | undefined)
          : (env.data as JsonObject);
        if (first?.id === undefined)
          throw new StewardError('unavailable', 'WEXBO created a product but sent no id.');
        remoteId = String(first.id);
      }
    } catch (err) {
      // Deleting what is already gone is what was asked for (a retry after a lost answer).
      if (p.method === 'DELETE' && isHttpError(err, 'not_found')) break;
      if (!isRecordFailure(err)) throw err;
      const error = recordError(err);
      if (i > 0) error.message += ` (the first ${i} of ${planned.length} parts of this update were applied)`;
      return { clientOpId: op.clientOpId, ok: false, ...(remoteId ? { remoteId } : {}), error };
    }
  }
  return { clientOpId: op.clientOpId, ok: true, ...(remoteId ? { remoteId } : {}) };
}

/**
 * Sends the operations one by one (one record per request). A whole-request failure is thrown even
 * after earlier operations went through: each is safe to send again (a PUT sets the same values, a
 * DELETE of a gone product succeeds, and a create is looked up with findExisting first).
 */
export async function pushWexbo(
  ctx: ConnectorContext,
  settings: WexboSettings,
  batch: readonly PushOp[],
  signal: AbortSignal,
): Promise<PushResult[]> {
  const results: PushResult[] = [];
  for (const op of batch) {
    signal.throwIfAborted();
    const planned = planOp(op, settings);
    if (!Array.isArray(planned)) {
      results.push({ clientOpId: op.clientOpId, ok: false, error: planned });
      continue;
    }
    results.push(await sendOne(ctx, op, planned, signal));
  }
  return results;
}
