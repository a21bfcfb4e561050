/**
 * One ETIM mapper API call (004_48b37cfc1a1923fe.txt): HTTP Basic (added by the client), JSON in both
 * directions. The seed's own curl examples answer `Content-Type: text/html; charset=UTF-8` with a JSON
 * body, so the body is parsed whatever the type says. Lists of identifiers travel as a JSON body, on
 * GET too (details), hence `bodyOnGet`.
 */
import { StewardError } from '../../../shared/errors';
import type { HttpMethod, QueryParams } from '../../net';
import type { ConnectorContext } from '../types';

export interface EtimCall {
  method: HttpMethod;
  path: string;
  query?: QueryParams;
  body?: unknown;
  signal: AbortSignal;
}

export type EtimDoc = Record<string, unknown>;

export function isDoc(v: unknown): v is EtimDoc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function etimCall(ctx: ConnectorContext, call: EtimCall): Promise<EtimDoc> {
  const res = await ctx.http.request({
    method: call.method,
    path: call.path,
    ...(call.query ? { query: call.query } : {}),
    ...(call.body !== undefined ? { json: call.body, bodyOnGet: true } : {}),
    signal: call.signal,
  });
  const body = res.json<unknown>();
  if (!isDoc(body)) {
    throw new StewardError(
      'unavailable',
      `ETIM answered ${call.method} ${call.path} with something other than a JSON object.`,
    );
  }
  return body;
}

/** A list of strings from a response field, or a clear error naming the field. */
export function stringList(doc: EtimDoc, key: string): string[] {
  const v = doc[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new StewardError('unavailable', `ETIM's answer has no "${key}" list of identifiers.`);
  }
  return v;
}

/** ETIM sends counts as strings ("total": "2634"). */
export function countOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
