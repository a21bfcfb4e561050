/**
 * Reading ETIM products (004_48b37cfc1a1923fe.txt): the change feed `products?date-from={CET date}`
 * lists the ids "modified on or after a given date", details come by GET with a JSON list of at most
 * 100 ids. The feed is by date, so a run re-reads its whole boundary day; it is read once per run, in
 * one request, and the list is kept in memory while its ids are read 100 at a time (one page each).
 * Ids missing from a detail answer no longer exist: they are the page's deletions.
 *
 * Nothing modified during the run is lost: the next run starts at the run's start (minus a margin for
 * clock skew), as a CET day. Only a resume in another process (the id list is gone) needs the feed
 * again: see `rebuild`.
 */
import { randomUUID } from 'node:crypto';
import { StewardError } from '../../../shared/errors';
import { isoToWallDate, wallToIso } from '../cet';
import type { ConnectorContext, PullCursor, PullPage, RemoteRecord } from '../types';
import { etimCall, isDoc, stringList } from './request';
import type { EtimDoc } from './request';

export const MAX_IDS_PER_READ = 100;
/** Before any product: the feed's date for a full read (it needs a date). */
export const FULL_READ_FROM = '1970-01-01';
/** Our clock may run ahead of ETIM's; the next run starts this much earlier. */
export const CLOCK_SKEW_MS = 15 * 60_000;

/** What the engine stores between pages (JSON). */
export interface EtimProductPosition {
  /** The CET date the feed was asked for. */
  from: string;
  /** UTC ISO: run start minus the skew margin; the next run's high-water mark. */
  t0: string;
  /** Which in-memory id list `offset` counts into. */
  run: string;
  offset: number;
  /** The ids of the last page read, in feed order: anchors for `rebuild`. */
  last: string[];
  /** Records read before this id list (a rebuilt list starts after them). */
  base: number;
  total: number;
}

export interface ProductReader {
  pull(cursor: PullCursor, signal: AbortSignal): Promise<PullPage>;
  readDetails(ids: readonly string[], signal: AbortSignal): Promise<RemoteRecord[]>;
  listIds(signal: AbortSignal): AsyncIterable<string[]>;
}

export function productRecord(doc: EtimDoc): RemoteRecord {
  const id = doc.productId;
  if (typeof id !== 'string' || id === '')
    throw new StewardError('unavailable', 'ETIM sent a product without productId.');
  const modified = typeof doc.lastModifiedDate === 'string' ? doc.lastModifiedDate : undefined;
  const iso = modified ? wallToIso(modified) : undefined;
  if (!iso) throw new StewardError('unavailable', `ETIM product ${id} has no valid lastModifiedDate.`);
  return { id, modifiedAt: iso, doc, version: modified };
}

export function createProductReader(ctx: ConnectorContext): ProductReader {
  const lists = new Map<string, string[]>();
  const detailQuery = ctx.settings.etimVersion ? { 'etim-version': ctx.settings.etimVersion } : undefined;

  async function feed(from: string, signal: AbortSignal): Promise<string[]> {
    const body = await etimCall(ctx, {
      method: 'GET',
      path: 'products',
      query: { 'date-from': from },
      signal,
    });
    return stringList(body, 'productIds');
  }

  async function readDetails(ids: readonly string[], signal: AbortSignal): Promise<RemoteRecord[]> {
    if (ids.length === 0) return [];
    if (ids.length > MAX_IDS_PER_READ) throw new RangeError(`at most ${MAX_IDS_PER_READ} ids per read`);
    const body = await etimCall(ctx, {
      method: 'GET',
      path: 'products',
      ...(detailQuery ? { query: detailQuery } : {}),
      body: ids,
      signal,
    });
    const products = body.products;
    if (!Array.isArray(products))
      throw new StewardError('unavailable', 'ETIM sent product details without "products".');
    return products.filter(isDoc).map(productRecord);
  }

  /**
   * The rest of an interrupted run's list after a restart. The feed is ordered by modification time
   * (the demo PIM documents it; the seed shows no order), so products not modified since the run's
   * start day keep their order, and everything up to the last page's newest such anchor was read.
   * Products modified since that day are all read again. When the order cannot be trusted (a product
   * of that day listed before an older one) or no anchor is left, the whole list is read again.
   */
  async function rebuild(pos: EtimProductPosition, signal: AbortSignal): Promise<string[]> {
    const fresh = await feed(pos.from, signal);
    if (pos.offset === 0) return fresh;
    const recentFrom = isoToWallDate(pos.t0);
    const recent = new Set(recentFrom <= pos.from ? fresh : await feed(recentFrom, signal));
    const firstRecent = fresh.findIndex((id) => recent.has(id));
    const ordered = firstRecent < 0 || fresh.slice(firstRecent).every((id) => recent.has(id));
    const index = new Map(fresh.map((id, i) => [id, i]));
    let anchor = -1;
    for (const id of pos.last) {
      const i = index.get(id);
      if (i !== undefined && !recent.has(id)) anchor = Math.max(anchor, i);
    }
    if (ordered && anchor >= 0) return fresh.slice(anchor + 1);
    ctx.log?.('warn', 'ETIM: resumed product read could not place its last page; reading the list again', {
      connectionId: ctx.connectionId,
    });
    return fresh;
  }

  async function start(cursor: PullCursor, signal: AbortSignal): Promise<EtimProductPosition> {
    const t0 = new Date(ctx.clock.now() - CLOCK_SKEW_MS).toISOString();
    // The feed takes a CET date: the UTC mark's own CET day, so the boundary day is read again.
    const from = cursor.since ? isoToWallDate(cursor.since) : FULL_READ_FROM;
    const ids = await feed(from, signal);
    const run = randomUUID();
    // One products run at a time per connection: lists of abandoned runs go.
    lists.clear();
    lists.set(run, ids);
    return { from, t0, run, offset: 0, last: [], base: 0, total: ids.length };
  }

  async function resume(pos: EtimProductPosition, signal: AbortSignal): Promise<EtimProductPosition> {
    if (lists.has(pos.run)) return pos;
    const ids = await rebuild(pos, signal);
    const run = randomUUID();
    lists.set(run, ids);
    const base = pos.base + pos.offset;
    return { ...pos, run, offset: 0, base, total: base + ids.length };
  }

  async function pull(cursor: PullCursor, signal: AbortSignal): Promise<PullPage> {
    const prior = cursor.position as EtimProductPosition | null;
    const pos = prior ? await resume(prior, signal) : await start(cursor, signal);
    const ids = lists.get(pos.run) ?? [];
    const batch = ids.slice(pos.offset, pos.offset + MAX_IDS_PER_READ);
    const records = await readDetails(batch, signal);
    const found = new Set(records.map((r) => r.id));
    const next: EtimProductPosition = { ...pos, offset: pos.offset + batch.length, last: batch };
    const done = next.offset >= ids.length;
    if (done) lists.delete(pos.run);
    return {
      records,
      deletedIds: batch.filter((id) => !found.has(id)),
      position: next,
      done,
      total: pos.total,
      ...(done ? { highWater: pos.t0 } : {}),
    };
  }

  async function* listIds(signal: AbortSignal): AsyncIterable<string[]> {
    const ids = await feed(FULL_READ_FROM, signal);
    for (let i = 0; i < ids.length; i += 10_000) yield ids.slice(i, i + 10_000);
  }

  return { pull, readDetails, listIds };
}
