/**
 * Shared harness for sync tests against the demo PIM: a started demo PIM, a real app store (SQLite
 * file through openStore) in a temp dir, one connection row per system, and connectors built the way
 * connectors/registry.ts builds them (shared per-token limiter, body limit, the connector's own
 * definition), with two test knobs: the client rate (fast by default, with the demo's WEXBO per-second
 * limit switched off to match) and a recording transport that keeps every request's method and URL.
 *
 *   const h = await startSyncHarness({ products: 300, seed: 1 });
 *   const s = await h.pull('wexbo', 'products');
 *   h.records('wexbo', 'products'); h.pim.admin.counters('wexbo'); await h.close();
 *
 * Time: the demo PIM and the connectors read `h.time.now()`, which runs with the wall clock from
 * `startAt` (so the demo's one-second rate windows still work) and can be moved (`set`, `advance`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as undiciRequest } from 'undici';
import type { ConnectionKind } from '../../../src/shared/domain';
import { connectorDefinitions } from '../../../src/core/connectors/registry';
import type { Connector, ConnectorContext } from '../../../src/core/connectors/types';
import { openStore } from '../../../src/core/db/open';
import type { Store } from '../../../src/core/db/open';
import { startDemoPim } from '../../../src/core/demo-pim';
import type { DemoPim } from '../../../src/core/demo-pim';
import {
  createConnectionHttpClient,
  createUndiciTransport,
  credentialId,
  forgetLimiter,
  limiterKey,
  systemClock,
} from '../../../src/core/net';
import type { Clock, HttpAuth, HttpTransport } from '../../../src/core/net';
import { pullEntity } from '../../../src/core/sync/engine';
import type { PullOptions, PullSummary } from '../../../src/core/sync/engine';

export type SyncKind = Extract<ConnectionKind, 'wexbo' | 'etim'>;

export interface HarnessTime {
  now(): number;
  /** Jumps to `iso`; time runs on from there (or stands still with `frozen`). */
  set(iso: string, opts?: { frozen?: boolean }): void;
  advance(ms: number): void;
  /** Lets frozen time run again from where it stands. */
  unfreeze(): void;
}

export interface RecordedRequest {
  kind: SyncKind;
  method: string;
  url: URL;
  status: number | 'error';
}

export interface MirrorRow {
  base: Record<string, unknown> | null;
  local: Record<string, unknown> | null;
  state: string;
}

export interface ConnectorOptions {
  settings?: Record<string, string>;
  /** Client-side requests per second (default: the harness's `requestsPerSecond`). */
  requestsPerSecond?: number;
  auth?: HttpAuth;
  log?: ConnectorContext['log'];
  /** Wraps the recording transport, e.g. to lose an answer after the remote acted on the request. */
  wrapTransport?: (inner: HttpTransport) => HttpTransport;
}

export interface SyncHarnessOptions {
  products?: number;
  seed?: number;
  /** Start of the harness time (default 2025-06-02T08:00:00Z, a CEST Monday morning). */
  startAt?: string;
  /** Client rate; default 1000/s with the demo's WEXBO limit off. `'real'`: the seeds' rates. */
  requestsPerSecond?: number | 'real';
}

export interface SyncHarness {
  pim: DemoPim;
  store: Store;
  dir: string;
  time: HarnessTime;
  /** The time as a Clock (sleeps are real). */
  clock: Clock;
  requests: RecordedRequest[];
  connectionId(kind: SyncKind): string;
  connector(kind: SyncKind, opts?: ConnectorOptions): Connector;
  pull(
    kind: SyncKind,
    entity: string,
    opts?: Partial<
      Pick<PullOptions, 'full' | 'signal' | 'maxAttempts' | 'connector' | 'clock' | 'onProgress'>
    >,
  ): Promise<PullSummary>;
  records(kind: SyncKind, entity: string): Map<string, MirrorRow>;
  close(): Promise<void>;
}

function flowingTime(startIso: string): HarnessTime {
  let base = Date.parse(startIso);
  let realAt = Date.now();
  let frozen = false;
  const now = (): number => (frozen ? base : base + (Date.now() - realAt));
  return {
    now,
    set(iso, opts = {}) {
      base = Date.parse(iso);
      realAt = Date.now();
      frozen = opts.frozen ?? false;
    },
    advance(ms) {
      base += ms;
    },
    unfreeze() {
      base = now();
      realAt = Date.now();
      frozen = false;
    },
  };
}

function authFor(pim: DemoPim, kind: SyncKind): HttpAuth {
  return kind === 'wexbo'
    ? { kind: 'bearer', token: pim.credentials.wexbo.token }
    : { kind: 'basic', username: pim.credentials.etim.user, password: pim.credentials.etim.password };
}

/** The real transport, with every request's method, URL and answer kept for assertions. */
function recording(requests: RecordedRequest[], kind: SyncKind, inner: HttpTransport): HttpTransport {
  return async (req) => {
    const entry: RecordedRequest = { kind, method: req.method, url: new URL(req.url), status: 'error' };
    requests.push(entry);
    const res = await inner(req);
    entry.status = res.status;
    return res;
  };
}

function readRecords(sqlite: Store['sqlite'], connectionId: string, entity: string): Map<string, MirrorRow> {
  const rows = sqlite
    .prepare(
      `SELECT remote_id, base, local, state FROM record WHERE connection_id = ? AND entity = ? AND remote_id IS NOT NULL`,
    )
    .all(connectionId, entity) as {
    remote_id: string;
    base: string | null;
    local: string | null;
    state: string;
  }[];
  const doc = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));
  return new Map(rows.map((r) => [r.remote_id, { base: doc(r.base), local: doc(r.local), state: r.state }]));
}

export async function startSyncHarness(opts: SyncHarnessOptions = {}): Promise<SyncHarness> {
  const time = flowingTime(opts.startAt ?? '2025-06-02T08:00:00Z');
  const clock: Clock = { now: () => time.now(), sleep: systemClock.sleep };
  const pim = await startDemoPim({ products: opts.products ?? 300, seed: opts.seed ?? 1, now: time.now });
  const real = opts.requestsPerSecond === 'real';
  const defaultRate = typeof opts.requestsPerSecond === 'number' ? opts.requestsPerSecond : 1000;
  if (!real) pim.admin.setWexboLimits({ ratePerSecond: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'steward-sync-'));
  const store = openStore(join(dir, 'mirror.sqlite'));
  const requests: RecordedRequest[] = [];
  const limiterKeys = new Set<string>();
  const created = new Set<SyncKind>();

  const connectionId = (kind: SyncKind): string => {
    const id = `h-${kind}`;
    if (created.has(kind)) return id;
    const settings = kind === 'etim' ? { user: pim.credentials.etim.user } : {};
    store.sqlite
      .prepare(
        `INSERT INTO connection (id, name, kind, base_url, settings, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, `Harness ${kind}`, kind, pim.urls[kind], JSON.stringify(settings), new Date().toISOString());
    created.add(kind);
    return id;
  };

  const connector = (kind: SyncKind, o: ConnectorOptions = {}): Connector => {
    const def = connectorDefinitions[kind];
    const auth = o.auth ?? authFor(pim, kind);
    const rate = real ? def.capabilities.limits.requestsPerSecond : (o.requestsPerSecond ?? defaultRate);
    limiterKeys.add(limiterKey(pim.urls[kind], credentialId(auth)));
    const http = createConnectionHttpClient({
      baseUrl: pim.urls[kind],
      auth,
      limits: { requestsPerSecond: rate, maxBodyBytes: def.capabilities.limits.maxBodyBytes },
      userAgent: 'PIM-Steward/test',
      transport: (o.wrapTransport ?? ((t) => t))(recording(requests, kind, createUndiciTransport())),
    });
    return def.create({
      connectionId: connectionId(kind),
      baseUrl: pim.urls[kind],
      settings: {
        ...def.defaultSettings,
        ...(kind === 'etim' ? { user: pim.credentials.etim.user } : {}),
        ...o.settings,
      },
      http,
      clock,
      ...(o.log ? { log: o.log } : {}),
    });
  };

  return {
    pim,
    store,
    dir,
    time,
    clock,
    requests,
    connectionId,
    connector,
    pull: (kind, entity, o = {}) =>
      pullEntity({
        sqlite: store.sqlite,
        connector: o.connector ?? connector(kind),
        connectionId: connectionId(kind),
        entity,
        signal: o.signal ?? new AbortController().signal,
        now: () => new Date(time.now()),
        ...(o.full !== undefined ? { full: o.full } : {}),
        ...(o.maxAttempts !== undefined ? { maxAttempts: o.maxAttempts } : {}),
        ...(o.clock ? { clock: o.clock } : {}),
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      }),
    records: (kind, entity) => readRecords(store.sqlite, connectionId(kind), entity),
    async close() {
      for (const key of limiterKeys) forgetLimiter(key);
      await store.close();
      await pim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What the WEXBO API serves, read independently of the connector (page numbers are fine while
 * nothing changes): id → the product with `fields`.
 */
export async function wexboServes(
  h: SyncHarness,
  fields: string,
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let page = 1; page <= 10_000; page++) {
    const url = `${h.pim.urls.wexbo}/products?fields=${fields}&limit=250&page=${page}`;
    const res = await fetch(url, {
      headers: {
        authorization: `Bearer ${h.pim.credentials.wexbo.token}`,
        'content-type': 'application/vnd.wexbo.v1',
      },
    });
    if (res.status !== 200) throw new Error(`WEXBO list answered ${res.status}`);
    const body = (await res.json()) as { data: Record<string, unknown>[] };
    for (const row of body.data) out.set(String(row.id), row);
    if (body.data.length < 250) return out;
  }
  throw new Error('WEXBO list did not end');
}

/** What the ETIM API serves: every product id from the feed, then its details, 100 at a time. */
export async function etimServes(h: SyncHarness): Promise<Map<string, Record<string, unknown>>> {
  const auth = `Basic ${Buffer.from(`${h.pim.credentials.etim.user}:${h.pim.credentials.etim.password}`).toString('base64')}`;
  const call = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await undiciRequest(`${h.pim.urls.etim}/${path}`, {
      method: 'GET',
      headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.statusCode !== 200) throw new Error(`ETIM ${path} answered ${res.statusCode}`);
    return (await res.body.json()) as Record<string, unknown>;
  };
  const ids = (await call('products?date-from=1970-01-01')).productIds as string[];
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < ids.length; i += 100) {
    const { products } = (await call('products', ids.slice(i, i + 100))) as {
      products: Record<string, unknown>[];
    };
    for (const p of products) out.set(String(p.productId), p);
  }
  return out;
}

/** The mirror's clean documents (base) by id. */
export function mirrored(
  h: SyncHarness,
  kind: SyncKind,
  entity: string,
): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [id, row] of h.records(kind, entity)) if (row.base) out.set(id, row.base);
  return out;
}
