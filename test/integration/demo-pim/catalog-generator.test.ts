/**
 * The deterministic catalog generator: same seed, same catalog; valid GTINs; a three-level
 * category tree; four languages; configurable products with variants; ETIM classes; reference
 * data; and reopening an existing data file instead of generating again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateCatalog,
  isValidGtin,
  startDemoPim,
  type CanonicalProduct,
} from '../../../src/core/demo-pim';
import { ETIM_CLASS_BY_ID } from '../../../src/core/demo-pim/catalog/etim-dictionary';
import { rowToProduct, type ProductRow } from '../../../src/core/demo-pim/catalog/store';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-pim-gen-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function generate(name: string, products: number, seed: number): Database.Database {
  const db = new Database(path.join(dir, name));
  generateCatalog(db, { products, seed });
  return db;
}

function rows(db: Database.Database, table: string, order: string): unknown[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
}

describe('catalog generator', () => {
  let a: Database.Database;
  let products: CanonicalProduct[];

  beforeAll(() => {
    a = generate('a.sqlite', 300, 42);
    products = a.prepare<[], ProductRow>('SELECT * FROM product ORDER BY id').all().map(rowToProduct);
  });

  it('gives the same catalog for the same seed, and another for another seed', () => {
    const b = generate('b.sqlite', 300, 42);
    const c = generate('c.sqlite', 300, 43);
    for (const [table, order] of [
      ['product', 'id'],
      ['category', 'id'],
      ['etim_entity', 'kind, identifier'],
    ] as const) {
      expect(rows(b, table, order)).toEqual(rows(a, table, order));
    }
    expect(rows(c, 'product', 'id')).not.toEqual(rows(a, 'product', 'id'));
    b.close();
    c.close();
  });

  it('writes exactly the asked number of products with unique ids and skus', () => {
    expect(products).toHaveLength(300);
    expect(new Set(products.map((p) => p.sku)).size).toBe(300);
    expect(products[0]!.id).toBe(1000001);
    expect(products.at(-1)!.id).toBe(1000300);
  });

  it('gives every product a unique EAN-13 with a valid check digit', () => {
    for (const p of products) {
      expect(p.gtin).toMatch(/^\d{13}$/);
      expect(isValidGtin(p.gtin)).toBe(true);
    }
    expect(new Set(products.map((p) => p.gtin)).size).toBe(products.length);
    // The check digit really is checked: change it and the GTIN is invalid.
    const g = products[0]!.gtin;
    expect(isValidGtin(g.slice(0, 12) + String((Number(g[12]) + 1) % 10))).toBe(false);
    expect(isValidGtin('4006381333931')).toBe(true);
  });

  it('files products in the leaves of a three-level category tree', () => {
    const cats = a
      .prepare<[], { id: string; parent: string | null; level: number }>(
        'SELECT id, parent, level FROM category',
      )
      .all();
    const byId = new Map(cats.map((c) => [c.id, c]));
    expect(new Set(cats.map((c) => c.level))).toEqual(new Set([1, 2, 3]));
    for (const c of cats) {
      if (c.level === 1) expect(c.parent).toBeNull();
      else expect(byId.get(c.parent!)?.level).toBe(c.level - 1);
    }
    for (const p of products) expect(byId.get(p.categoryId!)?.level).toBe(3);
  });

  it('names and describes every product in en, de, pl and sk', () => {
    for (const p of products) {
      for (const l of ['en', 'de', 'pl', 'sk']) {
        expect(p.name[l]?.length).toBeGreaterThan(3);
        expect(p.description[l]?.length).toBeGreaterThan(10);
      }
    }
    expect(products.some((p) => p.description.de!.includes('Farbe'))).toBe(true);
  });

  it('opens with the three products of the WEXBO seed example', () => {
    expect(products.slice(0, 3).map((p) => [p.id, p.sku, p.name.sk])).toEqual([
      [1000001, 'tenrak01', 'Tenisová raketa'],
      [1000002, 'tankt72m1', 'Tank T-72 M1'],
      [1000003, 'office30', 'Microsoft Office 2030'],
    ]);
  });

  it('makes configurable products with size variants, and an ETIM relation for each', () => {
    const parents = products.filter((p) => p.type === 'configurable');
    expect(parents.length).toBeGreaterThan(3);
    for (const parent of parents) {
      const variants = products.filter((p) => p.parentId === parent.id);
      expect(variants.length).toBeGreaterThanOrEqual(3);
      for (const v of variants) {
        expect(v.type).toBe('variant');
        expect(v.parentSku).toBe(parent.sku);
        expect(v.attributes.size).toBeTruthy();
      }
      const rel = a
        .prepare<[string], { doc: string }>(
          "SELECT doc FROM etim_entity WHERE kind = 'relation' AND identifier = ?",
        )
        .get(`VAR-${parent.sku}`);
      expect(JSON.parse(rel!.doc)).toMatchObject({
        attribute: 'SIZE',
        products: variants.map((v) => v.sku),
        virtualProducts: [parent.sku],
      });
    }
  });

  it('gives prices, currencies, attributes, images, labels, suppliers and ETIM classes', () => {
    for (const p of products) {
      expect(['EUR', 'CZK', 'PLN']).toContain(p.currency);
      expect(p.price).toBeGreaterThan(0);
      expect(p.attributes.colour).toBeTruthy();
      expect(p.attributes.material).toBeTruthy();
      expect(p.images.length).toBeGreaterThan(0);
      expect(p.images[0]).toBe(`${p.sku}-1.jpg`);
      expect(p.supplier).toMatch(/^sup\d$/);
      const cls = ETIM_CLASS_BY_ID.get(p.etim!.classId);
      expect(cls?.groupId).toBe(p.etim!.groupId);
      expect(Object.keys(p.etim!.features)).toEqual(cls!.features);
      expect(p.modifiedAt).toBeGreaterThanOrEqual(p.createdAt);
    }
    expect(products.filter((p) => p.labels.includes('Public')).length).toBeGreaterThan(200);
    const kinds = a
      .prepare<[], { kind: string; n: number }>('SELECT kind, count(*) AS n FROM etim_entity GROUP BY kind')
      .all();
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toMatchObject({
      label: 6,
      attribute: 3,
      attributeGroup: 2,
      supplier: 8,
      buyer: 4,
      categoryTree: 1,
    });
  });
});

describe('data file', () => {
  it('reopens an existing catalog instead of generating it again', async () => {
    const file = path.join(dir, 'reopen.sqlite');
    const first = await startDemoPim({ dataFile: file, products: 120, seed: 5 });
    expect(first.generated).toBe(true);
    first.admin.editProduct('tenrak01', { price: 12.5 });
    await first.close();
    expect(fs.existsSync(file)).toBe(true);

    const second = await startDemoPim({ dataFile: file, products: 999, seed: 6 });
    expect(second.generated).toBe(false);
    expect(second.admin.state().catalog).toMatchObject({ products: 120, seed: 5 });
    expect(second.admin.getProduct('tenrak01')?.price).toBe(12.5);
    await second.close();
  });

  it('removes its temporary data file on close', async () => {
    const pim = await startDemoPim({ products: 50 });
    expect(fs.existsSync(pim.dataFile)).toBe(true);
    await pim.close();
    expect(fs.existsSync(pim.dataFile)).toBe(false);
  });

  it('starts a default 2000-product demo quickly', async () => {
    const t0 = performance.now();
    const pim = await startDemoPim();
    const ms = performance.now() - t0;
    expect(pim.admin.state().catalog.products).toBe(2000);
    await pim.close();
    expect(ms).toBeLessThan(2000);
  });
});
