/**
 * One WEXBO API v1 call (001_15500709165aa147.txt): the version Content-Type on every request, GET
 * included (the demo and the seed answer 426 without it), the `{result, data, errors}` envelope read
 * with net/wexbo.ts, and code-100 warnings logged and otherwise ignored, as the seed says they are
 * not failures ("nebránia spracovaniu požiadavky").
 */
import type { HttpMethod, HttpResponse, QueryParams, WexboEnvelope } from '../../net';
import { readWexboResponse, WEXBO_CONTENT_TYPE } from '../../net';
import type { ConnectorContext } from '../types';

export interface WexboCall {
  method: HttpMethod;
  path: string;
  query?: QueryParams;
  /** Serialized as the JSON body (POST, PUT). */
  body?: unknown;
  signal: AbortSignal;
}

export interface WexboReply<T> {
  env: WexboEnvelope<T>;
  res: HttpResponse;
}

export async function wexboCall<T>(ctx: ConnectorContext, call: WexboCall): Promise<WexboReply<T>> {
  const res = await ctx.http.request({
    method: call.method,
    path: call.path,
    ...(call.query ? { query: call.query } : {}),
    // Our header wins over the client's application/json: the seed wants the version type even on
    // requests with a JSON body ("Content-Type: application/vnd.wexbo.v1").
    headers: { 'content-type': WEXBO_CONTENT_TYPE },
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    signal: call.signal,
  });
  const env = readWexboResponse<T>(res);
  if (env.warnings.length > 0) {
    ctx.log?.('warn', `WEXBO ${call.method} ${call.path}: ${env.warnings.map((w) => w.msg).join('; ')}`, {
      connectionId: ctx.connectionId,
      warnings: env.warnings,
    });
  }
  return { env, res };
}

/** Byte length of what `wexboCall` sends for `body`. */
export function bodyBytes(body: unknown): number {
  return Buffer.byteLength(JSON.stringify(body), 'utf8');
}
