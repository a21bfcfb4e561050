/**
 * The contract every remote system implements (seeds/README.md lists the five). The sync engine pulls
 * through it, the upload queue pushes through it and the import tracker follows remote jobs through
 * it; none of them knows which remote it talks to. Everything optional is optional because at least
 * one seed cannot do it:
 *
 * | kind        | read | write | import | auth   | notes                                                  |
 * |-------------|------|-------|--------|--------|--------------------------------------------------------|
 * | wexbo       | yes  | yes   | no     | bearer | 5 req/s/token, 1 MB bodies, ≤100 params per PUT, one record per POST/PUT, 402 per-record credit (001) |
 * | etim        | yes  | yes   | sync   | basic  | id feed `products?date-from=` (CET), details by GET with ≤100 ids, PUT ≤16 MB with new/existing/empty modes, report of counts, push notifications (004) |
 * | printxpand  | no   | yes   | no     | oauth1 | upserts keyed by our id, per-record `response[]`, categories before products (003) |
 * | wizart      | no   | no    | yes    | bearer | CSV + ZIP import, staged status (000)                  |
 * | broadleaf   | no   | no    | yes    | basic  | CSV/XLSX/ZIP import, percentComplete, recordValidation (002) |
 *
 * Times crossing this interface are UTC ISO strings; a connector converts from the remote's zone
 * (ETIM speaks CET/CEST, 004_48b37cfc1a1923fe.txt). Documents are JSON objects as the remote shapes
 * them; paths into them use json-path.ts syntax. Every method takes an AbortSignal and must stop
 * promptly when it fires. HTTP failures surface as `HttpError` (src/core/net/http-error.ts).
 */
import type { ConnectionKind } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import type { Clock } from '../net/clock';
import type { HttpClient } from '../net/http-client';

export type AuthKind = 'bearer' | 'basic' | 'oauth1';
export type PushOpKind = 'create' | 'update' | 'delete';

export interface ConnectorLimits {
  /** Per token; the shared limiter enforces it (WEXBO 5: 001_15500709165aa147.txt). */
  requestsPerSecond: number;
  /** Largest request body (WEXBO 1 MB: 001; ETIM PUT 16 MB: 004_48b37cfc1a1923fe.txt). */
  maxBodyBytes: number;
  /** Ids per detail read or page (ETIM 100 per GET: 004; WEXBO `limit` ≤ 250: 001). */
  maxIdsPerRead?: number;
  /** Parameters with values per update (WEXBO PUT ≤ 100: 001); the queue splits bigger updates. */
  maxParamsPerUpdate?: number;
  /** Records per push request (WEXBO 1: one record per POST/PUT, 001). Absent: bytes are the limit. */
  maxRecordsPerBatch?: number;
}

export interface EntityCapabilities {
  /** `pull` honours `cursor.since` (a change feed); otherwise every run is a full read. */
  incremental: boolean;
  /** How remote deletions become known: in pull pages, by notification, by listIds reconciliation. */
  deletions: 'feed' | 'notification' | 'reconcile' | 'none';
  /** What push accepts for this entity (PrintXpand orders: create only, 003_f9a1ab627ff386f6.txt). */
  ops: readonly PushOpKind[];
  /**
   * True when re-sending a create cannot make a duplicate: PrintXpand and ETIM upsert by the id we
   * send (003, 004). False (WEXBO POST assigns ids, 001): the queue calls `findExisting` first.
   */
  idempotentCreate: boolean;
}

export type ImportFormat = 'csv' | 'xlsx' | 'zip';

export interface ImportCapability {
  /** The remote's import type, e.g. Broadleaf PRODUCT, CATEGORY, ASSET (002_dd6ca172e7a2ab05.txt). */
  entity: string;
  formats: readonly ImportFormat[];
  /** Accepts a ZIP of images with the data file (Wizart checking_images stage, 000_e06ea13dbfabb382.txt). */
  images: boolean;
}

export interface Capabilities {
  /** Entity names in push order: earlier ones first (PrintXpand: categories before products, 003). */
  entities: string[];
  read: boolean;
  write: boolean;
  /** Only file imports change data (Wizart, Broadleaf): no pull, no push. */
  importOnly: boolean;
  limits: ConnectorLimits;
  auth: AuthKind;
  /** Per-entity detail; entities not listed: incremental false, deletions 'reconcile', all ops. */
  entityDetails?: Readonly<Record<string, EntityCapabilities>>;
  imports?: readonly ImportCapability[];
}

export interface RemoteRecord {
  id: string;
  /** UTC ISO 8601. */
  modifiedAt: string;
  doc: Record<string, unknown>;
  /** An ETag or revision when the remote has one. */
  version?: string;
}

export interface PullCursor {
  /** JSON from the previous page's `position`; null to start a run. */
  position: unknown;
  /** UTC ISO high-water mark: fetch changes at or after it; null for a full read. */
  since: string | null;
}

export interface PullPage {
  records: RemoteRecord[];
  deletedIds: string[];
  /** JSON-serializable: where the next page starts; stored only after this page is committed. */
  position: unknown;
  done: boolean;
  /** Records in the whole run, when the remote says (X-Pagination-Total, ETIM `total`). */
  total?: number;
  /**
   * With `done`: the `since` for the next incremental run, when the connector knows it better than
   * the engine's run start (e.g. the newest `modifiedAt` seen in the remote's own clock).
   */
  highWater?: string;
}

export interface PushOp {
  /** Unique per outbox row and stable across retries: how results are matched to operations. */
  clientOpId: string;
  op: PushOpKind;
  /** Null for a create whose id the remote assigns (WEXBO POST). */
  remoteId: string | null;
  /** The full local document (create, update). */
  doc?: Record<string, unknown>;
  /** The last synced document, for connectors that send only changes. */
  base?: Record<string, unknown> | null;
  /** Paths (json-path.ts) changed since `base`: WEXBO sends only these in a PUT (001). */
  changedPaths?: string[];
}

export interface PushError {
  /**
   * rejected: the remote refused this record (show its message; do not retry unchanged).
   * conflict: the remote changed it since our base (pull, merge, retry).
   * unknown: no per-record answer (PrintXpand 201 "partially succeeded", 003; a report of counts
   * only, 004): the queue must check the remote before re-sending.
   */
  kind: 'rejected' | 'conflict' | 'unknown';
  message: string;
  field?: string;
  /** The remote's own code for the failure (PrintXpand `code`, WEXBO `error`). */
  code?: string;
}

export interface PushResult {
  clientOpId: string;
  ok: boolean;
  /** The id the remote assigned or confirmed. */
  remoteId?: string;
  /** The remote's document after the write, when the response carries it (becomes the new base). */
  doc?: Record<string, unknown>;
  modifiedAt?: string;
  error?: PushError;
}

export interface BatchSize {
  /** Exact size of the request body this batch encodes to. */
  bytes: number;
  /** Largest parameter count of any one record update in it. */
  params: number;
  requests: number;
}

export interface ImportFile {
  name: string;
  format: ImportFormat;
  /** `images` is the ZIP that goes with a data file. */
  role: 'data' | 'images';
  bytes: Uint8Array;
}

export interface ImportRequest {
  entity: string;
  files: ImportFile[];
  /** Remote options, e.g. Broadleaf importSpecification, catalogId, siteId, sandboxId (002). */
  options?: Readonly<Record<string, string>>;
}

export type RemoteJobState = 'running' | 'succeeded' | 'warning' | 'failed';

export interface RemoteJobIssue {
  severity: 'error' | 'warning';
  message: string;
  row?: number;
  column?: string;
  value?: string;
}

export interface RemoteJobStatus {
  /** Wizart importId, Broadleaf statusId, ETIM progress-id. */
  remoteId: string;
  kind: 'import' | 'synchronization';
  /** The remote's own word: validating_csv (000), IN_PROCESS (002), "in progress" (004). */
  stage: string;
  state: RemoteJobState;
  percent: number | null;
  message: string | null;
  issues: RemoteJobIssue[];
  total?: number;
  /** UTC ISO time of the remote's last progress, when it reports one (Broadleaf lastUpdateDate). */
  updatedAt?: string;
}

/** Ids the remote says changed (ETIM push notification `{ new, modified, deleted }`, 004). */
export interface ChangeNotice {
  entity: string;
  changedIds: string[];
  deletedIds: string[];
}

export interface Connector {
  readonly kind: ConnectionKind;
  readonly capabilities: Capabilities;
  pull?(entity: string, cursor: PullCursor, signal: AbortSignal): Promise<PullPage>;
  /** At most `limits.maxIdsPerRead` ids; ids missing from the result do not exist remotely. */
  readDetails?(entity: string, ids: readonly string[], signal: AbortSignal): Promise<RemoteRecord[]>;
  /** Every id of the entity, in pages, for reconciling deletions. */
  listIds?(entity: string, signal: AbortSignal): AsyncIterable<string[]>;
  /** One result per operation, any order, matched by clientOpId. Whole-request failures throw. */
  push?(entity: string, batch: readonly PushOp[], signal: AbortSignal): Promise<PushResult[]>;
  /** What `push` would send, so the queue packs batches to the limits without a 413. */
  measureBatch?(entity: string, batch: readonly PushOp[]): BatchSize;
  /** For a create that may have gone through before a crash: the remote record it created, if any. */
  findExisting?(entity: string, op: PushOp, signal: AbortSignal): Promise<RemoteRecord | undefined>;
  importFile?(request: ImportRequest, signal: AbortSignal): Promise<RemoteJobStatus>;
  importStatus?(remoteId: string, signal: AbortSignal): Promise<RemoteJobStatus>;
  /** ETIM synchronization triggers (004); follow with importStatus(progress id). */
  runSynchronization?(triggerId: string, signal: AbortSignal): Promise<RemoteJobStatus>;
  parseNotification?(body: unknown): ChangeNotice[];
  /** One cheap authenticated request, never retried (WEXBO locks after 5 failed logins, 001). */
  probe?(signal: AbortSignal): Promise<void>;
}

export interface ConnectorContext {
  connectionId: string;
  baseUrl: string;
  /** Non-secret settings, e.g. WEXBO's "changed since" filter names (default date_from, 001). */
  settings: Readonly<Record<string, string>>;
  /** Authenticated, and limited by the token's shared limiter. */
  http: HttpClient;
  clock: Clock;
  /**
   * Where a connector reports what is worth a line in the log but is no failure, e.g. WEXBO's code-100
   * warnings (001_15500709165aa147.txt). Optional: without it such notes are dropped. Same shape as
   * core's `Log`.
   */
  log?: (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: unknown) => void;
}

export interface ConnectorDefinition {
  kind: ConnectionKind;
  capabilities: Capabilities;
  /** Secret fields the user supplies: token; username + password; the four OAuth 1.0a values. */
  secretFields: readonly string[];
  defaultSettings: Readonly<Record<string, string>>;
  create(ctx: ConnectorContext): Connector;
}

const DEFAULT_ENTITY: EntityCapabilities = {
  incremental: false,
  deletions: 'reconcile',
  ops: ['create', 'update', 'delete'],
  idempotentCreate: false,
};

export function entityCapabilities(caps: Capabilities, entity: string): EntityCapabilities {
  return caps.entityDetails?.[entity] ?? DEFAULT_ENTITY;
}

type OptionalMethod = {
  [K in keyof Connector]-?: undefined extends Connector[K] ? K : never;
}[keyof Connector];

/** The connector's method bound to it, or a clear error naming what this remote cannot do. */
export function requireMethod<K extends OptionalMethod>(
  connector: Connector,
  method: K,
): NonNullable<Connector[K]> {
  const fn = connector[method];
  if (typeof fn !== 'function') {
    throw new StewardError('unavailable', `A ${connector.kind} connection does not support ${method}.`);
  }
  return (fn as (...args: never[]) => unknown).bind(connector) as NonNullable<Connector[K]>;
}

/** Splits ids into reads the remote accepts (`limits.maxIdsPerRead`). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Orders entities for pushing by `capabilities.entities`; unknown ones go last. */
export function pushOrder(caps: Capabilities, entities: readonly string[]): string[] {
  const rank = (e: string): number => {
    const i = caps.entities.indexOf(e);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...entities].sort((a, b) => rank(a) - rank(b));
}
