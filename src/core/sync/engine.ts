/**
 * Pulls one entity of one connection into the mirror (DESIGN.md, "Pull"). Each page is stored in one
 * transaction together with the cursor that points past it, so a pull cancelled or killed at any
 * point resumes after the last stored page and never re-downloads it. The `since` of an interrupted
 * run is kept with its position: a resumed run asks for exactly what the first attempt asked for.
 */
import { fieldIndexOptions, restoreFieldIndexes, suspendFieldIndexes } from '../catalog/field-index';
import type Database from 'better-sqlite3';
import type { Connector, PullPage } from '../connectors/types';
import { entityCapabilities, requireMethod } from '../connectors/types';
import { withRelaxedSync } from '../db/open';
import { retryDelayMs, systemClock } from '../net';
import type { Clock } from '../net';
import { createIngest } from '../mirror/ingest';
import type { IngestCounts } from '../mirror/ingest';

export interface PullProgress {
  connectionId: string;
  entity: string;
  done: number;
  total: number | null;
  /** Records per second over the run so far. */
  rate: number;
  /** Seconds left at that rate, when the total is known. */
  etaSeconds: number | null;
}

export interface PullOptions {
  sqlite: Database.Database;
  connector: Connector;
  connectionId: string;
  entity: string;
  /** Ignore the high-water mark and read everything (also reconciles deletions). */
  full?: boolean;
  signal: AbortSignal;
  now: () => Date;
  onProgress?: (p: PullProgress) => void;
  /** Waits between retries (injectable so tests move a clock instead of sleeping). */
  clock?: Clock;
  /** Attempts per page for retryable failures (429, 503, 408, 5xx, network); default 8. */
  maxAttempts?: number;
  /**
   * Longest single wait (default 5 min). A remote that asks for longer (ETIM's daily cap answers
   * Retry-After until CET midnight) fails the run with its message instead of a silent hours-long
   * sleep; the next sync resumes from the stored cursor.
   */
  maxWaitMs?: number;
  /**
   * How often an incremental run also lists every id to find remote deletions, for systems without a
   * deletion feed (WEXBO, 001). Listing costs one request per page of ids, so not on every run.
   * Default 24 h; 0 reconciles on every run. Full runs always reconcile.
   */
  reconcileEveryMs?: number;
}

export interface PullSummary extends IngestCounts {
  pages: number;
  records: number;
  resumed: boolean;
  full: boolean;
  reconciledDeletions: number;
}

interface CursorRow {
  position: string | null;
  high_water: string | null;
  run_state: string;
  done: number;
}

/** What an unfinished run stores in sync_cursor.position. */
interface RunPosition {
  since: string | null;
  full: boolean;
  startedAt: string;
  connector: unknown;
}

export async function pullEntity(opts: PullOptions): Promise<PullSummary> {
  const { sqlite, connector, connectionId, entity, signal } = opts;
  const pull = requireMethod(connector, 'pull');
  const caps = entityCapabilities(connector.capabilities, entity);
  const ingest = createIngest(sqlite);
  sqlite
    .prepare(`INSERT INTO sync_cursor (connection_id, entity) VALUES (?, ?) ON CONFLICT DO NOTHING`)
    .run(connectionId, entity);
  const cursor = sqlite
    .prepare(
      `SELECT position, high_water, run_state, done FROM sync_cursor WHERE connection_id = ? AND entity = ?`,
    )
    .get(connectionId, entity) as CursorRow;

  const unfinished = cursor.position !== null && cursor.run_state !== 'idle';
  const resumed = unfinished && !opts.full;
  let run: RunPosition = resumed
    ? (JSON.parse(cursor.position as string) as RunPosition)
    : {
        since: opts.full || !caps.incremental ? null : cursor.high_water,
        full: Boolean(opts.full) || !caps.incremental || cursor.high_water === null,
        startedAt: opts.now().toISOString(),
        connector: null,
      };
  let done = resumed ? cursor.done : 0;
  const saveCursor = sqlite.prepare(`
    UPDATE sync_cursor SET position = ?, run_state = 'running', run_started_at = ?, done = ?, total = ?,
      last_error = NULL WHERE connection_id = ? AND entity = ?`);
  saveCursor.run(JSON.stringify(run), run.startedAt, done, null, connectionId, entity);

  const summary: PullSummary = {
    upserted: 0,
    merged: 0,
    conflicted: 0,
    deleted: 0,
    markedDeleted: 0,
    pages: 0,
    records: 0,
    resumed,
    full: run.full,
    reconciledDeletions: 0,
  };
  const t0 = Date.now();
  /** Field indexes dropped for a large pull (catalog/field-index.ts), rebuilt when it ends. */
  let suspended: string[] | null = null;
  const storePage = sqlite.transaction((page: PullPage, next: RunPosition, doneAfter: number) => {
    const counts = ingest.ingestPage(
      connectionId,
      entity,
      page.records,
      page.deletedIds,
      opts.now().toISOString(),
    );
    saveCursor.run(JSON.stringify(next), next.startedAt, doneAfter, page.total ?? null, connectionId, entity);
    return counts;
  });

  try {
    for (;;) {
      signal.throwIfAborted();
      const page = await withRetry(opts, () =>
        pull(entity, { position: run.connector, since: run.since }, signal),
      );
      signal.throwIfAborted();
      const big = fieldIndexOptions.suspendForPullOf;
      if (
        suspended === null &&
        (summary.records + page.records.length >= big || (page.total ?? 0) - done >= big)
      )
        suspended = suspendFieldIndexes(sqlite);
      const next: RunPosition = { ...run, connector: page.position };
      const counts = withRelaxedSync(sqlite, () =>
        storePage.immediate(page, next, done + page.records.length),
      );
      run = next;
      done += page.records.length;
      summary.pages++;
      summary.records += page.records.length;
      for (const k of ['upserted', 'merged', 'conflicted', 'deleted', 'markedDeleted'] as const)
        summary[k] += counts[k];
      const seconds = Math.max((Date.now() - t0) / 1000, 0.001);
      const rate = summary.records / seconds;
      const total = page.total ?? null;
      opts.onProgress?.({
        connectionId,
        entity,
        done,
        total,
        rate,
        etaSeconds: total !== null && rate > 0 ? Math.max(total - done, 0) / rate : null,
      });
      if (page.done) {
        if (caps.deletions === 'reconcile' && connector.listIds && reconcileDue(opts, run.full)) {
          // A 429 or 503 while listing ids restarts the listing (it refills its temp table from scratch).
          summary.reconciledDeletions = await withRetry(opts, () =>
            reconcileDeletions(opts, connector, signal),
          );
          markReconciled(opts);
        }
        sqlite
          .prepare(
            `
            UPDATE sync_cursor SET position = NULL, run_state = 'idle', high_water = ?, last_completed_at = ?,
              total = ?, done = ? WHERE connection_id = ? AND entity = ?`,
          )
          .run(
            page.highWater ?? run.startedAt,
            opts.now().toISOString(),
            total ?? done,
            done,
            connectionId,
            entity,
          );
        return summary;
      }
    }
  } catch (err) {
    const aborted = signal.aborted;
    sqlite
      .prepare(`UPDATE sync_cursor SET run_state = ?, last_error = ? WHERE connection_id = ? AND entity = ?`)
      .run(aborted ? 'interrupted' : 'failed', aborted ? null : (err as Error).message, connectionId, entity);
    throw err;
  } finally {
    // Rebuilt by a worker thread in the background, whether the pull finished or not.
    if (suspended && suspended.length > 0) restoreFieldIndexes(sqlite);
  }
}

/**
 * Remote deletions for systems without a deletion feed (WEXBO, 001): every id the remote still has
 * goes into a temp table, and mirrored records missing from it were deleted remotely. Clean ones go;
 * ones with local edits are kept as deleted-remote for the user to decide.
 */
async function reconcileDeletions(
  opts: PullOptions,
  connector: Connector,
  signal: AbortSignal,
): Promise<number> {
  const { sqlite, connectionId, entity } = opts;
  const listIds = requireMethod(connector, 'listIds');
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS remote_ids (id TEXT PRIMARY KEY) WITHOUT ROWID`);
  sqlite.exec(`DELETE FROM temp.remote_ids`);
  const add = sqlite.prepare(`INSERT OR IGNORE INTO temp.remote_ids (id) VALUES (?)`);
  const addMany = sqlite.transaction((ids: string[]) => {
    for (const id of ids) add.run(id);
  });
  for await (const ids of listIds(entity, signal)) addMany(ids);
  const now = opts.now().toISOString();
  const apply = sqlite.transaction(() => {
    const gone = sqlite
      .prepare(
        `
        DELETE FROM record WHERE connection_id = ? AND entity = ? AND remote_id IS NOT NULL AND local IS NULL
          AND state = 'clean' AND remote_id NOT IN (SELECT id FROM temp.remote_ids)`,
      )
      .run(connectionId, entity).changes;
    const marked = sqlite
      .prepare(
        `
        UPDATE record SET state = 'deleted-remote', updated_at = ? WHERE connection_id = ? AND entity = ?
          AND remote_id IS NOT NULL AND state NOT IN ('deleted-remote', 'new')
          AND remote_id NOT IN (SELECT id FROM temp.remote_ids)`,
      )
      .run(now, connectionId, entity).changes;
    return gone + marked;
  });
  const n = apply.immediate();
  sqlite.exec(`DELETE FROM temp.remote_ids`);
  return n;
}

/**
 * Retries one page while the failure is worth retrying: rate limits and maintenance are waited out
 * (never sooner than Retry-After), network and 5xx failures back off. Auth failures (401, 423 lock
 * after failed logins: 001) and credit (402) are thrown at once, after exactly one response.
 */
async function withRetry<T>(opts: PullOptions, fn: () => Promise<T>): Promise<T> {
  const clock = opts.clock ?? systemClock;
  const max = opts.maxAttempts ?? 8;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const delay = retryDelayMs(err, attempt);
      if (delay === undefined || attempt + 1 >= max || opts.signal.aborted) throw err;
      if (delay > (opts.maxWaitMs ?? 300_000)) throw err;
      await clock.sleep(delay, opts.signal);
    }
  }
}

const reconcileKey = (opts: PullOptions) => `reconciled:${opts.connectionId}:${opts.entity}`;

function reconcileDue(opts: PullOptions, full: boolean): boolean {
  if (full) return true;
  const row = opts.sqlite.prepare(`SELECT value FROM setting WHERE key = ?`).get(reconcileKey(opts)) as
    { value: string } | undefined;
  const last = row ? Date.parse(JSON.parse(row.value) as string) : NaN;
  return Number.isNaN(last) || opts.now().getTime() - last >= (opts.reconcileEveryMs ?? 24 * 3_600_000);
}

function markReconciled(opts: PullOptions): void {
  const at = opts.now().toISOString();
  opts.sqlite
    .prepare(
      `INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .run(reconcileKey(opts), JSON.stringify(at), at);
}
