/**
 * The ETIM mapper's reference resources (004_…): labels, attributes, attribute groups, relations
 * by attribute, suppliers, buyers and category trees. Each has the same four calls: GET (all
 * identifiers), GET with a JSON list (details), PUT (create or replace, with a short report),
 * DELETE with a JSON list.
 */
import type Database from 'better-sqlite3';
import type { DemoRequest, DemoResponse } from '../types';
import { fail, json, parameters, readIds, readJson } from './http';
import { trimStrings } from './ingest';

type Doc = Record<string, unknown>;
const isObj = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTexts = (v: unknown): boolean => isObj(v) && Object.values(v).every((x) => typeof x === 'string');
const strList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export interface EntityKind {
  /** Path below the mount, e.g. `labels`. */
  resource: string;
  /** `kind` column of `etim_entity`. */
  kind: string;
  idKey: string;
  listKey: string;
  detailKey: string;
  deletedKey: string;
  defaults?: Doc;
  /** Returns a reason when the document must be rejected. */
  validate(doc: Doc, lookup: Lookup): string | undefined;
}

export interface Lookup {
  exists(kind: string, id: string): boolean;
}

/** 13 digits. The check digit is not checked: the seed's own supplier example (1234567000004) fails it. */
const isGln = (v: unknown): boolean => typeof v === 'string' && /^\d{13}$/.test(v);

const COLORS = ['grey', 'red', 'green', 'yellow', 'blue', 'orange', 'violet', 'black', 'brown', 'pink'];
const ATTRIBUTE_TYPES = ['M', 'L', 'S', 'N', 'R', 'MS', 'T', 'REF'];

export const KINDS: EntityKind[] = [
  {
    resource: 'labels',
    kind: 'label',
    idKey: 'identifier',
    listKey: 'labelIdentifiers',
    detailKey: 'labels',
    deletedKey: 'deletedLabels',
    defaults: { permanent: 'false' },
    validate: (d) =>
      typeof d.letter !== 'string' || d.letter.length !== 1
        ? 'letter'
        : typeof d.color !== 'string' || !COLORS.includes(d.color)
          ? 'color'
          : undefined,
  },
  {
    resource: 'attributes',
    kind: 'attribute',
    idKey: 'identifier',
    listKey: 'attributeIdentifiers',
    detailKey: 'attributes',
    deletedKey: 'deletedAttributes',
    defaults: {
      permanent: 'false',
      global: 'false',
      productCharacteristic: 'false',
      forSynch: 'false',
      importance: '0',
      inCompletenessMask: 'false',
    },
    validate: (d) => {
      if (typeof d.type !== 'string' || !ATTRIBUTE_TYPES.includes(d.type)) return 'type';
      if (!isTexts(d.name)) return 'name';
      if (
        (d.type === 'S' || d.type === 'MS') &&
        !(Array.isArray(d.values) && d.values.every((v) => isObj(v) && typeof v.identifier === 'string'))
      )
        return 'values';
      if (d.type === 'REF' && typeof d.indicatedField !== 'string') return 'indicatedField';
      return undefined;
    },
  },
  {
    resource: 'attribute-groups',
    kind: 'attributeGroup',
    idKey: 'identifier',
    listKey: 'attributeGroupIdentifiers',
    detailKey: 'attributeGroups',
    deletedKey: 'deletedAttributeGroups',
    validate: (d, lookup) => {
      if (!isTexts(d.name)) return 'name';
      const refs = [
        ...(strList(d.attributes) ? d.attributes : []),
        ...(strList(d.answersYes) ? d.answersYes : []),
        ...(strList(d.answersNo) ? d.answersNo : []),
      ];
      if (typeof d.question === 'string') refs.push(d.question);
      else if (!strList(d.attributes)) return 'attributes';
      return refs.find((r) => !lookup.exists('attribute', r)) ? 'attributes' : undefined;
    },
  },
  {
    resource: 'relations-by-attribute',
    kind: 'relation',
    idKey: 'identifier',
    listKey: 'relationByAttributeIdentifiers',
    detailKey: 'relationsByAttribute',
    deletedKey: 'deletedRelationsByAttribute',
    validate: (d) =>
      typeof d.attribute !== 'string' || !d.attribute
        ? 'attribute'
        : !isTexts(d.name)
          ? 'name'
          : !strList(d.products)
            ? 'products'
            : undefined,
  },
  {
    resource: 'suppliers',
    kind: 'supplier',
    idKey: 'identifier',
    listKey: 'supplierIdentifiers',
    detailKey: 'suppliers',
    deletedKey: 'deletedSuppliers',
    defaults: { manufacturer: 'false' },
    validate: (d) => {
      if (typeof d.name !== 'string' || !d.name) return 'name';
      if (d.gln !== undefined && !isGln(d.gln)) return 'gln';
      if (d.country !== undefined && !(typeof d.country === 'string' && /^[A-Z]{2}$/.test(d.country)))
        return 'country';
      if (
        d.email !== undefined &&
        !(typeof d.email === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(d.email))
      )
        return 'email';
      return undefined;
    },
  },
  {
    resource: 'buyers',
    kind: 'buyer',
    idKey: 'identifier',
    listKey: 'buyerIdentifiers',
    detailKey: 'buyers',
    deletedKey: 'deletedBuyers',
    validate: (d) =>
      typeof d.name !== 'string' || !d.name
        ? 'name'
        : d.gln !== undefined && !isGln(d.gln)
          ? 'gln'
          : undefined,
  },
  {
    resource: 'categories',
    kind: 'categoryTree',
    idKey: 'categoryTreeIdentifier',
    listKey: 'categoryTreeIdentifiers',
    detailKey: 'categoryTrees',
    deletedKey: 'deletedCategoryTrees',
    validate: (d) => {
      if (!isTexts(d.categoryTreeName)) return 'categoryTreeName';
      if (!Array.isArray(d.categories)) return 'categories';
      const ids = new Set<string>();
      for (const c of d.categories) {
        if (!isObj(c) || typeof c.identifier !== 'string' || !isTexts(c.name)) return 'categories';
        ids.add(c.identifier);
      }
      return d.categories.some((c) => isObj(c) && c.parent !== undefined && !ids.has(String(c.parent)))
        ? 'parent'
        : undefined;
    },
  },
];

export interface EntityStore {
  ids(kind: string): string[];
  /** Documents in the order asked (attribute groups: in their set order, as 004_… says). */
  get(kind: string, ids: string[]): Doc[];
  put(kind: string, id: string, doc: Doc): 'new' | 'replaced';
  remove(kind: string, id: string): boolean;
  exists(kind: string, id: string): boolean;
}

export function createEntityStore(db: Database.Database): EntityStore {
  const all = db.prepare<[string], { identifier: string; doc: string }>(
    'SELECT identifier, doc FROM etim_entity WHERE kind = ? ORDER BY position, identifier',
  );
  const one = db.prepare<[string, string], { doc: string; position: number }>(
    'SELECT doc, position FROM etim_entity WHERE kind = ? AND identifier = ?',
  );
  const maxPos = db.prepare<[string], { p: number | null }>(
    'SELECT max(position) AS p FROM etim_entity WHERE kind = ?',
  );
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO etim_entity (kind, identifier, position, doc) VALUES (?, ?, ?, ?)',
  );
  const del = db.prepare('DELETE FROM etim_entity WHERE kind = ? AND identifier = ?');
  return {
    ids: (kind) => all.all(kind).map((r) => r.identifier),
    get: (kind, ids) => {
      if (kind === 'attributeGroup') {
        const wanted = new Set(ids);
        return all
          .all(kind)
          .filter((r) => wanted.has(r.identifier))
          .map((r) => JSON.parse(r.doc) as Doc);
      }
      return [...new Set(ids)]
        .map((id) => one.get(kind, id))
        .filter((r) => !!r)
        .map((r) => JSON.parse(r.doc) as Doc);
    },
    put(kind, id, doc) {
      const old = one.get(kind, id);
      upsert.run(kind, id, old?.position ?? (maxPos.get(kind)?.p ?? -1) + 1, JSON.stringify(doc));
      return old ? 'replaced' : 'new';
    },
    remove: (kind, id) => del.run(kind, id).changes > 0,
    exists: (kind, id) => !!one.get(kind, id),
  };
}

/** GET without a body lists identifiers; with a JSON list, details (shaped by `detail`). */
export function getEntities(
  entities: EntityStore,
  k: EntityKind,
  req: DemoRequest,
  detail?: (docs: Doc[]) => Doc[],
  echo: Record<string, string> = {},
): DemoResponse {
  if (readJson(req) === undefined)
    return json({ [k.listKey]: entities.ids(k.kind), parameters: parameters(echo) });
  const docs = entities.get(k.kind, readIds(req, `${k.detailKey} identifiers`));
  return json({ [k.detailKey]: detail ? detail(docs) : docs, parameters: parameters(echo) });
}

export function putEntities(entities: EntityStore, k: EntityKind, req: DemoRequest): DemoResponse {
  const body = readJson(req);
  if (!Array.isArray(body)) fail(`${k.detailKey} should be sent as a JSON array`);
  let rejected = 0;
  let replaced = 0;
  let created = 0;
  const unique = new Set<string>();
  const lookup: Lookup = { exists: (kind, id) => entities.exists(kind, id) };
  for (const item of body as unknown[]) {
    const { value, allStrings } = trimStrings(item);
    const doc = value as Doc;
    const id = isObj(doc) ? doc[k.idKey] : undefined;
    if (!isObj(doc) || typeof id !== 'string' || !id || !allStrings || k.validate(doc, lookup)) {
      rejected += 1;
      continue;
    }
    unique.add(id);
    if (entities.put(k.kind, id, { ...(k.defaults ?? {}), ...doc }) === 'replaced') replaced += 1;
    else created += 1;
  }
  return json({
    all: String(body.length),
    rejected: String(rejected),
    unique: String(unique.size),
    replaced: String(replaced),
    new: String(created),
    parameters: [],
  });
}

export function deleteEntities(
  entities: EntityStore,
  k: EntityKind,
  req: DemoRequest,
  opts: { keep?: (doc: Doc) => boolean; onDelete?: (id: string) => void; echo?: Record<string, string> } = {},
): DemoResponse {
  let deleted = 0;
  for (const id of new Set(readIds(req, `${k.detailKey} identifiers`))) {
    const doc = entities.get(k.kind, [id])[0];
    if (!doc || opts.keep?.(doc)) continue;
    if (entities.remove(k.kind, id)) {
      deleted += 1;
      opts.onDelete?.(id);
    }
  }
  return json({ [k.deletedKey]: String(deleted), parameters: parameters(opts.echo ?? {}) });
}

/** DELETE categories?category-tree-identifier=: removes categories (and their subcategories) from one tree. */
export function deleteCategories(entities: EntityStore, req: DemoRequest, tree: string): DemoResponse {
  const doc = entities.get('categoryTree', [tree])[0];
  if (!doc) fail(`Unknown category tree "${tree}"`);
  const asked = new Set(readIds(req, 'category identifiers'));
  const categories = (doc.categories as Doc[]) ?? [];
  const gone = new Set<string>();
  let deleted = 0;
  for (const c of categories) {
    const id = String(c.identifier);
    if (asked.has(id)) deleted += 1;
    if (asked.has(id) || gone.has(String(c.parent))) gone.add(id);
  }
  entities.put('categoryTree', tree, {
    ...doc,
    categories: categories.filter((c) => !gone.has(String(c.identifier))),
  });
  return json({ deletedCategories: String(deleted), parameters: { 'category-tree-identifier': tree } });
}
