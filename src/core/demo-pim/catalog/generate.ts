/**
 * The deterministic catalog generator: the same seed and size give the same catalog, byte for
 * byte. One prepared INSERT, large transactions, indexes built after the load, nothing held in
 * memory but the current product.
 */
import type Database from 'better-sqlite3';
import { ETIM_CLASSES, ETIM_FEATURES } from './etim-dictionary';
import { withCheckDigit } from './gtin';
import type { CanonicalProduct, EtimDescription } from './product';
import { createPrng, mixSeed, type Prng } from './prng';
import {
  ATTRIBUTE_GROUPS,
  ATTRIBUTES,
  BUYERS,
  buildCategories,
  LABELS,
  shopCategoryTree,
  SUPPLIERS,
  type Leaf,
} from './reference';
import { PRODUCT_INDEXES, productToDoc, SCHEMA } from './store';
import {
  BRANDS,
  COLOURS,
  DESCRIPTION_WORDS,
  MATERIALS,
  SIZES,
  TAGLINES,
  type Coded,
  type Lang,
  type Texts,
} from './vocab';

/** Generated times lie in the two years before this instant, so the catalog depends on the seed only. */
export const CATALOG_ANCHOR_MS = Date.UTC(2025, 0, 1);
const SPAN_S = 730 * 86_400;
export const FIRST_ID = 1000001;
const GENERATOR_VERSION = 1;

export interface CatalogMeta {
  version: number;
  seed: number;
  products: number;
  status: 'generating' | 'complete';
}

/** The three products of the WEXBO seed's list example open the catalog (001_…, "Show products"). */
const SEED_PRODUCTS: { code: string; group: string; name: Texts }[] = [
  {
    code: 'tenrak01',
    group: 'rak',
    name: { en: 'Tennis racket', de: 'Tennisschläger', pl: 'Rakieta tenisowa', sk: 'Tenisová raketa' },
  },
  {
    code: 'tankt72m1',
    group: 'bal',
    name: { en: 'Tank T-72 M1', de: 'Tank T-72 M1', pl: 'Tank T-72 M1', sk: 'Tank T-72 M1' },
  },
  {
    code: 'office30',
    group: 'sof',
    name: {
      en: 'Microsoft Office 2030',
      de: 'Microsoft Office 2030',
      pl: 'Microsoft Office 2030',
      sk: 'Microsoft Office 2030',
    },
  },
];

const CURRENCIES: { code: string; rate: number; vat: number; share: number }[] = [
  { code: 'EUR', rate: 1, vat: 0.2, share: 0.85 },
  { code: 'CZK', rate: 25, vat: 0.21, share: 0.1 },
  { code: 'PLN', rate: 4.3, vat: 0.23, share: 0.05 },
];

function mapTexts(f: (l: Lang) => string): Texts {
  return { en: f('en'), de: f('de'), pl: f('pl'), sk: f('sk') };
}

function featureValues(
  rng: Prng,
  classIndex: number,
  colour: Coded,
  material: Coded,
  size: string | undefined,
): EtimDescription {
  const cls = ETIM_CLASSES[classIndex] ?? ETIM_CLASSES[0]!;
  const features: Record<string, string | string[]> = {};
  for (const id of cls.features) {
    const f = ETIM_FEATURES[id]!;
    if (rng.chance(0.04)) {
      features[id] = 'NA';
      continue;
    }
    if (id === 'EF002169') features[id] = material.etimValue;
    else if (id === 'EF000007') features[id] = colour.etimValue;
    else if (id === 'EF004283')
      features[id] = size
        ? `EV0100${String(SIZES.indexOf(size as (typeof SIZES)[number]) + 1).padStart(2, '0')}`
        : 'NA';
    else if (f.type === 'L') features[id] = rng.chance(0.5) ? 'true' : 'false';
    else if (f.type === 'R') {
      const lo = rng.range(f.min ?? 0, f.max ?? 100);
      features[id] = [String(lo), String(rng.range(lo, f.max ?? 100))];
    } else features[id] = String(rng.range(f.min ?? 0, f.max ?? 1000));
  }
  return { version: '9', classId: cls.id, groupId: cls.groupId, features };
}

interface Draft {
  leaf: Leaf;
  brand: string;
  model: string;
  colour: Coded;
  material: Coded;
  price: number;
  currency: (typeof CURRENCIES)[number];
}

function times(rng: Prng): { createdAt: number; modifiedAt: number } {
  const createdAt = CATALOG_ANCHOR_MS - rng.int(SPAN_S) * 1000;
  const modifiedAt = createdAt + Math.floor(((CATALOG_ANCHOR_MS - createdAt) / 1000) * rng.next()) * 1000;
  return { createdAt, modifiedAt };
}

function drawPrice(rng: Prng): { price: number; currency: (typeof CURRENCIES)[number] } {
  const u = rng.next();
  const currency = u < 0.85 ? CURRENCIES[0]! : u < 0.95 ? CURRENCIES[1]! : CURRENCIES[2]!;
  const eur = Math.exp(rng.next() * Math.log(1500));
  return { price: Math.floor(eur * currency.rate) + 0.99, currency };
}

function makeProduct(
  rng: Prng,
  id: number,
  sku: string,
  d: Draft,
  extra: { type: CanonicalProduct['type']; parent: CanonicalProduct | null; size?: string; name?: Texts },
): CanonicalProduct {
  const suffix = extra.size ? ` ${extra.size}` : '';
  const name = extra.name ?? mapTexts((l) => `${d.brand} ${d.leaf.group.noun[l]} ${d.model}${suffix}`);
  const tagline = rng.pick(TAGLINES);
  const description = mapTexts((l) => {
    const w = DESCRIPTION_WORDS[l];
    const size = extra.size ? `, ${w.size}: ${extra.size}` : '';
    return `${name[l]}. ${w.material}: ${d.material.name[l]}, ${w.colour}: ${d.colour.name[l]}${size}. ${tagline[l]}`;
  });
  const labels: string[] = [];
  if (rng.chance(0.9)) labels.push('Public');
  for (const [label, p] of [
    ['Sale', 0.1],
    ['New', 0.08],
    ['Eco', 0.06],
    ['Bestseller', 0.05],
  ] as const) {
    if (rng.chance(p)) labels.push(label);
  }
  const images = Array.from(
    { length: extra.type === 'variant' ? 1 : rng.range(1, 3) },
    (_, i) => `${sku}-${i + 1}.jpg`,
  );
  const supplier = rng.pick(SUPPLIERS).identifier;
  const { createdAt, modifiedAt } = times(rng);
  const attributes: CanonicalProduct['attributes'] = { colour: d.colour.code, material: d.material.code };
  if (extra.size) attributes.size = extra.size;
  return {
    id,
    sku,
    type: extra.type,
    parentId: extra.parent?.id ?? null,
    parentSku: extra.parent?.sku ?? null,
    gtin: withCheckDigit(`858${String(id).padStart(9, '0')}`),
    name,
    description,
    brand: d.brand,
    categoryId: d.leaf.id,
    price: d.price,
    currency: d.currency.code,
    vat: d.currency.vat,
    stock: extra.type === 'configurable' ? 0 : rng.chance(0.1) ? 0 : rng.range(1, 500),
    active: rng.chance(0.93),
    attributes,
    images,
    labels,
    supplier,
    supplierPid: `${supplier.toUpperCase()}-${id}`,
    weight: rng.range(50, 15000) / 1000,
    etim: featureValues(rng, d.leaf.group.etimClass, d.colour, d.material, extra.size),
    createdAt,
    modifiedAt,
    createdBy: 'catalog-import',
    modifiedBy: rng.pick(['anna.k', 'peter.h', 'ewa.n', 'catalog-import']),
  };
}

export interface Relation {
  identifier: string;
  attribute: string;
  name: Texts;
  products: string[];
  virtualProducts: string[];
}

/**
 * Calls `emit` for each product in order, and `relate` for each configurable product with its
 * variants (an ETIM relation by attribute). Exactly `count` products are emitted.
 */
export function forEachProduct(
  seed: number,
  count: number,
  emit: (p: CanonicalProduct) => void,
  relate: (r: Relation) => void = () => {},
): void {
  const rng = createPrng(mixSeed(seed, 0x5eed));
  const { leaves } = buildCategories();
  const leafFor = (code: string): Leaf[] => leaves.filter((l) => l.group.code === code);
  let i = 0;
  while (i < count) {
    const fixed = SEED_PRODUCTS[i];
    const leaf = fixed ? rng.pick(leafFor(fixed.group)) : rng.pick(leaves);
    const { price, currency } = drawPrice(rng);
    const d: Draft = {
      leaf,
      brand: rng.pick(BRANDS),
      model: `${String.fromCharCode(65 + rng.int(26))}${rng.range(100, 999)}`,
      colour: rng.pick(COLOURS),
      material: rng.pick(MATERIALS),
      price,
      currency,
    };
    const id = FIRST_ID + i;
    const sku = fixed?.code ?? `${leaf.group.code}-${id}`;
    const variants = !fixed && leaf.group.sized && rng.chance(0.6) ? rng.range(3, 5) : 0;
    if (variants === 0 || i + variants >= count) {
      emit(makeProduct(rng, id, sku, d, { type: 'simple', parent: null, name: fixed?.name }));
      i += 1;
      continue;
    }
    const parent = makeProduct(rng, id, sku, d, { type: 'configurable', parent: null });
    emit(parent);
    const start = rng.int(SIZES.length - variants + 1);
    const skus: string[] = [];
    for (let v = 0; v < variants; v++) {
      const size = SIZES[start + v]!;
      const child = makeProduct(rng, id + 1 + v, `${sku}-${size.toLowerCase()}`, d, {
        type: 'variant',
        parent,
        size,
      });
      skus.push(child.sku);
      emit(child);
    }
    relate({
      identifier: `VAR-${sku}`,
      attribute: 'SIZE',
      name: mapTexts((l) => `${parent.name[l]} (${DESCRIPTION_WORDS[l].size})`),
      products: skus,
      virtualProducts: [sku],
    });
    i += 1 + variants;
  }
}

export function readCatalogMeta(db: Database.Database): CatalogMeta | undefined {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'demo_meta'").get();
  if (!has) return undefined;
  const row = db.prepare<[], { value: string }>("SELECT value FROM demo_meta WHERE key = 'catalog'").get();
  return row ? (JSON.parse(row.value) as CatalogMeta) : undefined;
}

function writeMeta(db: Database.Database, meta: CatalogMeta): void {
  db.prepare("INSERT OR REPLACE INTO demo_meta (key, value) VALUES ('catalog', ?)").run(JSON.stringify(meta));
}

export interface GenerateOptions {
  products: number;
  seed: number;
  /** Rows per transaction. */
  batchSize?: number;
  onProgress?: (done: number) => void;
}

/** Fills an empty (or half-generated) demo database. Returns the number of products written. */
export function generateCatalog(db: Database.Database, opts: GenerateOptions): number {
  db.exec(SCHEMA);
  for (const table of ['product', 'product_tombstone', 'category', 'etim_entity'])
    db.exec(`DELETE FROM ${table}`);
  const meta: CatalogMeta = {
    version: GENERATOR_VERSION,
    seed: opts.seed,
    products: opts.products,
    status: 'generating',
  };
  writeMeta(db, meta);
  const previousSync = db.pragma('synchronous', { simple: true });
  db.pragma('synchronous = OFF');

  const putEntity = db.prepare(
    'INSERT OR REPLACE INTO etim_entity (kind, identifier, position, doc) VALUES (?, ?, ?, ?)',
  );
  const { categories } = buildCategories();
  db.transaction(() => {
    const putCategory = db.prepare(
      'INSERT INTO category (id, parent, level, position, name) VALUES (?, ?, ?, ?, ?)',
    );
    categories.forEach((c, i) => putCategory.run(c.id, c.parent, c.level, i, JSON.stringify(c.name)));
    const reference: [string, { identifier: string }[]][] = [
      ['label', LABELS],
      ['attribute', ATTRIBUTES],
      ['attributeGroup', ATTRIBUTE_GROUPS],
      ['supplier', SUPPLIERS],
      ['buyer', BUYERS],
    ];
    for (const [kind, rows] of reference)
      rows.forEach((r, i) => putEntity.run(kind, r.identifier, i, JSON.stringify(r)));
    putEntity.run('categoryTree', 'SHOP', 0, JSON.stringify(shopCategoryTree(categories)));
  })();

  const insert = db.prepare(
    'INSERT INTO product (id, sku, supplier, supplier_pid, created_ms, modified_ms, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const batch = opts.batchSize ?? 20_000;
  let done = 0;
  let relations = 0;
  db.exec('BEGIN');
  try {
    forEachProduct(
      opts.seed,
      opts.products,
      (p) => {
        insert.run(p.id, p.sku, p.supplier, p.supplierPid, p.createdAt, p.modifiedAt, productToDoc(p));
        done += 1;
        if (done % batch === 0) {
          db.exec('COMMIT');
          opts.onProgress?.(done);
          db.exec('BEGIN');
        }
      },
      (r) => putEntity.run('relation', r.identifier, relations++, JSON.stringify(r)),
    );
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  db.exec(PRODUCT_INDEXES);
  writeMeta(db, { ...meta, status: 'complete' });
  db.pragma(`synchronous = ${String(previousSync)}`);
  opts.onProgress?.(done);
  return done;
}
