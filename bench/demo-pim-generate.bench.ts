/**
 * Demo PIM catalog generation: 1M products into a fresh SQLite file (BENCH_QUICK=1: 50k).
 * Target (issue 3): 1M products in under 2 minutes on the 2-core build machine, memory bounded.
 * Baseline in the same run: a bare prepared INSERT of the same number of fixed rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { generateCatalog } from '../src/core/demo-pim/catalog/generate';

function tempFile(name: string): string {
  return path.join(os.tmpdir(), `steward-bench-${process.pid}-${name}.sqlite`);
}

function remove(file: string): void {
  for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${s}`, { force: true });
}

function open(file: string): Database.Database {
  remove(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  return db;
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const products = process.env.BENCH_QUICK ? 50_000 : 1_000_000;

  // Baseline: one prepared INSERT of a fixed ~1 KB document, same transactions, same index build.
  const baseFile = tempFile('baseline');
  const base = open(baseFile);
  base.exec(
    'CREATE TABLE product (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, modified_ms INTEGER NOT NULL, doc TEXT NOT NULL)',
  );
  base.pragma('synchronous = OFF');
  const doc = JSON.stringify({ filler: 'x'.repeat(1000) });
  const insert = base.prepare('INSERT INTO product (id, sku, modified_ms, doc) VALUES (?, ?, ?, ?)');
  const t0 = performance.now();
  base.exec('BEGIN');
  for (let i = 0; i < products; i++) {
    insert.run(i + 1, `sku-${i}`, i, doc);
    if (i % 20_000 === 19_999) {
      base.exec('COMMIT');
      base.exec('BEGIN');
    }
  }
  base.exec('COMMIT');
  base.exec('CREATE UNIQUE INDEX s ON product(sku); CREATE INDEX m ON product(modified_ms, id);');
  const baseSeconds = (performance.now() - t0) / 1000;
  base.close();
  remove(baseFile);

  const file = tempFile('catalog');
  const db = open(file);
  const t1 = performance.now();
  const written = generateCatalog(db, { products, seed: 1 });
  // The process's peak resident set (generation is synchronous, so sampling could not see inside it).
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const seconds = (performance.now() - t1) / 1000;
  db.close();
  const sizeMb = Math.round(fs.statSync(file).size / 2 ** 20);
  remove(file);

  const perSecond = Math.round(written / seconds);
  return {
    name: 'Demo PIM catalog generation',
    lines: [
      `${written.toLocaleString('en')} products generated in ${seconds.toFixed(1)} s: ${perSecond.toLocaleString('en')} products/s (target for 1M: under 120 s)`,
      `bare prepared INSERT of ${products.toLocaleString('en')} fixed 1 KB rows: ${baseSeconds.toFixed(1)} s; generation takes ${(seconds / baseSeconds).toFixed(2)}× as long`,
      `peak RSS of the process: ${peakMb} MB; SQLite file: ${sizeMb} MB`,
    ],
  };
}
