/**
 * ETIM reference data (004_48b37cfc1a1923fe.txt): labels, attributes, attribute groups, relations by
 * attribute, suppliers, buyers and category trees. Each resource answers GET with all its
 * identifiers, GET with a JSON list with details, PUT with a short report of counts and DELETE with
 * the number deleted. They are small and carry no modification time, so every pull reads them whole
 * (non-incremental) and the editor can offer their identifiers as valid values.
 */
import { randomUUID } from 'node:crypto';
import { StewardError } from '../../../shared/errors';
import type { ConnectorContext, PullCursor, PullPage, RemoteRecord } from '../types';
import { etimCall, isDoc, stringList } from './request';

export interface ReferenceKind {
  /** Our entity name (the resource path, except category trees). */
  entity: string;
  resource: string;
  listKey: string;
  detailKey: string;
  idKey: string;
  deletedKey: string;
}

/** In push order: what others refer to first (groups name attributes; relations name products). */
export const REFERENCE_KINDS: readonly ReferenceKind[] = [
  {
    entity: 'labels',
    resource: 'labels',
    listKey: 'labelIdentifiers',
    detailKey: 'labels',
    idKey: 'identifier',
    deletedKey: 'deletedLabels',
  },
  {
    entity: 'attributes',
    resource: 'attributes',
    listKey: 'attributeIdentifiers',
    detailKey: 'attributes',
    idKey: 'identifier',
    deletedKey: 'deletedAttributes',
  },
  {
    entity: 'attribute-groups',
    resource: 'attribute-groups',
    listKey: 'attributeGroupIdentifiers',
    detailKey: 'attributeGroups',
    idKey: 'identifier',
    deletedKey: 'deletedAttributeGroups',
  },
  {
    entity: 'suppliers',
    resource: 'suppliers',
    listKey: 'supplierIdentifiers',
    detailKey: 'suppliers',
    idKey: 'identifier',
    deletedKey: 'deletedSuppliers',
  },
  {
    entity: 'buyers',
    resource: 'buyers',
    listKey: 'buyerIdentifiers',
    detailKey: 'buyers',
    idKey: 'identifier',
    deletedKey: 'deletedBuyers',
  },
  {
    entity: 'category-trees',
    resource: 'categories',
    listKey: 'categoryTreeIdentifiers',
    detailKey: 'categoryTrees',
    idKey: 'categoryTreeIdentifier',
    deletedKey: 'deletedCategoryTrees',
  },
  {
    entity: 'relations-by-attribute',
    resource: 'relations-by-attribute',
    listKey: 'relationByAttributeIdentifiers',
    detailKey: 'relationsByAttribute',
    idKey: 'identifier',
    deletedKey: 'deletedRelationsByAttribute',
  },
];

export function referenceKind(entity: string): ReferenceKind | undefined {
  return REFERENCE_KINDS.find((k) => k.entity === entity);
}

/** Details per request: the seed states 100 for products; the same bound keeps these requests small. */
const PER_READ = 100;

interface ReferencePosition {
  /** Identifiers still to read. */
  ids: string[];
  total: number;
  /** Which run listed them (its full list is kept in memory for the reconciliation). */
  run: string;
}

export interface ReferenceReader {
  pull(kind: ReferenceKind, cursor: PullCursor, signal: AbortSignal): Promise<PullPage>;
  readDetails(kind: ReferenceKind, ids: readonly string[], signal: AbortSignal): Promise<RemoteRecord[]>;
  listIds(kind: ReferenceKind, signal: AbortSignal): AsyncIterable<string[]>;
}

export function createReferenceReader(ctx: ConnectorContext): ReferenceReader {
  /** Each kind's identifiers as its current run listed them. */
  const listed = new Map<string, { run: string; ids: string[] }>();
  /** The identifiers of a run that just completed: its reconciliation needs no second request. */
  const completed = new Map<string, string[]>();

  const list = async (kind: ReferenceKind, signal: AbortSignal): Promise<string[]> =>
    stringList(await etimCall(ctx, { method: 'GET', path: kind.resource, signal }), kind.listKey);

  async function readDetails(kind: ReferenceKind, ids: readonly string[], signal: AbortSignal) {
    if (ids.length === 0) return [];
    const body = await etimCall(ctx, { method: 'GET', path: kind.resource, body: ids, signal });
    const docs = body[kind.detailKey];
    if (!Array.isArray(docs))
      throw new StewardError(
        'unavailable',
        `ETIM sent ${kind.resource} details without "${kind.detailKey}".`,
      );
    // No modification time exists for these: the time they were read stands in.
    const at = new Date(ctx.clock.now()).toISOString();
    return docs
      .filter(isDoc)
      .filter((d) => typeof d[kind.idKey] === 'string')
      .map((doc): RemoteRecord => ({ id: doc[kind.idKey] as string, modifiedAt: at, doc }));
  }

  async function pull(kind: ReferenceKind, cursor: PullCursor, signal: AbortSignal): Promise<PullPage> {
    let pos = cursor.position as ReferencePosition | null;
    if (!pos) {
      const ids = await list(kind, signal);
      pos = { ids, total: ids.length, run: randomUUID() };
      listed.set(kind.entity, { run: pos.run, ids });
    }
    const batch = pos.ids.slice(0, PER_READ);
    const records = await readDetails(kind, batch, signal);
    const found = new Set(records.map((r) => r.id));
    const rest = pos.ids.slice(batch.length);
    const done = rest.length === 0;
    const mine = listed.get(kind.entity);
    if (done && mine?.run === pos.run) completed.set(kind.entity, mine.ids);
    return {
      records,
      deletedIds: batch.filter((id) => !found.has(id)),
      position: { ids: rest, total: pos.total, run: pos.run } satisfies ReferencePosition,
      done,
      total: pos.total,
    };
  }

  async function* listIds(kind: ReferenceKind, signal: AbortSignal): AsyncIterable<string[]> {
    const known = completed.get(kind.entity);
    completed.delete(kind.entity);
    yield known ?? (await list(kind, signal));
  }

  return { pull, readDetails, listIds };
}
