/**
 * The push crash harness (DESIGN.md, reliability targets). The parent runs the real core with the
 * demo PIM, syncs the demo WEXBO shop and edits through the contract: price and stock updates,
 * creates (whose code is sometimes changed again while the create may be in flight), deletes. A child
 * process (crash-child.ts) opens the same data folder and pushes; the parent SIGKILLs it at a seeded
 * random moment, edits some more, and starts it again. Each round ends with a child that runs to the
 * end; then the invariants are checked against the remote through the demo's admin and WEXBO APIs:
 * every edit is on the remote, no product exists twice (count by code, catalog size), nothing is
 * rejected or left pending, and PRAGMA integrity_check says ok.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../../src/core';
import type { Core } from '../../../src/core';
import { createPrng } from '../../../src/core/demo-pim/catalog/prng';
import type { Prng } from '../../../src/core/demo-pim/catalog/prng';
import type { DemoPim } from '../../../src/core/demo-pim';
import { createMemorySecretStore } from '../../../src/core/secrets';
import { createCaller } from '../../../src/shared/rpc';
import { CONNECTION, checkInvariants, dumpState } from './crash-checks';
import type { Expected } from './crash-checks';
import type { Caller } from '../../../src/shared/rpc';

export interface CrashOptions {
  kills: number;
  seed?: number;
  killsPerRound?: number;
  products?: number;
  log?: (line: string) => void;
}

export interface CrashReport {
  kills: number;
  rounds: number;
  childRuns: number;
  /** Kills that landed while the demo PIM had a request of the child in hand. */
  killedMidRequest: number;
  /** Kills after which outbox rows were left 'sending' (sent, outcome unknown). */
  killedWhileSending: number;
  updates: number;
  creates: number;
  renames: number;
  /** Creates deleted again by the user while possibly in flight. */
  deletedCreates: number;
  deletes: number;
  problems: string[];
  integrity: string;
  seconds: number;
}

interface Run {
  /** Creates so far: makes every code unique. */
  creates: number;
  core: Core;
  call: Caller;
  pim: DemoPim;
  rng: Prng;
  seed: number;
  expected: Expected;
  report: CrashReport;
  child: ChildCommand;
  log: (line: string) => void;
}

interface ChildCommand {
  command: string;
  args: string[];
  cleanup(): void;
}

/** The child bundled once with esbuild (starts in ~0.5 s instead of ~1.5 s under tsx), else tsx. */
async function childCommand(): Promise<ChildCommand> {
  const source = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  try {
    const esbuild = await import('esbuild');
    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    const outfile = join(root, 'test-artifacts', `crash-child-${process.pid}-${Date.now()}.mjs`);
    await esbuild.build({
      entryPoints: [source],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
    return { command: process.execPath, args: [outfile], cleanup: () => rmSync(outfile, { force: true }) };
  } catch {
    return { command: process.execPath, args: ['--import', 'tsx', source], cleanup: () => undefined };
  }
}

const sqliteOf = (r: Run) => r.core.store.sqlite;

function pending(r: Run): number {
  return (
    sqliteOf(r)
      .prepare(
        `SELECT count(*) AS n FROM outbox WHERE connection_id = ? AND state IN ('queued', 'sending', 'retrying', 'paused')`,
      )
      .get(CONNECTION) as { n: number }
  ).n;
}

function inFlightAtServer(pim: DemoPim): boolean {
  const c = pim.admin.counters('wexbo');
  return c.total > Object.values(c.byStatus).reduce((s, n) => s + n, 0);
}

/** Starts the child; with `killAfterMs`, SIGKILLs it that long after it said it is ready. */
function runChild(r: Run, killAfterMs: number | null): Promise<{ killed: boolean; midRequest: boolean }> {
  const input = {
    dbPath: r.core.databasePath,
    connectionIds: [CONNECTION],
    secrets: { [`${CONNECTION}.token`]: r.pim.credentials.wexbo.token },
  };
  return new Promise((resolve, reject) => {
    const proc = spawn(r.child.command, r.child.args, {
      env: { ...process.env, STEWARD_CRASH_CHILD: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let midRequest = false;
    let timer: NodeJS.Timeout | undefined;
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      if (killAfterMs === null || timer || !d.toString().includes('ready')) return;
      timer = setTimeout(() => {
        midRequest = inFlightAtServer(r.pim);
        proc.kill('SIGKILL');
      }, killAfterMs);
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve({ killed: true, midRequest });
      if (code !== 0) return reject(new Error(`crash child exited with ${code}: ${stderr.slice(-2000)}`));
      resolve({ killed: false, midRequest: false });
    });
  });
}

function productRecords(r: Run): { id: number; remoteId: string }[] {
  return sqliteOf(r)
    .prepare(
      `SELECT id, remote_id AS remoteId FROM record WHERE connection_id = ? AND entity = 'products'
      AND remote_id IS NOT NULL AND state IN ('clean', 'dirty') ORDER BY id`,
    )
    .all(CONNECTION) as { id: number; remoteId: string }[];
}

async function roundEdits(r: Run, round: number): Promise<void> {
  const records = productRecords(r).filter((p) => !r.expected.updates.has(p.id) || r.rng.chance(0.3));
  for (let i = 0; i < 4 && records.length > 0; i++) {
    const rec = records.splice(r.rng.int(records.length), 1)[0] as { id: number };
    const field = r.rng.chance(0.5) ? 'price' : 'stock';
    const value = field === 'price' ? r.rng.range(100, 99_999) / 100 : r.rng.range(0, 5000);
    await r.call('edits:setField', { recordIds: [rec.id], path: field, value });
    r.expected.updates.set(rec.id, { ...r.expected.updates.get(rec.id), [field]: value });
    r.report.updates += 1;
  }
  r.creates += 1;
  const code = `crash-${r.seed}-${round}-${r.creates}`;
  const { recordId } = await r.call('records:create', {
    connectionId: CONNECTION,
    entity: 'products',
    doc: { code, name: `Crash ${round}`, price: r.rng.range(100, 9999) / 100, currency: 'EUR', active: true },
  });
  r.expected.creates.set(recordId, code);
  r.report.creates += 1;
  const victim = records.find((p) => !r.expected.updates.has(p.id));
  if (victim) {
    await r.call('records:delete', { recordId: victim.id });
    r.expected.deletes.add(victim.remoteId);
    r.report.deletes += 1;
  }
}

/** A newly created record, deleted again while its create may be in flight: it must not stay remotely. */
async function deleteCreated(r: Run, recordId: number, code: string): Promise<void> {
  await r.call('records:delete', { recordId });
  r.expected.creates.delete(recordId);
  r.expected.updates.delete(recordId);
  r.expected.goneCodes.add(code);
  r.report.deletedCreates += 1;
}

/** Between kills: edit records that may be in flight (a price again; a new record's code, or delete it). */
async function editBetweenKills(r: Run): Promise<void> {
  const roll = r.rng.next();
  if (roll < 0.5) {
    const ids = [...r.expected.updates.keys()];
    const id = ids[r.rng.int(ids.length)];
    if (id === undefined) return;
    const price = r.rng.range(100, 99_999) / 100;
    await r.call('edits:setField', { recordIds: [id], path: 'price', value: price });
    r.expected.updates.set(id, { ...r.expected.updates.get(id), price });
    r.report.updates += 1;
    return;
  }
  const [recordId, code] = [...r.expected.creates].at(-1) ?? [];
  if (recordId === undefined || code === undefined || code.endsWith('-b')) return;
  if (roll < 0.8) {
    await r.call('edits:setField', { recordIds: [recordId], path: 'code', value: `${code}-b` });
    r.expected.creates.set(recordId, `${code}-b`);
    r.expected.goneCodes.add(code);
    r.report.renames += 1;
  } else await deleteCreated(r, recordId, code);
}

const target = (r: Run) => ({ sqlite: sqliteOf(r), pim: r.pim, expected: r.expected, log: r.log });

async function playRound(r: Run, round: number, kills: number): Promise<void> {
  await roundEdits(r, round);
  for (let k = 0; k < kills;) {
    const budget = pending(r) * 230 + 300;
    const outcome = await runChild(r, r.rng.int(budget));
    r.report.childRuns += 1;
    if (outcome.killed) {
      k += 1;
      r.report.kills += 1;
      if (outcome.midRequest) r.report.killedMidRequest += 1;
      const sending = sqliteOf(r)
        .prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'sending'`)
        .get() as { n: number };
      if (sending.n > 0) r.report.killedWhileSending += 1;
    } else if (pending(r) === 0) {
      await roundEdits(r, round * 1000 + k);
    }
    if (r.rng.chance(0.5)) await editBetweenKills(r);
  }
  for (let i = 0; i < 5 && pending(r) > 0; i++) {
    await runChild(r, null);
    r.report.childRuns += 1;
  }
}

export async function runCrashHarness(opts: CrashOptions): Promise<CrashReport> {
  const started = performance.now();
  const seed = opts.seed ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'steward-crash-'));
  const core = await createCore({
    dataDir: dir,
    demo: { products: opts.products ?? 300 },
    secrets: createMemorySecretStore(),
  });
  const child = await childCommand();
  const report: CrashReport = {
    kills: 0,
    rounds: 0,
    childRuns: 0,
    killedMidRequest: 0,
    killedWhileSending: 0,
    updates: 0,
    creates: 0,
    renames: 0,
    deletedCreates: 0,
    deletes: 0,
    problems: [],
    integrity: '',
    seconds: 0,
  };
  try {
    const pim = core.demo?.pim;
    if (!pim) throw new Error('the demo PIM did not start');
    // Time in flight at the remote, so that kills land between send and acknowledgement.
    pim.admin.setWexboLimits({ ratePerSecond: 0 });
    pim.admin.setFaults('wexbo', { latencyMs: 40 });
    const sync = await core.sync.run(CONNECTION);
    if (sync.status !== 'succeeded') throw new Error(`sync failed: ${sync.message}`);
    const r: Run = {
      creates: 0,
      core,
      call: createCaller(core.dispatch),
      pim,
      rng: createPrng(seed),
      seed,
      child,
      report,
      expected: { updates: new Map(), creates: new Map(), goneCodes: new Set(), deletes: new Set() },
      log: opts.log ?? (() => undefined),
    };
    const initialProducts = pim.admin.state().catalog.products;
    const perRound = opts.killsPerRound ?? 4;
    while (report.kills < opts.kills) {
      report.rounds += 1;
      await playRound(r, report.rounds, Math.min(perRound, opts.kills - report.kills));
      const problems = await checkInvariants(target(r), initialProducts);
      if (problems.length > 0 && process.env.CRASH_DEBUG) dumpState(target(r));
      report.problems.push(...problems.map((p) => `round ${report.rounds}: ${p}`));
      r.log(
        `round ${report.rounds}: ${report.kills} kills, ${report.childRuns} child runs, ${problems.length} problems`,
      );
    }
    report.integrity = String(core.store.sqlite.pragma('integrity_check', { simple: true }));
  } finally {
    child.cleanup();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
