/**
 * WEXBO's response envelope (001_…, "Response"): `result`, `data`, optional `count`,
 * `pagination`, `links`, and `errors` where code 100 is a warning.
 */
import type { DemoResponse } from '../types';

export const WEXBO_RESPONSE_TYPE = 'application/vnd.wexbo.v1+json; charset=utf-8';

export interface WexboError {
  code: number;
  msg: string;
  error: string;
  field: string;
}

/** Thrown inside the WEXBO handler to answer with an HTTP error and its `errors` list. */
export class WexboFailure extends Error {
  constructor(
    readonly status: number,
    readonly errors: WexboError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors[0]?.msg ?? `HTTP ${status}`);
  }
}

export const problem = (code: number, msg: string, error: string, field = ''): WexboError => ({
  code,
  msg,
  error,
  field,
});

export function fail(
  status: number,
  msg: string,
  error: string,
  field = '',
  headers: Record<string, string> = {},
): never {
  throw new WexboFailure(status, [problem(status, msg, error, field)], headers);
}

export const warning = (msg: string, error: string, field: string): WexboError =>
  problem(100, msg, error, field);

export interface EnvelopeOptions {
  /** `options=result`: "ok"/"error" instead of true/false. */
  resultAsString: boolean;
  /** `options=data`: the body is the data alone. */
  dataOnly: boolean;
}

export function envelope(
  status: number,
  opts: EnvelopeOptions,
  data: unknown,
  errors: WexboError[],
  extras: { count?: number; pagination?: unknown; links?: unknown } = {},
  headers: Record<string, string> = {},
): DemoResponse {
  const ok = status < 400;
  const body = opts.dataOnly
    ? data
    : {
        result: opts.resultAsString ? (ok ? 'ok' : 'error') : ok,
        data,
        ...(extras.count !== undefined ? { count: extras.count } : {}),
        ...(extras.pagination !== undefined ? { pagination: extras.pagination } : {}),
        ...(extras.links !== undefined ? { links: extras.links } : {}),
        errors,
      };
  return { status, headers: { 'Content-Type': WEXBO_RESPONSE_TYPE, ...headers }, body: body ?? null };
}

export function errorEnvelope(
  status: number,
  errors: WexboError[],
  headers: Record<string, string> = {},
): DemoResponse {
  return envelope(status, { resultAsString: false, dataOnly: false }, null, errors, {}, headers);
}
