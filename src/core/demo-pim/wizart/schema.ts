/**
 * Wizart tables, product types and import stages.
 * Stages and their descriptions: seeds/000_e06ea13dbfabb382.txt ("Checking import status").
 * Product types and the per-type CSV template: the seed only names "wall product types" and
 * "flooring"; the columns below are our choice (see README-systems.md).
 */
import type Database from 'better-sqlite3';

export const STAGES = [
  'uploading_files',
  'validating_csv',
  'unpacking_archive',
  'checking_images',
  'waiting_queue',
  'importing_data',
] as const;
export type Stage = (typeof STAGES)[number];
export type FinalStatus = 'success' | 'warning' | 'failure';
export type ImportStatus = Stage | FinalStatus;

/** The seed's own description of each intermediate status, used as `status_message`. */
export const STAGE_MESSAGES: Record<Stage, string> = {
  uploading_files: 'Upload the files that you’re sending to the PIM.',
  validating_csv:
    'Make sure your CSV has all required fields completed, as well as no changes in the structure of the original CSV template.',
  unpacking_archive: 'Extract the uploaded images from the archive.',
  checking_images: 'Make sure your CSV is not missing any images from the ZIP archive.',
  waiting_queue: 'Waiting for free workers to start the import.',
  importing_data: 'The import is in progress.',
};

export interface ProductType {
  code: string;
  name: string;
  columns: string[];
  required: string[];
  numeric: string[];
  /** The column naming the product's image inside the ZIP. */
  imageColumn: string;
  keyColumn: string;
}

const common = ['vendor_code', 'name', 'brand', 'collection', 'image'];

export const PRODUCT_TYPES: ProductType[] = [
  {
    code: 'wallpaper',
    name: 'Wallpaper',
    columns: [...common, 'width', 'length', 'pattern_repeat', 'color', 'price'],
    required: ['vendor_code', 'name', 'collection', 'image'],
    numeric: ['width', 'length', 'pattern_repeat', 'price'],
    imageColumn: 'image',
    keyColumn: 'vendor_code',
  },
  {
    code: 'flooring',
    name: 'Flooring',
    columns: [...common, 'width', 'length', 'thickness', 'material', 'price'],
    required: ['vendor_code', 'name', 'collection', 'image'],
    numeric: ['width', 'length', 'thickness', 'price'],
    imageColumn: 'image',
    keyColumn: 'vendor_code',
  },
];

export function productType(code: string): ProductType | undefined {
  return PRODUCT_TYPES.find((t) => t.code === code);
}

export type TokenKind = 'bearer' | 'web' | 'android' | 'ios' | 'direct';

const DDL = `
CREATE TABLE IF NOT EXISTS wizart_import (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_type TEXT NOT NULL,
  original_name TEXT NOT NULL,
  path TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  end_ms INTEGER,
  plan TEXT NOT NULL,
  applied INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS wizart_product (
  product_type TEXT NOT NULL,
  vendor_code TEXT NOT NULL,
  data TEXT NOT NULL,
  import_id INTEGER NOT NULL,
  PRIMARY KEY (product_type, vendor_code)
);
CREATE TABLE IF NOT EXISTS wizart_token (token TEXT PRIMARY KEY, kind TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS wizart_config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS wizart_rejection (vendor_code TEXT PRIMARY KEY, message TEXT NOT NULL);
`;

const ready = new WeakSet<Database.Database>();

export function ensureWizartTables(db: Database.Database): void {
  if (ready.has(db)) return;
  // One transaction: a commit per statement would cost a sync each on a real disk.
  db.transaction(() => db.exec(DDL))();
  ready.add(db);
}

export function readConfig<T>(db: Database.Database, key: string): T | undefined {
  ensureWizartTables(db);
  const row = db.prepare('SELECT value FROM wizart_config WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function writeConfig(db: Database.Database, key: string, value: unknown): void {
  ensureWizartTables(db);
  if (value === undefined) db.prepare('DELETE FROM wizart_config WHERE key = ?').run(key);
  else
    db.prepare('INSERT OR REPLACE INTO wizart_config (key, value) VALUES (?, ?)').run(
      key,
      JSON.stringify(value),
    );
}
