/**
 * Push throughput against remotes limited to 5 requests/s (DESIGN.md: at least 95 % of the allowed
 * throughput, zero 429 and zero 413), and how full the batches are relative to each remote's limits.
 *
 * - WEXBO (001_15500709165aa147.txt): 20,000 products edited in the mirror; the demo enforces the real
 *   per-token limit (a sliding one-second window, 5 requests). One record per request means the whole
 *   queue takes 4,000 s at the ceiling, so the push runs for a fixed window (120 s; BENCH_QUICK=1: 20 s)
 *   and is then cancelled; the rest stays queued. Requests, 429s and 413s are the demo's own counters.
 * - ETIM (004_48b37cfc1a1923fe.txt): the same edit on 20,000 products (BENCH_QUICK: 2,000), pushed to
 *   the end: PUT arrays up to 16 MB, after reading every record back (100 per GET) to catch remote edits.
 * - PrintXpand (003_f9a1ab627ff386f6.txt): 5,000 new products (BENCH_QUICK: 1,000), keyed maps of up
 *   to 100 records per request (our limit) within 1 MB, at its declared 2 requests/s.
 * The connections are built as the app builds them (connectors/registry.ts, the declared rates);
 * the mirror is filled beforehand through the real sync engine at full speed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionKind } from '../src/shared/domain';
import { connectorDefinitions } from '../src/core/connectors/registry';
import { openStore } from '../src/core/db/open';
import type { Store } from '../src/core/db/open';
import { startDemoPim } from '../src/core/demo-pim';
import type { DemoPim } from '../src/core/demo-pim';
import { createEditor } from '../src/core/edits/editor';
import { createRecord } from '../src/core/edits/lifecycle';
import {
  createConnectionHttpClient,
  credentialId,
  forgetLimiter,
  limiterKey,
  systemClock,
} from '../src/core/net';
import type { HttpAuth } from '../src/core/net';
import { createPushService } from '../src/core/push';
import type { BatchInfo, PushRunResult } from '../src/core/push';
import { connectionSecretKey, createMemorySecretStore } from '../src/core/secrets';
import { pullEntity } from '../src/core/sync/engine';

const QUICK = Boolean(process.env.BENCH_QUICK);
const WEXBO_SECONDS = QUICK ? 20 : 120;
const WEXBO_PRODUCTS = 20_000;
const ETIM_PRODUCTS = QUICK ? 2_000 : 20_000;
const PX_PRODUCTS = QUICK ? 1_000 : 5_000;
const now = () => new Date();

function auth(pim: DemoPim, kind: ConnectionKind): HttpAuth {
  const c = pim.credentials;
  if (kind === 'wexbo') return { kind: 'bearer', token: c.wexbo.token };
  if (kind === 'etim') return { kind: 'basic', username: c.etim.user, password: c.etim.password };
  return {
    kind: 'oauth1',
    consumerKey: c.printxpand.consumerKey,
    consumerSecret: c.printxpand.consumerSecret,
    token: c.printxpand.accessToken,
    tokenSecret: c.printxpand.accessSecret,
  };
}

function addConnection(store: Store, pim: DemoPim, id: string, kind: ConnectionKind): void {
  const c = pim.credentials;
  const settings =
    kind === 'etim'
      ? { user: c.etim.user }
      : kind === 'printxpand'
        ? { consumerKey: c.printxpand.consumerKey, accessToken: c.printxpand.accessToken }
        : {};
  store.sqlite
    .prepare(
      `INSERT INTO connection (id, name, kind, base_url, settings, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(id, id, kind, pim.urls[kind], JSON.stringify(settings), now().toISOString());
}

/** Fills the mirror through the sync engine on an unthrottled client (setup, not measured). */
async function fastPull(store: Store, pim: DemoPim, id: string, kind: 'wexbo' | 'etim'): Promise<void> {
  const def = connectorDefinitions[kind];
  const a = auth(pim, kind);
  const http = createConnectionHttpClient({
    baseUrl: pim.urls[kind],
    auth: a,
    limits: { requestsPerSecond: 1000, maxBodyBytes: def.capabilities.limits.maxBodyBytes },
    userAgent: 'bench',
  });
  const settings = {
    ...def.defaultSettings,
    ...(kind === 'etim' ? { user: pim.credentials.etim.user } : {}),
  };
  const connector = def.create({
    connectionId: id,
    baseUrl: pim.urls[kind],
    settings,
    http,
    clock: systemClock,
  });
  await pullEntity({
    sqlite: store.sqlite,
    connector,
    connectionId: id,
    entity: 'products',
    signal: new AbortController().signal,
    now,
  });
  forgetLimiter(limiterKey(pim.urls[kind], credentialId(a)));
}

function editAll(store: Store, id: string, path: string, value: unknown, limit: number): number {
  const ids = (
    store.sqlite
      .prepare(`SELECT id FROM record WHERE connection_id = ? AND entity = 'products' ORDER BY id LIMIT ?`)
      .all(id, limit) as { id: number }[]
  ).map((r) => r.id);
  return createEditor(store.sqlite, now).apply(
    'bench',
    ids.map((recordId) => ({ recordId, path, value })),
  ).records;
}

interface Measured {
  result: PushRunResult;
  seconds: number;
  batches: BatchInfo[];
}

async function push(store: Store, pim: DemoPim, id: string, seconds: number | null): Promise<Measured> {
  const c = pim.credentials;
  const secrets = createMemorySecretStore({
    [connectionSecretKey('w', 'token')]: c.wexbo.token,
    [connectionSecretKey('e', 'password')]: c.etim.password,
    [connectionSecretKey('p', 'consumerSecret')]: c.printxpand.consumerSecret,
    [connectionSecretKey('p', 'accessSecret')]: c.printxpand.accessSecret,
  });
  const batches: BatchInfo[] = [];
  const service = createPushService({ store, secrets, now, onBatch: (b) => batches.push(b) });
  const stop = new AbortController();
  const timer = seconds === null ? undefined : setTimeout(() => stop.abort(), seconds * 1000);
  const started = performance.now();
  const result = await service.run(id, { signal: stop.signal });
  clearTimeout(timer);
  return { result, seconds: (performance.now() - started) / 1000, batches };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

function fullness(batches: BatchInfo[]): string {
  const limit = batches[0]?.limits.maxRecordsPerBatch;
  const records = `records/request ${mean(batches.map((b) => b.records)).toFixed(1)}${limit ? ` (${pct(mean(batches.map((b) => b.records / limit)))} of the ${limit}-record limit)` : ' (no record limit)'}`;
  const bytes = pct(mean(batches.map((b) => b.bytes / b.limits.maxBodyBytes)));
  const largest = Math.max(0, ...batches.map((b) => b.bytes));
  const params = batches
    .filter((b) => b.limits.maxParamsPerUpdate)
    .map((b) => b.params / (b.limits.maxParamsPerUpdate as number));
  const paramText = params.length ? `, parameters ${pct(mean(params))} of the 100 per PUT` : '';
  return `${batches.length} requests, ${records}, body ${bytes} of the ${(batches[0]?.limits.maxBodyBytes ?? 0) / 2 ** 20} MiB limit on average (largest ${largest.toLocaleString('en')} bytes)${paramText}`;
}

function statusCounts(pim: DemoPim, kind: 'wexbo' | 'etim' | 'printxpand') {
  const c = pim.admin.counters(kind);
  return { total: c.total, s429: c.byStatus['429'] ?? 0, s413: c.byStatus['413'] ?? 0 };
}

async function benchWexbo(store: Store, pim: DemoPim): Promise<string[]> {
  addConnection(store, pim, 'w', 'wexbo');
  pim.admin.setWexboLimits({ ratePerSecond: 0 });
  await fastPull(store, pim, 'w', 'wexbo');
  const edited = editAll(store, 'w', 'price', 12.34, WEXBO_PRODUCTS);
  pim.admin.setWexboLimits({ ratePerSecond: 5 });
  pim.admin.resetCounters();
  const m = await push(store, pim, 'w', WEXBO_SECONDS);
  const s = statusCounts(pim, 'wexbo');
  const rate = s.total / m.seconds;
  return [
    `WEXBO: ${edited.toLocaleString('en')} products edited; pushed for ${m.seconds.toFixed(1)} s against the demo's real 5 requests/s window, then cancelled (${m.result.pending.toLocaleString('en')} left queued)`,
    `WEXBO throughput: ${s.total} requests = ${rate.toFixed(2)} requests/s = ${(rate / 5).toFixed(3)} of the 5/s ceiling (target ≥ 0.95); ${m.result.sent} products delivered = ${(m.result.sent / m.seconds).toFixed(2)}/s (${(m.result.sent / m.seconds / 5).toFixed(3)} of the ceiling; one read-back GET per 250 products)`,
    `WEXBO errors: ${s.s429} × 429, ${s.s413} × 413 (target 0 and 0); ${m.result.rejected} rejected`,
    `WEXBO batches: ${fullness(m.batches)} (a price campaign changes one value per product; WEXBO takes one record per PUT)`,
  ];
}

async function benchEtim(store: Store, pim: DemoPim): Promise<string[]> {
  addConnection(store, pim, 'e', 'etim');
  await fastPull(store, pim, 'e', 'etim');
  const edited = editAll(store, 'e', 'overallInformation.productName.en', 'Campaign name', ETIM_PRODUCTS);
  pim.admin.resetCounters();
  const m = await push(store, pim, 'e', null);
  const s = statusCounts(pim, 'etim');
  const c = pim.admin.counters('etim').byEndpoint;
  return [
    `ETIM: ${edited.toLocaleString('en')} products edited, all delivered in ${m.seconds.toFixed(1)} s: ${m.result.sent} sent, ${m.result.rejected} rejected; ${c['PUT /products'] ?? 0} PUTs and ${c['GET /products (details)'] ?? 0} read-back GETs = ${(s.total / m.seconds).toFixed(2)} requests/s (${(s.total / m.seconds / 5).toFixed(3)} of 5/s); ${s.s429} × 429, ${s.s413} × 413`,
    `ETIM batches: ${fullness(m.batches)} (the queue takes 5,000 rows at a time; only changed fields are sent)`,
  ];
}

async function benchPrintXpand(store: Store, pim: DemoPim): Promise<string[]> {
  addConnection(store, pim, 'p', 'printxpand');
  for (let i = 0; i < PX_PRODUCTS; i++) {
    createRecord(
      store.sqlite,
      {
        connectionId: 'p',
        entity: 'products',
        doc: {
          id: String(900_000 + i),
          name: `Bench mug ${i}`,
          type: 'simple',
          price: 9.9,
          status: 1,
          description: 'x'.repeat(200),
        },
      },
      now,
    );
  }
  pim.admin.resetCounters();
  const m = await push(store, pim, 'p', null);
  const s = statusCounts(pim, 'printxpand');
  return [
    `PrintXpand: ${PX_PRODUCTS.toLocaleString('en')} new products delivered in ${m.seconds.toFixed(1)} s: ${m.result.sent} sent in ${s.total} requests = ${(s.total / m.seconds).toFixed(2)} requests/s (${(s.total / m.seconds / 2).toFixed(3)} of its declared 2/s); ${s.s429} × 429, ${s.s413} × 413`,
    `PrintXpand batches: ${fullness(m.batches)}`,
  ];
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'steward-bench-push-'));
  const pim = await startDemoPim({ products: WEXBO_PRODUCTS, seed: 1 });
  const store = openStore(join(dir, 'mirror.sqlite'));
  try {
    const lines = [
      ...(await benchWexbo(store, pim)),
      ...(await benchEtim(store, pim)),
      ...(await benchPrintXpand(store, pim)),
    ];
    return { name: 'Push throughput and batch fullness', lines };
  } finally {
    for (const kind of ['wexbo', 'etim', 'printxpand'] as const)
      forgetLimiter(limiterKey(pim.urls[kind], credentialId(auth(pim, kind))));
    await store.close();
    await pim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
