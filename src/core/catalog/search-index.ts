/**
 * The full-text index of the mirror (migration 005), kept up to date in the background: records the
 * triggers marked in `search_dirty` are tokenized in batches, each batch one short transaction, the
 * next one after the event loop had its turn, so a sync or a keystroke is never kept waiting long.
 * What gets indexed: the record's remote id and every text value of its document (names in every
 * language, codes, GTINs, brands…), bounded per record.
 */
import type Database from 'better-sqlite3';

/** Records per batch: about 20–40 ms of work on a slow laptop. */
export const INDEX_BATCH = 2000;
const MAX_BODY = 8000;

function collectText(value: unknown, out: string[], budget: { left: number }): void {
  if (budget.left <= 0 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (value === '') return;
    const piece = value.length > budget.left ? value.slice(0, budget.left) : value;
    out.push(piece);
    budget.left -= piece.length + 1;
  } else if (typeof value === 'number' && Number.isInteger(value)) {
    const text = String(value);
    out.push(text);
    budget.left -= text.length + 1;
  } else if (Array.isArray(value)) {
    for (const v of value) collectText(v, out, budget);
  } else if (typeof value === 'object') {
    for (const v of Object.values(value as Record<string, unknown>)) collectText(v, out, budget);
  }
}

/** The text a record is found by. */
export function searchBody(remoteId: string | null, doc: unknown): string {
  const out: string[] = remoteId ? [remoteId] : [];
  collectText(doc, out, { left: MAX_BODY });
  return out.join(' ');
}

/**
 * The user's words as an FTS5 query: every word must match as a prefix ("rack 12" finds "Racket
 * 120 g"). Tokens are split like the index's tokenizer splits them; quotes keep FTS syntax inert.
 * Null when the text has no word characters (the caller falls back to a substring scan).
 */
export function ftsQuery(text: string): string | null {
  const tokens = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '')
    .slice(0, 16);
  if (tokens.length === 0) return null;
  return tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}

/**
 * Row changes the indexer made on each connection: the grid's id lists (rows.ts) key on the
 * database's change count, and re-indexing changes no record, so it must not invalidate them.
 */
const indexerChanges = new WeakMap<Database.Database, number>();
export const changesByIndexer = (sqlite: Database.Database): number => indexerChanges.get(sqlite) ?? 0;

export function createSearchIndexer(sqlite: Database.Database) {
  const totalChanges = sqlite.prepare(`SELECT total_changes()`).pluck();
  const pick = sqlite.prepare(`
    SELECT d.record_id AS id, r.remote_id AS remoteId, coalesce(r.local, r.base) AS doc
    FROM search_dirty d LEFT JOIN record r ON r.id = d.record_id
    ORDER BY d.record_id LIMIT ?`);
  const drop = sqlite.prepare(`DELETE FROM record_search WHERE rowid = ?`);
  const add = sqlite.prepare(`INSERT INTO record_search (rowid, body) VALUES (?, ?)`);
  const done = sqlite.prepare(`DELETE FROM search_dirty WHERE record_id = ?`);
  const count = sqlite.prepare(`SELECT count(*) AS n FROM search_dirty`);

  /** Indexes up to `limit` waiting records; returns how many were done. */
  const step = sqlite.transaction((limit: number): number => {
    const before = totalChanges.get() as number;
    try {
      return indexBatch(limit);
    } finally {
      indexerChanges.set(sqlite, changesByIndexer(sqlite) + ((totalChanges.get() as number) - before));
    }
  });
  const indexBatch = (limit: number): number => {
    const rows = pick.all(limit) as { id: number; remoteId: string | null; doc: string | null }[];
    for (const r of rows) {
      drop.run(r.id);
      if (r.doc !== null || r.remoteId !== null) {
        const body = searchBody(r.remoteId, r.doc === null ? null : JSON.parse(r.doc));
        if (body !== '') add.run(r.id, body);
      }
      done.run(r.id);
    }
    return rows.length;
  };

  return {
    step: (limit = INDEX_BATCH) => step.immediate(limit),
    pending: () => (count.get() as { n: number }).n,
    /** Everything at once (tests, benchmarks). */
    drain(): number {
      let total = 0;
      for (let n = step.immediate(INDEX_BATCH); n > 0; n = step.immediate(INDEX_BATCH)) total += n;
      return total;
    },
  };
}

export type SearchIndexer = ReturnType<typeof createSearchIndexer>;

/**
 * Runs the indexer in the background: `poke()` after anything that changes records; batches follow
 * each other through setImmediate until nothing waits. `close()` stops it.
 */
export function createSearchScheduler(indexer: SearchIndexer, log?: (msg: string) => void) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let immediate: ReturnType<typeof setImmediate> | null = null;
  let closed = false;
  const run = () => {
    immediate = null;
    if (closed) return;
    try {
      if (indexer.step() > 0) immediate = setImmediate(run);
    } catch (err) {
      // A busy database (another process writing): try again a little later.
      log?.(`search index: ${(err as Error).message}`);
      timer = setTimeout(run, 2000);
    }
  };
  return {
    poke(delayMs = 300): void {
      if (closed || immediate || timer) return;
      timer = setTimeout(() => {
        timer = null;
        run();
      }, delayMs);
    },
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}
