/**
 * A small LRU of row windows for one grid query. The grid asks for the rows it shows; missing
 * windows are fetched from core (catalog:queryRows) and old ones dropped, so the renderer never
 * holds the whole catalog. React reads it through useSyncExternalStore (subscribe + version).
 */
import type { ChannelInput } from '../../../shared/contract';
import type { GridRow } from '../../../shared/domain';
import { api } from '../api/client';

export const WINDOW = 200;
const MAX_WINDOWS = 12;

export type RowQuery = Omit<ChannelInput<'catalog:queryRows'>, 'offset' | 'limit'>;

export interface RowCache {
  readonly query: RowQuery;
  /** Matching rows, or null until the first window answered. */
  total(): number | null;
  row(index: number): GridRow | undefined;
  /** Makes sure the windows covering [first, last] are loaded or loading. */
  ensure(first: number, last: number): void;
  /** Loads (if needed) and returns rows first..last, for copy and paste over unseen rows. */
  rows(first: number, last: number): Promise<GridRow[]>;
  /** The record ids of rows first..last (a selection), without loading their cells. */
  ids(first: number, last: number): Promise<number[]>;
  /** Re-reads every cached window (after edits or a sync); keeps the old rows until then. */
  refresh(): void;
  error(): string | null;
  /** Where a record is among the loaded rows (for naming it in messages), if it is loaded. */
  locate(recordId: number): { index: number; row: GridRow } | undefined;
  subscribe(listener: () => void): () => void;
  version(): number;
}

export function createRowCache(query: RowQuery): RowCache {
  const windows = new Map<number, GridRow[]>();
  const loading = new Map<number, Promise<void>>();
  const listeners = new Set<() => void>();
  let total: number | null = null;
  let version = 0;
  let lastError: string | null = null;
  const notify = () => {
    version++;
    for (const l of listeners) l();
  };
  const load = (w: number): Promise<void> => {
    const pending = loading.get(w);
    if (pending) return pending;
    const promise = api
      .invoke('catalog:queryRows', { ...query, offset: w * WINDOW, limit: WINDOW })
      .then(
        (page) => {
          total = page.total;
          lastError = null;
          windows.delete(w);
          windows.set(w, page.rows);
          // Map keeps insertion order: the first keys are the least recently used.
          while (windows.size > MAX_WINDOWS) windows.delete(windows.keys().next().value as number);
        },
        (err: unknown) => {
          lastError = err instanceof Error ? err.message : String(err);
        },
      )
      .finally(() => {
        loading.delete(w);
        notify();
      });
    loading.set(w, promise);
    return promise;
  };
  const touch = (w: number) => {
    const rows = windows.get(w);
    if (rows) {
      windows.delete(w);
      windows.set(w, rows);
    }
    return rows;
  };
  return {
    query,
    total: () => total,
    row(index) {
      return windows.get(Math.floor(index / WINDOW))?.[index % WINDOW];
    },
    ensure(first, last) {
      const from = Math.max(0, Math.floor(first / WINDOW));
      const to = Math.max(from, Math.floor(Math.max(first, last) / WINDOW));
      for (let w = from; w <= to; w++) if (!touch(w)) void load(w);
    },
    async rows(first, last) {
      const out: GridRow[] = [];
      for (let w = Math.floor(first / WINDOW); w <= Math.floor(last / WINDOW); w++) {
        if (!touch(w)) await load(w);
        const rows = windows.get(w) ?? [];
        rows.forEach((row, i) => {
          const index = w * WINDOW + i;
          if (index >= first && index <= last) out.push(row);
        });
      }
      return out;
    },
    async ids(first, last) {
      // A selection inside the loaded windows needs no request.
      const have: number[] = [];
      for (let i = first; i <= last; i++) {
        const row = windows.get(Math.floor(i / WINDOW))?.[i % WINDOW];
        if (!row) break;
        have.push(row.recordId);
      }
      if (have.length === last - first + 1) return have;
      const { ids } = await api.invoke('catalog:queryIds', {
        ...query,
        offset: first,
        limit: last - first + 1,
      });
      return ids;
    },
    refresh() {
      if (windows.size === 0) void load(0);
      for (const w of [...windows.keys()]) void load(w);
    },
    error: () => lastError,
    locate(recordId) {
      for (const [w, rows] of windows) {
        const i = rows.findIndex((r) => r.recordId === recordId);
        if (i >= 0) return { index: w * WINDOW + i, row: rows[i] as GridRow };
      }
      return undefined;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    version: () => version,
  };
}
