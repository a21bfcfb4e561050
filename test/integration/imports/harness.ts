/**
 * Import tracker tests: a real core (createCore on a temp data folder) with three connections to a
 * demo PIM (Wizart, Broadleaf, ETIM) over loopback HTTP, and a tracker wired as core would wire it.
 *
 * Time is virtual and shared: the demo PIM computes job progress from `time.t`, the core stores
 * `time.now()`, and the tracker's (and the rate limiter's) `clock.sleep` moves `time.t` instead of
 * waiting. The demo PIM is started here, not by core's demo workspace, because the workspace does
 * not pass core's `now` on to it (startDemoWorkspace calls startDemoPim without `now`). It also
 * outlives `restart()`, as a remote outlives the app.
 *
 * Bounded: a sleep that would carry virtual time past `maxVirtualMs` throws, which stops the
 * tracker's loop and rejects whoever follows a job, so a job that never ends fails its test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE, createCore } from '../../../src/core';
import type { Core } from '../../../src/core';
import { createConnection } from '../../../src/core/connections/service';
import { connectorFor } from '../../../src/core/connectors/registry';
import { startDemoPim } from '../../../src/core/demo-pim';
import type { DemoPim } from '../../../src/core/demo-pim';
import { createImportTracker } from '../../../src/core/imports';
import type { ImportTracker, TrackerEvents } from '../../../src/core/imports';
import { credentialId, forgetLimiter, limiterKey } from '../../../src/core/net';
import type { Clock } from '../../../src/core/net';
import { createMemorySecretStore } from '../../../src/core/secrets';
import type { SecretStore } from '../../../src/core/secrets';

export const START = Date.parse('2025-06-02T08:00:00Z');

export interface VirtualTime {
  t: number;
  clock: Clock;
  now(): Date;
  advance(ms: number): void;
}

export function virtualTime(maxVirtualMs: number): VirtualTime {
  const time: VirtualTime = {
    t: START,
    now: () => new Date(time.t),
    advance(ms) {
      time.t += ms;
    },
    clock: {
      now: () => time.t,
      async sleep(ms, signal) {
        signal?.throwIfAborted();
        if (time.t + ms - START > maxVirtualMs) {
          throw new Error(`virtual time would pass ${maxVirtualMs} ms: a job did not end`);
        }
        time.t += Math.max(0, ms);
        // Let the loop's other work (and a test's reaction to an event) run between polls.
        await new Promise((resolve) => setImmediate(resolve));
        signal?.throwIfAborted();
      },
    },
  };
  return time;
}

/** An event the tracker raised, with the virtual time it was raised at. */
export type RecordedEvent = {
  [E in keyof TrackerEvents]: { event: E; payload: TrackerEvents[E]; at: number };
}[keyof TrackerEvents];

export const CONN = { wizart: 'test-wizart', broadleaf: 'test-broadleaf', etim: 'test-etim' } as const;

export interface ImportHarness {
  pim: DemoPim;
  /** The demo PIM's own database, for its scenario hooks (forceWizartNextImport, …). */
  demoDb: Database.Database;
  core: Core;
  tracker: ImportTracker;
  time: VirtualTime;
  events: RecordedEvent[];
  dir: string;
  /** Writes a file into the test folder and returns its path. */
  file(name: string, content: string | Uint8Array): string;
  /**
   * Closes tracker and core (as a quit would), runs `whileOff` (the app is not running: read its
   * database file, move time), then opens both again on the same data folder.
   */
  restart(whileOff?: () => void | Promise<void>): Promise<void>;
  /** Rows of import_job read straight from the database file (for use while the app is off). */
  readJobsFile(): { id: number; status: string; stage: string; details: string }[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  maxVirtualMs?: number;
}

const TRACKER_EVENTS = new Set<string>(['job:updated', 'job:finished', 'job:stuck', 'activity:updated']);

async function addConnections(core: Core, pim: DemoPim, secrets: SecretStore, now: () => Date) {
  const c = pim.credentials;
  const db = core.store.db;
  await createConnection(
    db,
    secrets,
    {
      id: CONN.wizart,
      name: 'Wizart',
      kind: 'wizart',
      baseUrl: pim.urls.wizart,
      secrets: { token: c.wizart.token },
    },
    now,
  );
  await createConnection(
    db,
    secrets,
    {
      id: CONN.broadleaf,
      name: 'Broadleaf',
      kind: 'broadleaf',
      baseUrl: pim.urls.broadleaf,
      settings: { user: c.broadleaf.user },
      secrets: { password: c.broadleaf.password },
    },
    now,
  );
  await createConnection(
    db,
    secrets,
    {
      id: CONN.etim,
      name: 'ETIM',
      kind: 'etim',
      baseUrl: pim.urls.etim,
      settings: { user: c.etim.user },
      secrets: { password: c.etim.password },
    },
    now,
  );
}

export async function startImportHarness(opts: HarnessOptions = {}): Promise<ImportHarness> {
  const time = virtualTime(opts.maxVirtualMs ?? 6 * 3600_000);
  const dir = mkdtempSync(join(tmpdir(), 'steward-imports-'));
  const pim = await startDemoPim({ products: 20, now: () => time.t });
  const demoDb = new Database(pim.dataFile);
  const secrets = createMemorySecretStore();
  const events: RecordedEvent[] = [];
  const open = async () => {
    const core = await createCore({ dataDir: join(dir, 'data'), secrets, now: time.now, clock: time.clock });
    // Once core carries its own tracker (core.imports), the tests use that one and core's events.
    const wired = (core as Core & { imports?: ImportTracker }).imports;
    if (wired) {
      core.onEvent((event, payload) => {
        if (TRACKER_EVENTS.has(event)) events.push({ event, payload, at: time.t } as RecordedEvent);
      });
      return { core, tracker: wired };
    }
    const tracker = createImportTracker({
      store: core.store,
      now: time.now,
      clock: time.clock,
      emit: (event: keyof TrackerEvents, payload: unknown) =>
        void events.push({ event, payload, at: time.t } as RecordedEvent),
      connectorFor: (conn) => connectorFor(conn, { secrets, clock: time.clock }),
    });
    return { core, tracker };
  };
  const first = await open();
  await addConnections(first.core, pim, secrets, time.now);
  const h: ImportHarness = {
    pim,
    demoDb,
    ...first,
    time,
    events,
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    async restart(whileOff) {
      await h.tracker.close();
      await h.core.close();
      await whileOff?.();
      Object.assign(h, await open());
    },
    readJobsFile() {
      const db = new Database(join(dir, 'data', DATABASE_FILE), { readonly: true });
      try {
        return db.prepare('SELECT id, status, stage, details FROM import_job ORDER BY id').all() as {
          id: number;
          status: string;
          stage: string;
          details: string;
        }[];
      } finally {
        db.close();
      }
    },
    async close() {
      await h.tracker.close();
      await h.core.close();
      demoDb.close();
      const c = pim.credentials;
      forgetLimiter(limiterKey(pim.urls.wizart, credentialId({ kind: 'bearer', token: c.wizart.token })));
      for (const [url, user, password] of [
        [pim.urls.broadleaf, c.broadleaf.user, c.broadleaf.password],
        [pim.urls.etim, c.etim.user, c.etim.password],
      ] as const) {
        forgetLimiter(limiterKey(url, credentialId({ kind: 'basic', username: user, password })));
      }
      await pim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Every stage change a follower saw, each once, in order. */
export function stagesSeen(events: readonly RecordedEvent[], jobId: number): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.event !== 'job:updated' || e.payload.id !== jobId) continue;
    if (out.at(-1) !== e.payload.stage) out.push(e.payload.stage);
  }
  return out;
}
