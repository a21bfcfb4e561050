/**
 * POST /rest/V1/customer/create/ (seeds/003_f9a1ab627ff386f6.txt, "Customer"): creates a customer,
 * or updates only first and last name when the id exists.
 */
import type Database from 'better-sqlite3';
import { failure, idKey, isMap, recordsOf, success, validId } from './records';
import type { RecordResult, Rejector } from './records';

export const CUSTOMER_MESSAGES = {
  created: 'Customer created successfully!',
  updated: 'Customer Updated successfully!',
  badId: 'Please pass valid customer Id!',
  emailTaken: 'A customer with the same email address already exists in an associated website.',
};

interface CustomerRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  data: string;
}

const text = (v: unknown): string | null =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : null;

export function createCustomers(db: Database.Database, map: unknown, reject: Rejector): RecordResult[] {
  const get = db.prepare('SELECT * FROM px_customer WHERE id = ?');
  const byEmail = db.prepare('SELECT id FROM px_customer WHERE lower(email) = lower(?) AND id <> ?');
  const put = db.prepare(
    'INSERT OR REPLACE INTO px_customer (id, first_name, last_name, email, data) VALUES (?, ?, ?, ?, ?)',
  );
  return recordsOf(map).map((rec): RecordResult => {
    const id = isMap(rec) ? rec.id : undefined;
    if (!isMap(rec) || !validId(id)) return failure(undefined, 404, CUSTOMER_MESSAGES.badId);
    const rejected = reject('customer', id);
    if (rejected) return rejected;
    const key = idKey(id);
    const existing = get.get(key) as CustomerRow | undefined;
    const first = text(rec.first_name);
    const last = text(rec.last_name);
    if (existing) {
      // "The ‘first name’ and ‘last name’ will only be updated."
      const f = first ?? existing.first_name;
      const l = last ?? existing.last_name;
      const data = { ...(JSON.parse(existing.data) as object), first_name: f, last_name: l };
      put.run(key, f, l, existing.email, JSON.stringify(data));
      return success(id, CUSTOMER_MESSAGES.updated);
    }
    const email = text(rec.email);
    if (email && byEmail.get(email, key)) return failure(id, 400, CUSTOMER_MESSAGES.emailTaken);
    put.run(key, first, last, email, JSON.stringify({ id: key, first_name: first, last_name: last, email }));
    return success(id, CUSTOMER_MESSAGES.created);
  });
}
