/**
 * /rest/V1/order/create/ (seeds/003_f9a1ab627ff386f6.txt, "Order"): upsert by order_id; the
 * design_id, item_price and item_qty lists must be equally long.
 */
import type Database from 'better-sqlite3';
import { asList, failure, idKey, isMap, phpEmpty, recordsOf, success, validId } from './records';
import type { RecordResult, Rejector } from './records';

export const ORDER_MESSAGES = {
  created: 'Order Created successfully!!',
  updated: 'Order updated successfully!',
  unequal: 'Order design id, item price, and item qty is not equaled',
  // The seed documents the required fields but not the message for a missing one: ours.
  badData:
    'Please pass the proper order data like order_id, sub_total, item_price, item_qty, design_id and shipping_address.',
};

export function createOrders(db: Database.Database, map: unknown, reject: Rejector): RecordResult[] {
  const exists = db.prepare('SELECT 1 FROM px_order WHERE order_id = ?');
  const put = db.prepare('INSERT OR REPLACE INTO px_order (order_id, data) VALUES (?, ?)');
  return recordsOf(map).map((rec): RecordResult => {
    const id = isMap(rec) ? rec.order_id : undefined;
    if (!isMap(rec) || !validId(id)) return failure(undefined, 404, ORDER_MESSAGES.badData);
    const lists = [asList(rec.design_id), asList(rec.item_price), asList(rec.item_qty)];
    if (lists.some((l) => !l || l.length === 0)) return failure(id, 404, ORDER_MESSAGES.badData);
    if (new Set(lists.map((l) => l!.length)).size !== 1) return failure(id, 404, ORDER_MESSAGES.unequal);
    const address = rec.shipping_address;
    if (phpEmpty(rec.sub_total) || !isMap(address) || phpEmpty(address.name)) {
      return failure(id, 404, ORDER_MESSAGES.badData);
    }
    const rejected = reject('order', id);
    if (rejected) return rejected;
    const key = idKey(id);
    const existed = exists.get(key) !== undefined;
    const [design_id, item_price, item_qty] = lists;
    put.run(key, JSON.stringify({ ...rec, order_id: key, design_id, item_price, item_qty }));
    return success(id, existed ? ORDER_MESSAGES.updated : ORDER_MESSAGES.created);
  });
}
