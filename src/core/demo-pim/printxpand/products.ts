/**
 * POST /rest/V1/product/create/ and /rest/V1/product/delete/ (seeds/003_f9a1ab627ff386f6.txt,
 * "Product"): simple and configurable products (with their variations as child products), upsert
 * by id, delete by id list.
 */
import type Database from 'better-sqlite3';
import { categoryExists } from './categories';
import { failure, idKey, isMap, recordsOf, success, validId } from './records';
import type { RecordResult, Rejector } from './records';

export const PRODUCT_MESSAGES = {
  created: 'Product Created Successfully!',
  updated: 'Product Updated Successfully!',
  badData:
    'Please pass the proper product data like id,name and type. Also, product type must be either simple or configurable of Magento.',
  // "vaild" is the seed's spelling of the remote's message.
  badSpecialPrice: 'Please pass vaild special_price.',
  badPrice: 'Please pass vaild price.',
  badVariations: 'Configurable product and its sub-products must have proper attribute values.',
  unknownCategory: 'Category Id is not Found!',
  deleted: 'Product Deleted successfully!',
  notFound: 'Product Id is Not Found!',
};

type Rec = Record<string, unknown>;

const NUMBER = /^-?\d+(\.\d+)?$/;
const badNumber = (v: unknown) =>
  v !== undefined &&
  v !== null &&
  v !== '' &&
  !(typeof v === 'number' ? Number.isFinite(v) : NUMBER.test(String(v).trim()));

function priceError(rec: Rec): string | undefined {
  if (badNumber(rec.price)) return PRODUCT_MESSAGES.badPrice;
  if (badNumber(rec.special_price)) return PRODUCT_MESSAGES.badSpecialPrice;
  return undefined;
}

/** Variations must each name every attribute of attribute_names once, in a unique combination. */
function variationsOk(parentId: string, rec: Rec): boolean {
  const names = String(rec.attribute_names ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const variations = recordsOf(rec.variations);
  if (names.length === 0 || new Set(names).size !== names.length || variations.length === 0) return false;
  const combos = new Set<string>();
  for (const v of variations) {
    if (!isMap(v) || !validId(v.id) || idKey(v.id) === parentId || !Array.isArray(v.attributes)) return false;
    const options = new Map<string, string>();
    for (const a of v.attributes as unknown[]) {
      if (!isMap(a) || typeof a.name !== 'string' || !names.includes(a.name) || options.has(a.name))
        return false;
      const option =
        typeof a.option === 'number' ? String(a.option) : typeof a.option === 'string' ? a.option.trim() : '';
      if (!option) return false;
      options.set(a.name, option);
    }
    if (options.size !== names.length) return false;
    const combo = names.map((n) => options.get(n)).join('\u0000');
    if (combos.has(combo)) return false;
    combos.add(combo);
  }
  return true;
}

function categoryIds(rec: Rec): string[] {
  // The field table says category_ids; every example sends category_id.
  const raw = rec.category_id ?? rec.category_ids;
  return raw === undefined || raw === null
    ? []
    : String(raw)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

function validate(db: Database.Database, id: unknown, rec: Rec): string | undefined {
  const name = typeof rec.name === 'string' ? rec.name.trim() : '';
  const type = typeof rec.type === 'string' ? rec.type.toLowerCase() : '';
  if (!validId(id) || !name || (type !== 'simple' && type !== 'configurable'))
    return PRODUCT_MESSAGES.badData;
  const price = priceError(rec);
  if (price) return price;
  if (categoryIds(rec).some((c) => !categoryExists(db, c))) return PRODUCT_MESSAGES.unknownCategory;
  if (type === 'configurable') {
    if (!variationsOk(idKey(id), rec)) return PRODUCT_MESSAGES.badVariations;
    for (const v of recordsOf(rec.variations) as Rec[]) {
      const vPrice = priceError(v);
      if (vPrice) return vPrice;
    }
  }
  return undefined;
}

export function createProducts(db: Database.Database, map: unknown, reject: Rejector): RecordResult[] {
  const get = db.prepare('SELECT data FROM px_product WHERE id = ?');
  const put = db.prepare('INSERT OR REPLACE INTO px_product (id, type, parent_id, data) VALUES (?, ?, ?, ?)');
  const upsert = (key: string, type: string, parent: string | null, rec: Rec) => {
    const old = get.get(key) as { data: string } | undefined;
    const data = { ...(old ? (JSON.parse(old.data) as Rec) : {}), ...rec, id: key, type };
    put.run(key, type, parent, JSON.stringify(data));
    return old !== undefined;
  };
  return recordsOf(map).map((rec): RecordResult => {
    const id = isMap(rec) ? rec.id : undefined;
    if (!isMap(rec)) return failure(undefined, 404, PRODUCT_MESSAGES.badData);
    const problem = validate(db, id, rec);
    if (problem) return failure(id, 404, problem);
    const rejected = reject('product', id);
    if (rejected) return rejected;
    const key = idKey(id);
    const type = String(rec.type).toLowerCase();
    const { variations, ...parent } = rec;
    const existed = upsert(key, type, null, type === 'configurable' ? parent : rec);
    if (type === 'configurable') {
      for (const v of recordsOf(variations) as Rec[])
        upsert(idKey(v.id), 'simple', key, { ...v, name: rec.name });
    }
    return success(id, existed ? PRODUCT_MESSAGES.updated : PRODUCT_MESSAGES.created);
  });
}

/** Deleting a configurable product leaves its child products, unlinked, as Magento does. */
export function deleteProducts(db: Database.Database, list: unknown, reject: Rejector): RecordResult[] {
  const exists = db.prepare('SELECT 1 FROM px_product WHERE id = ?');
  const del = db.prepare('DELETE FROM px_product WHERE id = ?');
  const unlink = db.prepare('UPDATE px_product SET parent_id = NULL WHERE parent_id = ?');
  return recordsOf(list).map((id): RecordResult => {
    if (!validId(id) || !exists.get(idKey(id))) return failure(id, 404, PRODUCT_MESSAGES.notFound);
    const rejected = reject('product', id);
    if (rejected) return rejected;
    del.run(idKey(id));
    unlink.run(idKey(id));
    return success(id, PRODUCT_MESSAGES.deleted);
  });
}
