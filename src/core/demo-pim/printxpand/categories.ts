/**
 * POST /rest/V1/category/create/ and /rest/V1/category/delete/ (seeds/003_f9a1ab627ff386f6.txt,
 * "Category"): upsert by id with a known parent (or none), delete by id list.
 */
import type Database from 'better-sqlite3';
import { failure, idKey, isMap, phpEmpty, recordsOf, success, validId } from './records';
import type { RecordResult, Rejector } from './records';

export const CATEGORY_MESSAGES = {
  created: 'Category created successfully!',
  updated: 'Category Updated successfully!',
  badData: 'Please send proper data like id, name and parent id of Category!',
  deleted: 'Category Deleted successfully!',
  notFound: 'Category Id is not Found!',
};

export function categoryExists(db: Database.Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM px_category WHERE id = ?').get(id) !== undefined;
}

export function createCategories(db: Database.Database, map: unknown, reject: Rejector): RecordResult[] {
  const put = db.prepare(
    'INSERT OR REPLACE INTO px_category (id, name, parent_id, status, data) VALUES (?, ?, ?, ?, ?)',
  );
  return recordsOf(map).map((rec): RecordResult => {
    const id = isMap(rec) ? rec.id : undefined;
    // An unusable id is answered without one, as in the seed's example; else the id is echoed.
    if (!isMap(rec) || !validId(id)) return failure(undefined, 404, CATEGORY_MESSAGES.badData);
    const key = idKey(id);
    const name = typeof rec.name === 'string' ? rec.name.trim() : '';
    const parent = phpEmpty(rec.parent_id) ? null : idKey(rec.parent_id);
    if (!name || parent === key || (parent !== null && !categoryExists(db, parent))) {
      return failure(id, 404, CATEGORY_MESSAGES.badData);
    }
    const rejected = reject('category', id);
    if (rejected) return rejected;
    const existed = categoryExists(db, key);
    const status = rec.status === undefined ? 1 : Number(rec.status) ? 1 : 0;
    put.run(key, name, parent, status, JSON.stringify({ id: key, name, parent_id: parent ?? 0, status }));
    return success(id, existed ? CATEGORY_MESSAGES.updated : CATEGORY_MESSAGES.created);
  });
}

/** Deleting a category deletes its subtree, as Magento does. */
export function deleteCategories(db: Database.Database, list: unknown, reject: Rejector): RecordResult[] {
  const del = db.prepare(
    `WITH RECURSIVE tree(id) AS (SELECT ? UNION ALL SELECT c.id FROM px_category c JOIN tree t ON c.parent_id = t.id)
     DELETE FROM px_category WHERE id IN (SELECT id FROM tree)`,
  );
  return recordsOf(list).map((id): RecordResult => {
    if (!validId(id) || !categoryExists(db, idKey(id))) return failure(id, 404, CATEGORY_MESSAGES.notFound);
    const rejected = reject('category', id);
    if (rejected) return rejected;
    del.run(idKey(id));
    return success(id, CATEGORY_MESSAGES.deleted);
  });
}
