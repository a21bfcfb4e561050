/**
 * Reading WEXBO products (001_15500709165aa147.txt) so that a catalog edited during the pull is still
 * read completely. Page numbers are not safe: an edit moves a product to the end of a list sorted by
 * `date_modified`, every later product slides one place forward, and the product that slid onto an
 * already-read page would be skipped. So each page is a keyset query: sorted by the modified time
 * then id, filtered by "changed since" the last row's time (`filter[date_from]`, inclusive), always
 * page 1. The boundary second is read again; rows already stored are recognised by id and modified
 * time and dropped, so an edited row (new time) is never mistaken for a seen one. When more rows share
 * one second than a page holds, that second is paged by id (`filter[date_modified]` + an id range).
 */
import { StewardError } from '../../../shared/errors';
import { WEXBO_MAX_LIMIT } from '../../net';
import { formatWall, isoToWall, parseWall, wallToIso } from '../cet';
import type { ConnectorContext, PullCursor, PullPage, RemoteRecord } from '../types';
import { wexboCall } from './request';
import type { WexboSettings } from './settings';

/** What the engine stores between pages (JSON). */
export interface WexboPosition {
  /** Wall time (Europe/Bratislava) for the changed-since filter; null reads from the start. */
  from: string | null;
  /** `id@modified` of rows already stored that the next query returns again. */
  skip: string[];
  /** Paging one crowded second by id. */
  second?: { at: string; afterId: number };
  /** Newest modified time stored in this run: the next run's high-water mark. */
  newest: string | null;
  seen: number;
}

type Row = Record<string, unknown>;

/** Larger than any id WEXBO assigns: the open upper end of an id range filter. */
const MAX_ID = Number.MAX_SAFE_INTEGER;
const LIMIT = WEXBO_MAX_LIMIT;

export interface PullDeps {
  ctx: ConnectorContext;
  settings: WexboSettings;
}

function rowId(row: Row): number {
  const id = typeof row.id === 'number' ? row.id : Number(row.id);
  if (!Number.isSafeInteger(id))
    throw new StewardError('unavailable', `WEXBO sent a product without a valid id.`);
  return id;
}

function rowTime(row: Row, field: string): string {
  const t = row[field];
  if (typeof t !== 'string' || parseWall(t) === undefined) {
    throw new StewardError(
      'unavailable',
      `WEXBO product ${String(row.id)} has no usable "${field}" (${JSON.stringify(t)}). Check the connection's modifiedField setting.`,
    );
  }
  return t;
}

const keyOf = (row: Row, field: string): string => `${rowId(row)}@${rowTime(row, field)}`;
const ms = (wall: string): number => parseWall(wall) ?? 0;
const later = (a: string | null, b: string): string => (a === null || ms(b) > ms(a) ? b : a);

export function toRecord(row: Row, field: string): RemoteRecord {
  const time = rowTime(row, field);
  return { id: String(rowId(row)), modifiedAt: wallToIso(time) as string, doc: row, version: time };
}

async function listPage(deps: PullDeps, query: Record<string, string | number>, signal: AbortSignal) {
  const { env } = await wexboCall<unknown>(deps.ctx, { method: 'GET', path: 'products', query, signal });
  if (!Array.isArray(env.data))
    throw new StewardError('unavailable', 'WEXBO sent a product list that is not a list.');
  return { rows: env.data as Row[], total: env.pagination?.total };
}

function finish(
  deps: PullDeps,
  pos: WexboPosition,
  rows: Row[],
  done: boolean,
  extra: Partial<PullPage>,
): PullPage {
  const field = deps.settings.modifiedField;
  const page: PullPage = {
    records: rows.map((r) => toRecord(r, field)),
    deletedIds: [],
    position: pos,
    done,
    ...extra,
  };
  // The newest time stored, in WEXBO's own clock; a full read of an empty list keeps the old mark.
  if (done && pos.newest !== null) page.highWater = wallToIso(pos.newest) as string;
  return page;
}

/** Rows of one crowded wall second, in id order, until the second is exhausted. */
async function pullSecond(deps: PullDeps, pos: WexboPosition, signal: AbortSignal): Promise<PullPage> {
  const { settings } = deps;
  const at = pos.second as { at: string; afterId: number };
  const { rows } = await listPage(
    deps,
    {
      fields: settings.fields.join(','),
      [`filter[${settings.modifiedField}]`]: at.at,
      'filter[id]': `${at.afterId + 1}-${MAX_ID}`,
      sort: 'id:asc',
      limit: LIMIT,
      page: 1,
    },
    signal,
  );
  const skip = new Set(pos.skip);
  const fresh = rows.filter((r) => !skip.has(keyOf(r, settings.modifiedField)));
  let newest = pos.newest;
  for (const r of fresh) newest = later(newest, rowTime(r, settings.modifiedField));
  const next: WexboPosition =
    rows.length >= LIMIT
      ? { ...pos, second: { at: at.at, afterId: rowId(rows[rows.length - 1] as Row) }, newest }
      : // The second is read; rows edited meanwhile carry a later time, so go on after it.
        { from: formatWall(ms(at.at) + 1000), skip: [], newest, seen: pos.seen };
  next.seen = pos.seen + fresh.length;
  return finish(deps, next, fresh, false, {});
}

/** Keyset page: everything changed at or after `from`, oldest first, minus rows already stored. */
async function pullRange(deps: PullDeps, pos: WexboPosition, signal: AbortSignal): Promise<PullPage> {
  const { settings } = deps;
  const field = settings.modifiedField;
  const { rows, total } = await listPage(
    deps,
    {
      fields: settings.fields.join(','),
      ...(pos.from !== null ? { [`filter[${settings.changedSinceFilter}]`]: pos.from } : {}),
      sort: `${field}:asc,id:asc`,
      limit: LIMIT,
      page: 1,
    },
    signal,
  );
  const skip = new Set(pos.skip);
  const fresh = rows.filter((r) => !skip.has(keyOf(r, field)));
  const full = rows.length >= LIMIT;
  if (full && fresh.length === 0 && pos.from !== null) {
    // A whole page of rows already stored: more rows share this second than a page holds.
    return pullSecond(deps, { ...pos, second: { at: pos.from, afterId: 0 } }, signal);
  }
  let newest = pos.newest;
  for (const r of fresh) newest = later(newest, rowTime(r, field));
  const last = rows[rows.length - 1];
  // Never move backwards: in the autumn overlap a later row can show an earlier wall time.
  const from = last ? later(pos.from, rowTime(last, field)) : pos.from;
  const fromMs = from === null ? -Infinity : ms(from);
  const carried = [...pos.skip.filter((k) => ms(k.slice(k.indexOf('@') + 1)) >= fromMs)];
  const nextSkip = [...new Set([...carried, ...rows.map((r) => keyOf(r, field))])];
  const crowded = from !== null && nextSkip.filter((k) => k.endsWith(`@${from}`)).length >= LIMIT;
  const next: WexboPosition = {
    from,
    skip: nextSkip,
    newest,
    seen: pos.seen + fresh.length,
    ...(crowded && from !== null ? { second: { at: from, afterId: 0 } } : {}),
  };
  const extra: Partial<PullPage> =
    total !== undefined ? { total: pos.seen + Math.max(total - (rows.length - fresh.length), 0) } : {};
  return finish(deps, next, fresh, !full, extra);
}

export function pullProducts(deps: PullDeps, cursor: PullCursor, signal: AbortSignal): Promise<PullPage> {
  const pos: WexboPosition = (cursor.position as WexboPosition | null) ?? {
    from: cursor.since ? isoToWall(cursor.since) : null,
    skip: [],
    newest: cursor.since ? isoToWall(cursor.since) : null,
    seen: 0,
  };
  return pos.second ? pullSecond(deps, pos, signal) : pullRange(deps, pos, signal);
}

/**
 * Every product id, read with the same keyset as the pull (only `id` and the modified time asked):
 * deletions and edits meanwhile cannot shift a page, and WEXBO counts a time range from its index,
 * where an id range would make it walk the product rows.
 */
export async function* listProductIds(deps: PullDeps, signal: AbortSignal): AsyncIterable<string[]> {
  const lean: PullDeps = {
    ...deps,
    settings: { ...deps.settings, fields: ['id', deps.settings.modifiedField] },
  };
  let cursor: PullCursor = { position: null, since: null };
  for (;;) {
    const page = await pullProducts(lean, cursor, signal);
    if (page.records.length > 0) yield page.records.map((r) => r.id);
    if (page.done) return;
    cursor = { position: page.position, since: null };
  }
}

/** Products by id (at most one page), for detail reads and for checking a create. */
export async function readProducts(
  deps: PullDeps,
  filter: Record<string, string>,
  signal: AbortSignal,
): Promise<RemoteRecord[]> {
  const query: Record<string, string | number> = {
    fields: deps.settings.fields.join(','),
    limit: LIMIT,
    page: 1,
  };
  for (const [k, v] of Object.entries(filter)) query[`filter[${k}]`] = v;
  const { rows } = await listPage(deps, query, signal);
  return rows.map((r) => toRecord(r, deps.settings.modifiedField));
}
