/**
 * The upload queue's public shapes: what a push run reports, what progress looks like on the wire
 * (`push:progress`), and the knobs a caller (core, the CLI, a test, the crash harness) can turn.
 */
import type { Connection } from '../../shared/domain';
import type { Emit } from '../../shared/contract';
import type { Connector, PushOpKind } from '../connectors/types';
import type { ConnectorDeps } from '../connectors/registry';
import type { Store } from '../db/open';
import type { Clock } from '../net';

export type PushRunStatus = 'succeeded' | 'failed' | 'cancelled' | 'stopped' | 'paused';

export interface PushProgress {
  connectionId: string;
  entity: string | null;
  /** Operations finished in this run: delivered or rejected. */
  done: number;
  /** `done` plus what is still pending for the connection. */
  total: number;
  sent: number;
  rejected: number;
  batches: number;
  /** Operations per second over the run so far. */
  rate: number;
  etaSeconds: number | null;
  lastError: string | null;
  state: 'running' | 'waiting' | 'done' | 'failed' | 'cancelled' | 'stopped' | 'paused';
}

/** One request's worth of operations as it went out, for progress and the benchmark's fullness. */
export interface BatchInfo {
  connectionId: string;
  entity: string;
  records: number;
  bytes: number;
  params: number;
  requests: number;
  limits: { maxBodyBytes: number; maxRecordsPerBatch?: number; maxParamsPerUpdate?: number };
}

export interface PushRunResult {
  connectionId: string;
  status: PushRunStatus;
  /** Operations the remote acknowledged in this run (creates found by lookup included). */
  sent: number;
  rejected: number;
  /** Operations still pending when the run ended (conflicts, retries due later, paused). */
  pending: number;
  /** Records waiting for the user to resolve a conflict before they can be sent. */
  conflicts: number;
  batches: number;
  /** Requests made by the run, reads included. */
  requests: number;
  message: string | null;
  /** With `run(id, { dryRun: true })`: the requests that would have gone out (none did). */
  dryRun?: DryRunResult;
}

/** One request the queue would send, as `steward push --dry-run` prints it. */
export interface DryRunRequest {
  entity: string;
  /** 1-based batch number within the entity. */
  batch: number;
  records: number;
  method: string;
  url: string;
  contentType: string | null;
  body: string | null;
}

export interface DryRunResult {
  connectionId: string;
  requests: DryRunRequest[];
  /** Operations covered, by kind. */
  operations: Record<PushOpKind, number>;
  /** Records left out because they wait for a conflict to be resolved. */
  conflicts: number;
}

export interface PushOptions {
  /** Sleeps between retries and the time `next_attempt_at` is measured in (tests move it by hand). */
  retryClock?: Clock;
  /** [0, 1) source of backoff jitter. */
  random?: () => number;
  /** Gives up on one request after this long (covers remotes that never answer); default none. */
  requestTimeoutMs?: number;
  /** Whole-request failures in a row before the run gives up (rows stay queued); default 8. */
  maxConsecutiveFailures?: number;
  /** Attempts of one operation before it is marked rejected with the last reason; default 10. */
  maxAttempts?: number;
  /** Read the remote copy of updated and deleted records before sending (never overwrite a remote edit); default true. */
  preflight?: boolean;
  /** Rows taken from the queue at a time for remotes without a record limit; default 5000. */
  windowSize?: number;
  /** First backoff step; default 1000 ms. */
  backoffBaseMs?: number;
}

export interface PushServiceDeps extends ConnectorDeps {
  store: Store;
  now: () => Date;
  /** `activity:updated` and `records:changed`. */
  emit?: Emit;
  /** `push:progress`, once the contract carries it. */
  onProgress?: (progress: PushProgress) => void;
  /** Every batch that went out (benchmarks, diagnostics). */
  onBatch?: (info: BatchInfo) => void;
  /** The status bar changed (called at most once a second during a run, and at its end). */
  onChanged?: () => void;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: unknown) => void;
  /** Builds the live connector; default connectors/registry.ts `connectorFor` with these deps. */
  connectorFor?: (conn: Connection) => Promise<Connector>;
  options?: PushOptions;
}
