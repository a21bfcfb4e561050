/**
 * Everything one push run of one connection shares: the store, the live connector, the run's signal,
 * counters, and the helpers every step uses to call the remote (timeout, failure → what next).
 */
import type Database from 'better-sqlite3';
import type { ConnectionStatus } from '../../shared/domain';
import type { Connector, ConnectorLimits, EntityCapabilities } from '../connectors/types';
import { entityCapabilities } from '../connectors/types';
import type { Ingest } from '../mirror/ingest';
import type { Clock } from '../net';
import type { Applier } from './apply';
import { backoffMs, classify, timeoutError } from './failures';
import type { QueueRows } from './rows';
import type { BatchInfo, PushOptions } from './types';

export interface RunStats {
  sent: number;
  rejected: number;
  batches: number;
  requests: number;
  lastError: string | null;
  /** Whole-request failures since the last request that went through. */
  streak: number;
}

export interface RunContext {
  sqlite: Database.Database;
  connectionId: string;
  connector: Connector;
  limits: ConnectorLimits;
  signal: AbortSignal;
  rows: QueueRows;
  applier: Applier;
  ingest: Ingest;
  /** When each record was last read back before sending (performance.now), so retries do not re-read. */
  checked: Map<number, number>;
  /** Records created in this run whose base is still the document we sent (adopt.ts). */
  created: Set<number>;
  /** Entities whose leftover created records (from runs before) were read back already. */
  adopted: Set<string>;
  options: PushOptions & { maxAttempts: number; maxConsecutiveFailures: number; preflight: boolean };
  clock: Clock;
  stats: RunStats;
  /** ISO time on the retry clock (what `next_attempt_at` is compared with). */
  nowIso(): string;
  /** ISO time for updated_at columns. */
  at(): string;
  /** Sleeps on the retry clock; false when the run was aborted, true when time passed or it was woken. */
  sleep(ms: number): Promise<boolean>;
  /** Records whose mirror copy changed (for `records:changed`). */
  touched(recordIds: readonly number[]): void;
  /** After every batch: progress, activity, status bar. */
  afterBatch(entity: string, info: BatchInfo): void;
  /** Nothing is due until a retry time: say so. */
  waiting(): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: unknown): void;
}

export type BatchEnd =
  | { kind: 'done' }
  | { kind: 'retry'; error: unknown; message: string; delayMs: number }
  | { kind: 'stop'; error: unknown; message: string; status: ConnectionStatus }
  | { kind: 'pause'; error: unknown; message: string }
  | { kind: 'abort' };

export const capsOf = (ctx: RunContext, entity: string): EntityCapabilities =>
  entityCapabilities(ctx.connector.capabilities, entity);

/** Calls the remote with the run's signal and, when configured, the queue's own timeout. */
export async function callRemote<T>(
  ctx: RunContext,
  what: string,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  ctx.stats.requests += 1;
  const ms = ctx.options.requestTimeoutMs;
  if (!ms) return fn(ctx.signal);
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(timeoutError(ms, what)), ms);
  try {
    return await fn(AbortSignal.any([ctx.signal, timer.signal]));
  } catch (err) {
    if (timer.signal.aborted && !ctx.signal.aborted) throw timeoutError(ms, what);
    throw err;
  } finally {
    clearTimeout(handle);
  }
}

export function delayFor(ctx: RunContext, err: unknown): number {
  return backoffMs(err, ctx.stats.streak, {
    ...(ctx.options.backoffBaseMs !== undefined ? { baseMs: ctx.options.backoffBaseMs } : {}),
    ...(ctx.options.random ? { random: ctx.options.random } : {}),
  });
}

/**
 * A failed read or lookup (no operation in flight): what the run does next. A read the remote
 * refuses as invalid does not block the push; it is logged and the step goes on without it.
 */
export function readFailure(ctx: RunContext, err: unknown, what: string): BatchEnd | null {
  const f = classify(err, ctx.signal.aborted);
  switch (f.kind) {
    case 'abort':
      return { kind: 'abort' };
    case 'retry':
    case 'unknown':
      return { kind: 'retry', error: f.error, message: f.message, delayMs: delayFor(ctx, f.error) };
    case 'stop':
      return { kind: 'stop', error: f.error, message: f.message, status: f.status };
    case 'pause':
      return { kind: 'pause', error: f.error, message: f.message };
    default:
      ctx.log('warn', `push: ${what} refused (${f.message}); going on without it`);
      return null;
  }
}
