/**
 * ETIM push notifications (004_…, last section): the application POSTs the ids of products
 * added, modified or deleted to the external system. Best effort and bounded: changes are
 * batched for a moment, sent once with a short timeout, and every batch (sent or not) is kept in
 * a short log that tests can read. Changes made through the ETIM API itself are not notified.
 */
import type { ProductChange, ProductStore } from '../catalog/store';

export interface NotificationPayload {
  new: string[];
  modified: string[];
  deleted: string[];
}

export interface NotificationRecord {
  at: number;
  url: string | null;
  payload: NotificationPayload;
  /** HTTP status of the receiver, or an error text; null when no URL was registered. */
  outcome: number | string | null;
}

export interface Notifier {
  setUrl(url: string | null): void;
  url(): string | null;
  log(): NotificationRecord[];
  /** Sends whatever is pending now and waits for it. */
  flush(): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

const BATCH_DELAY_MS = 25;
const TIMEOUT_MS = 2_000;
const MAX_IDS_PER_POST = 10_000;
const LOG_SIZE = 200;

export function createNotifier(store: ProductStore, now: () => number): Notifier {
  let url: string | null = null;
  const pending = { new: new Set<string>(), modified: new Set<string>(), deleted: new Set<string>() };
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();
  const records: NotificationRecord[] = [];

  const take = (): NotificationPayload[] => {
    const out: NotificationPayload[] = [];
    let part: NotificationPayload = { new: [], modified: [], deleted: [] };
    let size = 0;
    for (const k of ['new', 'modified', 'deleted'] as const) {
      for (const sku of pending[k]) {
        if (size === MAX_IDS_PER_POST) {
          out.push(part);
          part = { new: [], modified: [], deleted: [] };
          size = 0;
        }
        part[k].push(sku);
        size += 1;
      }
      pending[k].clear();
    }
    if (size) out.push(part);
    return out;
  };

  const send = async (payload: NotificationPayload): Promise<void> => {
    const record: NotificationRecord = { at: now(), url, payload, outcome: null };
    records.push(record);
    if (records.length > LOG_SIZE) records.splice(0, records.length - LOG_SIZE);
    if (!url) return;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      record.outcome = res.status;
    } catch (err) {
      record.outcome = err instanceof Error ? err.message : String(err);
    }
  };

  const flushNow = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const sends = take().map((p) => send(p));
    const all = Promise.all(sends).then(() => undefined);
    inFlight.add(all);
    void all.finally(() => inFlight.delete(all));
    return all;
  };

  const add = (c: ProductChange): void => {
    if (c.source === 'etim') return;
    // A product added and changed in one batch is reported once, as new; deleted wins over both.
    if (c.kind === 'deleted') {
      pending.new.delete(c.sku);
      pending.modified.delete(c.sku);
    }
    if (c.kind === 'modified' && pending.new.has(c.sku)) return;
    pending[c.kind].add(c.sku);
    if (!timer) {
      timer = setTimeout(() => void flushNow(), BATCH_DELAY_MS);
      timer.unref();
    }
  };
  const unsubscribe = store.onChange(add);

  return {
    setUrl: (u) => {
      url = u;
    },
    url: () => url,
    log: () => structuredClone(records),
    async flush() {
      await flushNow();
      await Promise.all([...inFlight]);
    },
    clear() {
      records.length = 0;
    },
    async close() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.all([...inFlight]);
    },
  };
}
