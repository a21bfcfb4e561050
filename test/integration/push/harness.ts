/**
 * Push tests run the real core (createCore on a temp data dir with the demo PIM and its demo
 * connections), edit through the contract, and push with a real push service built on the core's
 * store and the demo's credentials. The only thing replaced is time for retries: the service's
 * retry clock jumps instead of sleeping, so backoff and Retry-After never cost a test real time
 * (the HTTP layer's own limiter still runs on the wall clock at the connector's 5 requests/s).
 *
 *   const h = await startPushHarness();
 *   await h.core.sync.run('demo-wexbo');
 *   await h.call('edits:setField', { recordIds: h.recordIds('demo-wexbo', 3), path: 'price', value: 9.5 });
 *   const result = await h.push('demo-wexbo');
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../src/core';
import type { Core } from '../../../src/core';
import type { DemoPim } from '../../../src/core/demo-pim';
import { credentialId, forgetLimiter, limiterKey } from '../../../src/core/net';
import type { Clock } from '../../../src/core/net';
import { createPushService } from '../../../src/core/push';
import type {
  BatchInfo,
  PushOptions,
  PushProgress,
  PushRunResult,
  PushService,
  PushServiceDeps,
} from '../../../src/core/push';
import { createMemorySecretStore } from '../../../src/core/secrets';
import { createCaller } from '../../../src/shared/rpc';
import type { Caller } from '../../../src/shared/rpc';

export interface JumpClock extends Clock {
  /** Total time slept so far. */
  slept(): number;
}

/** A clock whose sleeps return at once and move its time forward (aborts are honoured). */
export function jumpClock(): JumpClock {
  let offset = 0;
  let slept = 0;
  return {
    now: () => Date.now() + offset,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        offset += Math.max(0, ms);
        slept += Math.max(0, ms);
        setImmediate(() => (signal?.aborted ? reject(signal.reason) : resolve()));
      }),
    slept: () => slept,
  };
}

export interface OutboxView {
  recordId: number;
  op: string;
  state: string;
  attempts: number;
  lastError: string | null;
  sentRevision: number | null;
  revision: number;
}

export interface PushHarness {
  core: Core;
  call: Caller;
  pim: DemoPim;
  clock: JumpClock;
  progress: PushProgress[];
  batches: BatchInfo[];
  events: { event: string; payload: unknown }[];
  service(options?: PushOptions, extra?: Partial<PushServiceDeps>): PushService;
  push(connectionId: string, options?: PushOptions): Promise<PushRunResult>;
  /** Ids of `n` mirrored records of `entity` (default products) in remote id order. */
  recordIds(connectionId: string, n: number, offset?: number, entity?: string): number[];
  remoteId(recordId: number): string | null;
  outbox(connectionId: string): OutboxView[];
  record(recordId: number):
    | {
        state: string;
        base: Record<string, unknown> | null;
        local: Record<string, unknown> | null;
        remoteId: string | null;
      }
    | undefined;
  close(): Promise<void>;
}

export async function startPushHarness(opts: { products?: number } = {}): Promise<PushHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'steward-push-'));
  const core = await createCore({
    dataDir: dir,
    demo: { products: opts.products ?? 200 },
    secrets: createMemorySecretStore(),
  });
  const pim = core.demo?.pim;
  if (!pim) throw new Error('the demo PIM did not start');
  // The tests are not about the server's rate window; the client still keeps the declared 5/s.
  pim.admin.setWexboLimits({ ratePerSecond: 50 });
  const clock = jumpClock();
  const progress: PushProgress[] = [];
  const batches: BatchInfo[] = [];
  const events: { event: string; payload: unknown }[] = [];
  const services: PushService[] = [];
  const service = (options: PushOptions = {}, extra: Partial<PushServiceDeps> = {}): PushService => {
    const s = createPushService({
      store: core.store,
      secrets: core.demo!.secrets,
      now: () => new Date(),
      emit: (event, payload) => events.push({ event, payload }),
      onProgress: (p) => progress.push(p),
      onBatch: (b) => batches.push(b),
      options: { retryClock: clock, random: () => 0.5, ...options },
      ...extra,
    });
    services.push(s);
    return s;
  };
  const sqlite = core.store.sqlite;
  return {
    core,
    call: createCaller(core.dispatch),
    pim,
    clock,
    progress,
    batches,
    events,
    service,
    push: (connectionId, options) => service(options).run(connectionId),
    recordIds: (connectionId, n, offset = 0, entity = 'products') =>
      (
        sqlite
          .prepare(
            `SELECT id FROM record WHERE connection_id = ? AND entity = ? AND remote_id IS NOT NULL ORDER BY CAST(remote_id AS INTEGER), remote_id LIMIT ? OFFSET ?`,
          )
          .all(connectionId, entity, n, offset) as { id: number }[]
      ).map((r) => r.id),
    remoteId: (recordId) =>
      (
        sqlite.prepare(`SELECT remote_id FROM record WHERE id = ?`).get(recordId) as
          { remote_id: string | null } | undefined
      )?.remote_id ?? null,
    outbox: (connectionId) =>
      (
        sqlite
          .prepare(
            `SELECT record_id, op, state, attempts, last_error, sent_revision, revision FROM outbox WHERE connection_id = ? ORDER BY id`,
          )
          .all(connectionId) as {
          record_id: number;
          op: string;
          state: string;
          attempts: number;
          last_error: string | null;
          sent_revision: number | null;
          revision: number;
        }[]
      ).map((r) => ({
        recordId: r.record_id,
        op: r.op,
        state: r.state,
        attempts: r.attempts,
        lastError: r.last_error,
        sentRevision: r.sent_revision,
        revision: r.revision,
      })),
    record: (recordId) => {
      const r = sqlite
        .prepare(`SELECT state, base, local, remote_id FROM record WHERE id = ?`)
        .get(recordId) as
        { state: string; base: string | null; local: string | null; remote_id: string | null } | undefined;
      if (!r) return undefined;
      return {
        state: r.state,
        base: r.base === null ? null : (JSON.parse(r.base) as Record<string, unknown>),
        local: r.local === null ? null : (JSON.parse(r.local) as Record<string, unknown>),
        remoteId: r.remote_id,
      };
    },
    async close() {
      for (const s of services) await s.close();
      const c = pim.credentials;
      forgetLimiter(limiterKey(pim.urls.wexbo, credentialId({ kind: 'bearer', token: c.wexbo.token })));
      forgetLimiter(
        limiterKey(
          pim.urls.etim,
          credentialId({ kind: 'basic', username: c.etim.user, password: c.etim.password }),
        ),
      );
      forgetLimiter(
        limiterKey(
          pim.urls.printxpand,
          credentialId({
            kind: 'oauth1',
            consumerKey: c.printxpand.consumerKey,
            consumerSecret: c.printxpand.consumerSecret,
            token: c.printxpand.accessToken,
            tokenSecret: c.printxpand.accessSecret,
          }),
        ),
      );
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
