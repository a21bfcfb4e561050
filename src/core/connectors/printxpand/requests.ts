/**
 * How a batch of push operations becomes PrintXpand requests (seeds/003_f9a1ab627ff386f6.txt):
 * creates and updates are one POST of a map keyed by our id (`{"product": {"10001": {"id": …}}}`),
 * deletes one POST of an id list (`{"product": ["10001"]}`). The remote upserts by the id we send,
 * so a create and an update are the same request. `push` and `measureBatch` both use `planBatch`,
 * so what is measured is byte for byte what is sent.
 */
import type { PushOp, PushOpKind } from '../types';
import { isRecord, text } from '../import-status';

export type PxEntityName = 'customers' | 'categories' | 'products' | 'orders';

export interface PxEntity {
  name: PxEntityName;
  /** The top-level key of the request document (and of the route). */
  key: 'customer' | 'category' | 'product' | 'order';
  upsertPath: string;
  deletePath?: string;
  /** Where the record carries our id: orders use `order_id`, everything else `id`. */
  idField: 'id' | 'order_id';
  ops: readonly PushOpKind[];
}

/**
 * Push order: the seed says to "sync category first" before products that are assigned to it.
 * Customers have no delete call; orders are documented as create only (updates of an existing
 * order_id happen to succeed, but the seed offers no order edit, so we do not rely on it).
 */
export const PX_ENTITIES: readonly PxEntity[] = [
  {
    name: 'customers',
    key: 'customer',
    upsertPath: 'rest/V1/customer/create/',
    idField: 'id',
    ops: ['create', 'update'],
  },
  {
    name: 'categories',
    key: 'category',
    upsertPath: 'rest/V1/category/create/',
    deletePath: 'rest/V1/category/delete/',
    idField: 'id',
    ops: ['create', 'update', 'delete'],
  },
  {
    name: 'products',
    key: 'product',
    upsertPath: 'rest/V1/product/create/',
    deletePath: 'rest/V1/product/delete/',
    idField: 'id',
    ops: ['create', 'update', 'delete'],
  },
  {
    name: 'orders',
    key: 'order',
    upsertPath: 'rest/V1/order/create/',
    idField: 'order_id',
    ops: ['create'],
  },
];

export function pxEntity(name: string): PxEntity | undefined {
  return PX_ENTITIES.find((e) => e.name === name);
}

export type PxMode = 'upsert' | 'delete';

export interface PlannedRequest {
  mode: PxMode;
  path: string;
  body: Record<string, unknown>;
  /** The serialized body: exactly what goes on the wire. */
  json: string;
  /** The operations in the order their records appear in `json`, with the id each is sent under. */
  ops: { op: PushOp; id: string }[];
}

export interface RefusedOp {
  op: PushOp;
  message: string;
}

export interface Plan {
  requests: PlannedRequest[];
  /** Operations this remote cannot carry out; answered without sending anything. */
  refused: RefusedOp[];
}

/** PHP's empty() refuses "", "0" and 0 as ids (the seed answers "Please pass valid … Id!"). */
function recordId(entity: PxEntity, op: PushOp): string | undefined {
  const raw = text(op.remoteId) ?? text(op.doc?.[entity.idField]);
  return raw === undefined || raw === '0' ? undefined : raw;
}

/**
 * Variations travel inside their configurable parent, keyed by their id like every other record
 * (seed: `"variations": {"10005": {"id": "10005", …}}`). A local list is turned into that map; one
 * whose entries lack ids is sent as is, so the remote answers it with its own message.
 */
function variationsMap(variations: unknown): unknown {
  if (!Array.isArray(variations)) return variations;
  const map: Record<string, unknown> = {};
  for (const v of variations) {
    const id = isRecord(v) ? text(v.id) : undefined;
    if (id === undefined || Object.hasOwn(map, id)) return variations;
    map[id] = v;
  }
  return map;
}

function wireRecord(entity: PxEntity, id: string, doc: Record<string, unknown>): Record<string, unknown> {
  const rec: Record<string, unknown> = { ...doc, [entity.idField]: id };
  if (entity.name === 'products' && 'variations' in rec) rec.variations = variationsMap(rec.variations);
  return rec;
}

function refusal(entity: PxEntity, op: PushOp): string | undefined {
  if (!entity.ops.includes(op.op)) {
    return `PrintXpand offers no ${op.op} for ${entity.name} (003_f9a1ab627ff386f6.txt); it accepts ${entity.ops.join(', ')}.`;
  }
  if (op.op !== 'delete' && !isRecord(op.doc)) return `A PrintXpand ${op.op} needs the record's document.`;
  return undefined;
}

interface Group {
  mode: PxMode;
  ops: { op: PushOp; id: string }[];
  ids: Set<string>;
}

function build(entity: PxEntity, group: Group): PlannedRequest {
  if (group.mode === 'delete') {
    const body = { [entity.key]: group.ops.map((o) => o.id) };
    return { mode: 'delete', path: entity.deletePath!, body, json: JSON.stringify(body), ops: group.ops };
  }
  const map: Record<string, unknown> = {};
  const byId = new Map<string, { op: PushOp; id: string }>();
  for (const o of group.ops) {
    map[o.id] = wireRecord(entity, o.id, o.op.doc!);
    byId.set(o.id, o);
  }
  // JSON puts integer-like keys first, in numeric order: the remote answers in that order.
  const ops = Object.keys(map).map((id) => byId.get(id)!);
  const body = { [entity.key]: map };
  return { mode: 'upsert', path: entity.upsertPath, body, json: JSON.stringify(body), ops };
}

/**
 * Splits a batch into as few requests as its order allows: consecutive upserts share one keyed map
 * and consecutive deletes one list; a switch between the two, or an id already in the current
 * request (a map cannot hold it twice), starts the next request, so operations keep their order.
 */
export function planBatch(entity: PxEntity, batch: readonly PushOp[]): Plan {
  const refused: RefusedOp[] = [];
  const groups: Group[] = [];
  for (const op of batch) {
    const problem = refusal(entity, op);
    const id = recordId(entity, op);
    if (problem || id === undefined) {
      refused.push({
        op,
        message:
          problem ??
          `A PrintXpand record needs our id in "${entity.idField}": the remote upserts by it (003_f9a1ab627ff386f6.txt).`,
      });
      continue;
    }
    const mode: PxMode = op.op === 'delete' ? 'delete' : 'upsert';
    let current = groups.at(-1);
    if (!current || current.mode !== mode || current.ids.has(id)) {
      current = { mode, ops: [], ids: new Set() };
      groups.push(current);
    }
    current.ops.push({ op, id });
    current.ids.add(id);
  }
  return { requests: groups.map((g) => build(entity, g)), refused };
}

/** Leaf values that are not null, counted through objects and arrays. */
export function countLeaves(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countLeaves(x), 0);
  if (isRecord(v)) return Object.values(v).reduce((n: number, x) => n + countLeaves(x), 0);
  return 1;
}
