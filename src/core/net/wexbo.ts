/**
 * WEXBO API v1 response helpers (001_15500709165aa147.txt; English digest in seeds/README.md):
 * - body envelope `{ result, data, errors: [{ code, msg, error, field }] }`, where `result` is a
 *   boolean, or "ok"/"error" with `options=result`, and `options=data` drops the envelope entirely;
 * - errors with code 100 are warnings (an unknown name in `fields`), returned apart, never a failure;
 * - paging in `X-Pagination-Pages|Page|Offset|Count|Total|Paging` headers, or in the body with
 *   `options=pagination` (plus `status`: continue | done | error);
 * - links in the `Link` header, or in the body with `options=links`.
 */
import { HttpError } from './http-error';
import type { HttpResponse } from './http-client';
import { parseLinkHeader } from './link-header';
import type { LinkRelations } from './link-header';

/** Every WEXBO request declares the API version in Content-Type (a wrong one answers 426). */
export const WEXBO_CONTENT_TYPE = 'application/vnd.wexbo.v1';
export const WEXBO_WARNING_CODE = 100;
/** Page size bounds of `limit` (default 25, max 250). */
export const WEXBO_MAX_LIMIT = 250;

export interface WexboMessage {
  code: number;
  msg: string;
  error?: string;
  field?: string;
}

export interface WexboPagination {
  pages?: number;
  page?: number;
  offset?: number;
  count?: number;
  total?: number;
  paging?: number;
  status?: 'continue' | 'done' | 'error';
}

export interface WexboEnvelope<T = unknown> {
  ok: boolean;
  data: T;
  /** Failures (code ≠ 100). */
  errors: WexboMessage[];
  /** Code-100 warnings: the request was processed. */
  warnings: WexboMessage[];
  count?: number;
  pagination?: WexboPagination;
  links?: LinkRelations;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function message(raw: unknown): WexboMessage | undefined {
  if (!isRecord(raw)) return typeof raw === 'string' ? { code: 0, msg: raw } : undefined;
  const out: WexboMessage = { code: num(raw.code) ?? 0, msg: typeof raw.msg === 'string' ? raw.msg : '' };
  if (typeof raw.error === 'string' && raw.error !== '') out.error = raw.error;
  if (typeof raw.field === 'string' && raw.field !== '') out.field = raw.field;
  return out;
}

function okFlag(result: unknown, errors: WexboMessage[]): boolean {
  if (result === true || result === 1 || result === 'ok' || result === '1' || result === 'true') return true;
  if (result === false || result === 0 || result === 'error' || result === '0' || result === 'false')
    return false;
  return errors.length === 0;
}

function pagination(raw: unknown): WexboPagination | undefined {
  if (!isRecord(raw)) return undefined;
  const out: WexboPagination = {};
  for (const key of ['pages', 'page', 'offset', 'count', 'total', 'paging'] as const) {
    const n = num(raw[key]);
    if (n !== undefined) out[key] = n;
  }
  if (raw.status === 'continue' || raw.status === 'done' || raw.status === 'error') out.status = raw.status;
  return out;
}

function links(raw: unknown): LinkRelations | undefined {
  if (!isRecord(raw)) return undefined;
  const out: LinkRelations = {};
  for (const [rel, url] of Object.entries(raw)) if (typeof url === 'string') out[rel] = url;
  return out;
}

/** Parses a response body. With `dataOnly` (the request used `options=data`) the body is the data. */
export function parseWexboEnvelope<T = unknown>(
  body: unknown,
  opts: { dataOnly?: boolean } = {},
): WexboEnvelope<T> {
  if (opts.dataOnly || !isRecord(body) || !('result' in body || 'data' in body || 'errors' in body)) {
    return { ok: true, data: body as T, errors: [], warnings: [] };
  }
  const all = (Array.isArray(body.errors) ? body.errors : []).map(message).filter((m) => m !== undefined);
  const warnings = all.filter((m) => m.code === WEXBO_WARNING_CODE);
  const errors = all.filter((m) => m.code !== WEXBO_WARNING_CODE);
  const env: WexboEnvelope<T> = { ok: okFlag(body.result, errors), data: body.data as T, errors, warnings };
  const count = num(body.count);
  if (count !== undefined) env.count = count;
  const pages = pagination(body.pagination);
  if (pages) env.pagination = pages;
  const rels = links(body.links);
  if (rels) env.links = rels;
  return env;
}

/** Reads the `X-Pagination-*` headers (names lower-cased, as the HTTP client returns them). */
export function parseWexboPaginationHeaders(headers: Record<string, string | undefined>): WexboPagination {
  const out: WexboPagination = {};
  for (const key of ['pages', 'page', 'offset', 'count', 'total', 'paging'] as const) {
    const n = num(headers[`x-pagination-${key}`]);
    if (n !== undefined) out[key] = n;
  }
  return out;
}

/** True when another page follows: body status when present, else the page counters, else a next link. */
export function wexboHasNextPage(p: WexboPagination | undefined, rels?: LinkRelations): boolean {
  if (p?.status) return p.status === 'continue';
  if (p?.page !== undefined && p.pages !== undefined) return p.page < p.pages;
  return rels?.next !== undefined && rels.next !== rels.self;
}

/**
 * Envelope, headers and links of a 2xx WEXBO response in one: body values win over headers (they are
 * the same numbers; the body adds `status`). Throws a validation HttpError when `result` is false.
 */
export function readWexboResponse<T = unknown>(
  res: HttpResponse,
  opts: { dataOnly?: boolean } = {},
): WexboEnvelope<T> {
  const env = parseWexboEnvelope<T>(res.json(), opts);
  const headerPages = parseWexboPaginationHeaders(res.headers);
  if (Object.keys(headerPages).length > 0 || env.pagination)
    env.pagination = { ...headerPages, ...env.pagination };
  const headerLinks = parseLinkHeader(res.headers.link);
  if (Object.keys(headerLinks).length > 0 || env.links) env.links = { ...headerLinks, ...env.links };
  if (!env.ok) {
    const first = env.errors[0];
    throw new HttpError({
      kind: 'validation',
      status: res.status,
      method: res.method,
      url: res.url,
      serverMessage:
        env.errors
          .map((e) => e.msg)
          .filter(Boolean)
          .join('; ') || 'result: error',
      ...(first?.field ? { field: first.field } : {}),
    });
  }
  return env;
}
