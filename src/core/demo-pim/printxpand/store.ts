/**
 * PrintXpand simulator tables (prefixed px_) and the scenario hooks the admin API and tests call.
 */
import type Database from 'better-sqlite3';

const DDL = `
CREATE TABLE IF NOT EXISTS px_customer (
  id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS px_customer_email ON px_customer (email);
CREATE TABLE IF NOT EXISTS px_category (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, parent_id TEXT, status INTEGER, data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS px_product (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, parent_id TEXT, data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS px_order (order_id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS px_nonce (
  consumer_key TEXT NOT NULL, nonce TEXT NOT NULL, timestamp INTEGER NOT NULL,
  PRIMARY KEY (consumer_key, nonce)
);
CREATE INDEX IF NOT EXISTS px_nonce_time ON px_nonce (timestamp);
CREATE TABLE IF NOT EXISTS px_rejection (
  entity TEXT NOT NULL, record_id TEXT NOT NULL, code INTEGER NOT NULL, message TEXT NOT NULL,
  PRIMARY KEY (entity, record_id)
);
`;

const ready = new WeakSet<Database.Database>();

export function ensurePrintXpandTables(db: Database.Database): void {
  if (ready.has(db)) return;
  // One transaction: a commit per statement would cost a sync each on a real disk.
  db.transaction(() => db.exec(DDL))();
  ready.add(db);
}

export type Entity = 'customer' | 'category' | 'product' | 'order';

/**
 * Every later create, update or delete of these records (product ids, the "SKUs", by default)
 * answers a per-record error with `message` and `code` (default 400) instead of succeeding.
 */
export function rejectPrintXpandRecords(
  db: Database.Database,
  ids: string[],
  message: string,
  opts: { entity?: Entity; code?: number } = {},
): void {
  ensurePrintXpandTables(db);
  const put = db.prepare(
    'INSERT OR REPLACE INTO px_rejection (entity, record_id, code, message) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const id of ids) put.run(opts.entity ?? 'product', id, opts.code ?? 400, message);
  })();
}

export function clearPrintXpandRejections(db: Database.Database): void {
  ensurePrintXpandTables(db);
  db.prepare('DELETE FROM px_rejection').run();
}

export function scriptedRejection(
  db: Database.Database,
  entity: Entity,
  id: string,
): { code: number; message: string } | undefined {
  return db
    .prepare('SELECT code, message FROM px_rejection WHERE entity = ? AND record_id = ?')
    .get(entity, id) as { code: number; message: string } | undefined;
}

export interface PrintXpandSnapshot {
  customers: Record<string, unknown>[];
  categories: Record<string, unknown>[];
  products: Record<string, unknown>[];
  orders: Record<string, unknown>[];
}

/** Everything stored so far, for the admin API and tests. */
export function printXpandSnapshot(db: Database.Database): PrintXpandSnapshot {
  ensurePrintXpandTables(db);
  const read = (sql: string) =>
    (db.prepare(sql).all() as { data: string }[]).map((r) => JSON.parse(r.data) as Record<string, unknown>);
  return {
    customers: read('SELECT data FROM px_customer ORDER BY rowid'),
    categories: read('SELECT data FROM px_category ORDER BY rowid'),
    products: read('SELECT data FROM px_product ORDER BY rowid'),
    orders: read('SELECT data FROM px_order ORDER BY rowid'),
  };
}
