/**
 * Catalog search over the FTS5 index (migration 005): words match as prefixes in any language and
 * without diacritics; records changed since the background indexer ran are found by the substring
 * scan instead (never stale, never missing); punctuation still matches as typed; the scheduler
 * drains the queue in batches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/db/open';
import type { Store } from '../../../src/core/db/open';
import { getColumns, queryRows } from '../../../src/core/catalog/rows';
import {
  changesByIndexer,
  createSearchIndexer,
  createSearchScheduler,
  ftsQuery,
  searchBody,
} from '../../../src/core/catalog/search-index';

const AT = '2026-12-03T10:00:00.000Z';

describe('catalog search', () => {
  let dir: string;
  let store: Store;
  const ids: Record<string, number> = {};

  const search = (text: string) =>
    queryRows(
      store.sqlite,
      { connectionId: 'w', entity: 'products', offset: 0, limit: 100, search: text },
      () => getColumns(store.sqlite, 'w', 'products'),
    );
  const codes = (text: string) =>
    search(text)
      .rows.map((r) => r.cells.code)
      .sort();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-search-'));
    store = openStore(join(dir, 'db.sqlite'));
    const { sqlite } = store;
    sqlite
      .prepare(
        `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES ('w', 'Shop', 'wexbo', 'http://127.0.0.1:9', ?)`,
      )
      .run(AT);
    const ins = sqlite.prepare(
      `INSERT INTO record (connection_id, entity, remote_id, base, updated_at) VALUES ('w', 'products', ?, ?, ?)`,
    );
    const docs = [
      { code: 'racket-120', name: { sk: 'Tenisová raketa 120 g', en: 'Tennis racket 120 g' } },
      { code: 'ball-7', name: { sk: 'Žltá lopta', en: 'Yellow ball' }, brand: 'Dunlop' },
      { code: 'net-100', name: { sk: 'Sieť 100% polyester', en: 'Net' } },
      { code: 'sku-0012', name: { sk: 'Grip', en: 'Grip' }, ean: '0858000000017' },
    ];
    docs.forEach((d, i) => {
      ids[d.code] = Number(ins.run(String(100 + i), JSON.stringify(d), AT).lastInsertRowid);
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns words into prefix queries and indexes every text value', () => {
    expect(ftsQuery('rack 12')).toBe('"rack"* "12"*');
    expect(ftsQuery('say "hi" OR x')).toBe('"say"* "hi"* "OR"* "x"*');
    expect(ftsQuery(' -% ')).toBeNull();
    expect(searchBody('7', { name: { sk: 'A', en: 'B' }, price: 1.5, stock: 3, images: ['x.jpg'] })).toBe(
      '7 A B 3 x.jpg',
    );
  });

  it('finds records before and after indexing, with the same answers where both apply', () => {
    const indexer = createSearchIndexer(store.sqlite);
    expect(indexer.pending()).toBe(4);
    // Not indexed yet: the substring scan answers.
    expect(codes('raketa')).toEqual(['racket-120']);
    const before = changesByIndexer(store.sqlite);
    expect(indexer.drain()).toBe(4);
    expect(indexer.pending()).toBe(0);
    // The indexer's writes are counted apart, so they do not make the grid's id lists stale.
    expect(changesByIndexer(store.sqlite)).toBeGreaterThan(before);
    expect(codes('raketa')).toEqual(['racket-120']);
    expect(codes('TENNIS rack')).toEqual(['racket-120']);
    // Diacritics folded: "zlta" finds "Žltá", "siet" finds "Sieť".
    expect(codes('zlta')).toEqual(['ball-7']);
    expect(codes('siet')).toEqual(['net-100']);
    expect(codes('dunlop')).toEqual(['ball-7']);
    expect(codes('0858')).toEqual(['sku-0012']);
    // The remote id is searchable too.
    expect(codes('101')).toEqual(['ball-7']);
    // Punctuation matches as typed.
    expect(codes('100%')).toEqual(['net-100']);
    expect(codes('sku-0012')).toEqual(['sku-0012']);
    expect(codes('sku-0013')).toEqual([]);
    expect(search('-').total).toBe(4);
  });

  it('never answers from a stale entry: a changed record is matched by its new text', () => {
    const indexer = createSearchIndexer(store.sqlite);
    indexer.drain();
    store.sqlite
      .prepare(`UPDATE record SET local = ?, state = 'dirty' WHERE id = ?`)
      .run(JSON.stringify({ code: 'ball-7', name: { sk: 'Modrá lopta', en: 'Blue ball' } }), ids['ball-7']);
    expect(indexer.pending()).toBe(1);
    expect(codes('yellow')).toEqual([]);
    expect(codes('blue')).toEqual(['ball-7']);
    indexer.drain();
    expect(codes('yellow')).toEqual([]);
    expect(codes('modra')).toEqual(['ball-7']);
    store.sqlite.prepare(`DELETE FROM record WHERE id = ?`).run(ids['ball-7']);
    expect(indexer.pending()).toBe(0);
    expect(codes('modra')).toEqual([]);
  });

  it('the scheduler drains the queue in the background', async () => {
    const indexer = createSearchIndexer(store.sqlite);
    const scheduler = createSearchScheduler({ ...indexer, step: () => indexer.step(1) });
    scheduler.poke(0);
    for (let i = 0; i < 100 && indexer.pending() > 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(indexer.pending()).toBe(0);
    scheduler.close();
  });
});
