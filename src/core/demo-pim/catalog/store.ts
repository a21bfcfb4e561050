/**
 * The one canonical product store of the demo PIM, in its own SQLite file. WEXBO, ETIM and the
 * admin API all read and write through here, so every edit bumps `modified_ms` and every
 * deletion leaves a tombstone that change feeds and notifications can report.
 */
import type Database from 'better-sqlite3';
import type { CanonicalProduct, StoredDoc } from './product';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS demo_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS product (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL,
  supplier TEXT NOT NULL,
  supplier_pid TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  modified_ms INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS product_tombstone (
  sku TEXT PRIMARY KEY,
  id INTEGER NOT NULL,
  deleted_ms INTEGER NOT NULL,
  deleted_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS product_tombstone_deleted ON product_tombstone(deleted_ms);
CREATE TABLE IF NOT EXISTS category (
  id TEXT PRIMARY KEY,
  parent TEXT,
  level INTEGER NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS etim_entity (
  kind TEXT NOT NULL,
  identifier TEXT NOT NULL,
  position INTEGER NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (kind, identifier)
);
`;

/** Built after a bulk load (much faster than maintaining them row by row). */
export const PRODUCT_INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS product_sku ON product(sku);
CREATE INDEX IF NOT EXISTS product_modified ON product(modified_ms, id);
CREATE INDEX IF NOT EXISTS product_supplier_pid ON product(supplier_pid, supplier);
`;

export type ChangeKind = 'new' | 'modified' | 'deleted';
export interface ProductChange {
  kind: ChangeKind;
  id: number;
  sku: string;
  /** Who made the change: 'wexbo', 'etim', 'admin', … */
  source: string;
}
export type ChangeListener = (change: ProductChange) => void;

export interface ProductRow {
  id: number;
  sku: string;
  created_ms: number;
  modified_ms: number;
  doc: string;
}

export function rowToProduct(row: ProductRow): CanonicalProduct {
  const doc = JSON.parse(row.doc) as StoredDoc;
  return { ...doc, id: row.id, sku: row.sku, createdAt: row.created_ms, modifiedAt: row.modified_ms };
}

export function productToDoc(p: CanonicalProduct): string {
  const { id: _id, sku: _sku, createdAt: _c, modifiedAt: _m, ...doc } = p;
  return JSON.stringify(doc);
}

export interface Tombstone {
  id: number;
  sku: string;
  deletedAt: number;
  deletedBy: string;
}

export type NewProduct = Omit<CanonicalProduct, 'id' | 'createdAt' | 'modifiedAt'> & { id?: number };

export interface ProductStore {
  db: Database.Database;
  get(ref: number | string): CanonicalProduct | undefined;
  /** Products by sku, in the order asked, skipping unknown ones. */
  getMany(skus: string[]): CanonicalProduct[];
  bySupplierPid(supplier: string, supplierPid: string): CanonicalProduct | undefined;
  insert(p: NewProduct, source: string): CanonicalProduct;
  /** Stores `next` as the new state of the product, bumping its modified time. */
  update(next: CanonicalProduct, source: string, user: string): CanonicalProduct;
  remove(ref: number | string, source: string, user: string): boolean;
  count(): number;
  /** The id the next inserted product gets (ids are never reused, even after deletion). */
  nextId(): number;
  tombstonesSince(ms: number): Tombstone[];
  onChange(listener: ChangeListener): () => void;
  /** Runs `fn` in one transaction; change events fire after it commits. */
  transaction<T>(fn: () => T): T;
}

export function createProductStore(db: Database.Database, now: () => number): ProductStore {
  const listeners = new Set<ChangeListener>();
  let pending: ProductChange[] | undefined;
  const emit = (c: ProductChange): void => {
    if (pending) pending.push(c);
    else for (const l of listeners) l(c);
  };

  const byId = db.prepare<[number], ProductRow>(
    'SELECT id, sku, created_ms, modified_ms, doc FROM product WHERE id = ?',
  );
  const bySku = db.prepare<[string], ProductRow>(
    'SELECT id, sku, created_ms, modified_ms, doc FROM product WHERE sku = ?',
  );
  const byPid = db.prepare<[string, string], ProductRow>(
    'SELECT id, sku, created_ms, modified_ms, doc FROM product WHERE supplier_pid = ? AND supplier = ?',
  );
  const insertRow = db.prepare(
    'INSERT INTO product (id, sku, supplier, supplier_pid, created_ms, modified_ms, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const updateRow = db.prepare(
    'UPDATE product SET sku = ?, supplier = ?, supplier_pid = ?, modified_ms = ?, doc = ? WHERE id = ?',
  );
  const deleteRow = db.prepare('DELETE FROM product WHERE id = ?');
  const dropTombstone = db.prepare('DELETE FROM product_tombstone WHERE sku = ?');
  const addTombstone = db.prepare(
    'INSERT OR REPLACE INTO product_tombstone (sku, id, deleted_ms, deleted_by) VALUES (?, ?, ?, ?)',
  );
  const maxIds = db.prepare<[], { p: number | null; t: number | null }>(
    'SELECT (SELECT max(id) FROM product) AS p, (SELECT max(id) FROM product_tombstone) AS t',
  );
  const countRows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM product');
  const tombs = db.prepare<[number], { id: number; sku: string; deleted_ms: number; deleted_by: string }>(
    'SELECT id, sku, deleted_ms, deleted_by FROM product_tombstone WHERE deleted_ms >= ? ORDER BY deleted_ms, id',
  );

  const get = (ref: number | string): CanonicalProduct | undefined => {
    const row = typeof ref === 'number' ? byId.get(ref) : bySku.get(ref);
    return row ? rowToProduct(row) : undefined;
  };

  const store: ProductStore = {
    db,
    get,
    getMany: (skus) =>
      skus
        .map((s) => bySku.get(s))
        .filter((r): r is ProductRow => !!r)
        .map(rowToProduct),
    bySupplierPid: (supplier, pid) => {
      const row = byPid.get(pid, supplier);
      return row ? rowToProduct(row) : undefined;
    },
    insert(p, source) {
      const id = p.id ?? store.nextId();
      const t = now();
      const product: CanonicalProduct = { ...p, id, createdAt: t, modifiedAt: t };
      dropTombstone.run(p.sku);
      insertRow.run(id, p.sku, p.supplier, p.supplierPid, t, t, productToDoc(product));
      emit({ kind: 'new', id, sku: p.sku, source });
      return product;
    },
    update(next, source, user) {
      const product: CanonicalProduct = { ...next, modifiedAt: now(), modifiedBy: user };
      updateRow.run(
        product.sku,
        product.supplier,
        product.supplierPid,
        product.modifiedAt,
        productToDoc(product),
        product.id,
      );
      emit({ kind: 'modified', id: product.id, sku: product.sku, source });
      return product;
    },
    remove(ref, source, user) {
      const p = get(ref);
      if (!p) return false;
      deleteRow.run(p.id);
      addTombstone.run(p.sku, p.id, now(), user);
      emit({ kind: 'deleted', id: p.id, sku: p.sku, source });
      return true;
    },
    count: () => countRows.get()?.n ?? 0,
    nextId: () => {
      const ids = maxIds.get();
      return Math.max(ids?.p ?? 1000000, ids?.t ?? 1000000) + 1;
    },
    tombstonesSince: (ms) =>
      tombs.all(ms).map((r) => ({ id: r.id, sku: r.sku, deletedAt: r.deleted_ms, deletedBy: r.deleted_by })),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    transaction(fn) {
      if (pending) return fn();
      pending = [];
      let changes: ProductChange[] = [];
      try {
        const result = db.transaction(fn)();
        changes = pending;
        return result;
      } finally {
        pending = undefined;
        for (const c of changes) for (const l of listeners) l(c);
      }
    },
  };
  return store;
}
