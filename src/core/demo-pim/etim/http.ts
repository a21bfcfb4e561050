/**
 * ETIM mapper reply helpers. The seed's curl examples (004_…) answer JSON with
 * `Content-Type: text/html; charset=UTF-8` and a 404 with an empty body; we do the same.
 */
import type { DemoRequest, DemoResponse } from '../types';

export const ETIM_CONTENT_TYPE = 'text/html; charset=UTF-8';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): DemoResponse {
  return { status, headers: { 'Content-Type': ETIM_CONTENT_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function errors(
  status: number,
  messages: string[],
  headers: Record<string, string> = {},
): DemoResponse {
  return json({ errors: messages }, status, headers);
}

export const notFound = (): DemoResponse => ({
  status: 404,
  headers: { 'Content-Type': ETIM_CONTENT_TYPE },
  body: '',
});

/** Thrown inside the ETIM handler to answer 400 (or another status) with `{"errors": [...]}`. */
export class EtimFailure extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(messages.join('; '));
  }
}

export function fail(messages: string | string[], status = 400, headers: Record<string, string> = {}): never {
  throw new EtimFailure(status, Array.isArray(messages) ? messages : [messages], headers);
}

/** PHP-style `parameters`: `[]` when empty, else an object. */
export function parameters(p: Record<string, string>): Record<string, string> | [] {
  return Object.keys(p).length ? p : [];
}

/** The JSON body of a request; `undefined` when the body is empty. */
export function readJson(req: DemoRequest): unknown {
  const text = req.body.toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    fail('Incorrect JSON data');
  }
}

/** A body that must be a JSON array of identifier strings. */
export function readIds(req: DemoRequest, what: string): string[] {
  const body = readJson(req);
  if (!Array.isArray(body) || !body.every((x) => typeof x === 'string')) {
    fail(`List of ${what} should be sent as a JSON array of strings`);
  }
  return body.map((s) => s.trim());
}

const BOOL_PARAMS = new Set(['true', 'false']);

/** A `true`/`false` query parameter with its default; a 400 for anything else. */
export function boolParam(url: URL, name: string, dflt: boolean): boolean {
  const v = url.searchParams.get(name);
  if (v === null) return dflt;
  if (!BOOL_PARAMS.has(v))
    fail(`${name.charAt(0).toUpperCase()}${name.slice(1)} parameter should be set to true or false`);
  return v === 'true';
}

/** Deep structural equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** `limit` (1…100000) and `page` (1…) query parameters, both checked, both reported at once. */
export function pagingParams(url: URL): { limit?: number; page: number; echo: Record<string, string> } {
  const problems: string[] = [];
  const echo: Record<string, string> = {};
  const l = url.searchParams.get('limit');
  const p = url.searchParams.get('page');
  const limit = l === null ? undefined : /^\d+$/.test(l) ? Number(l) : NaN;
  const page = p === null ? 1 : /^\d+$/.test(p) ? Number(p) : NaN;
  if (limit !== undefined && !(limit >= 1 && limit <= 100000))
    problems.push('Limit parameter should be set to integer from the range [1, 100000]');
  if (!(page >= 1)) problems.push('Page parameter should be set to positive integer');
  if (problems.length) fail(problems);
  if (l !== null) echo.limit = l;
  if (p !== null) echo.page = p;
  return { limit, page, echo };
}

/** One page of a list; all of it when no limit was given. */
export function pageOf<T>(all: T[], limit: number | undefined, page: number): T[] {
  if (limit === undefined) return all;
  return all.slice((page - 1) * limit, page * limit);
}
