/**
 * The upload queue's service: one push run per connection at a time, in the foreground (`run`, the
 * CLI) or the background (`start`, the UI's "Push"), with pause, resume, cancel and retry-now per
 * connection. A run keeps the connection's status and the activity log, and turns what the remote
 * answered into a sentence a catalog manager can act on.
 */
import type { Connection } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import { startActivity } from '../activity';
import { requireConnection, setConnectionStatus } from '../connections/service';
import { connectorDefinitions, connectorFor } from '../connectors/registry';
import type { Connector } from '../connectors/types';
import { createIngest } from '../mirror/ingest';
import { systemClock } from '../net';
import { createApplier } from './apply';
import type { RunContext, RunStats } from './context';
import { dryRunPush } from './dry-run';
import { classify } from './failures';
import { finishRun } from './finish';
import { createReporter } from './progress';
import type { Reporter } from './progress';
import { createQueueRows } from './rows';
import type { DryRunResult, PushRunResult, PushServiceDeps } from './types';
import { runPush } from './worker';
import type { RunEnd } from './worker';

type StopReason = 'cancel' | 'pause' | 'close';

interface Running {
  controller: AbortController;
  reason: StopReason | null;
  wakers: Set<AbortController>;
}

export function createPushService(deps: PushServiceDeps) {
  const { store } = deps;
  const rows = createQueueRows(store.sqlite);
  const running = new Map<string, Running>();
  const inFlight = new Set<Promise<unknown>>();
  /** Runs started in the background, from `start` until they end (so isRunning is true at once). */
  const launched = new Set<string>();
  /** Stop requests for runs launched but not registered yet. */
  const stopping = new Map<string, StopReason>();
  const clock = deps.options?.retryClock ?? systemClock;
  const log = deps.log ?? (() => undefined);
  const at = () => deps.now().toISOString();

  async function build(conn: Connection): Promise<Connector> {
    const connector = await (deps.connectorFor ?? ((c: Connection) => connectorFor(c, deps)))(conn);
    if (!connector.capabilities.write || !connector.push) {
      throw new StewardError(
        'unavailable',
        `${conn.name} does not accept changes; nothing can be pushed to it.`,
      );
    }
    return connector;
  }

  function context(
    conn: Connection,
    connector: Connector,
    run: Running,
    reporter: Reporter,
    stats: RunStats,
  ) {
    const o = deps.options ?? {};
    const ctx: RunContext = {
      sqlite: store.sqlite,
      connectionId: conn.id,
      connector,
      limits: connector.capabilities.limits,
      signal: run.controller.signal,
      rows,
      applier: createApplier(store.sqlite, {
        at,
        after: (ms) => new Date(clock.now() + ms).toISOString(),
        maxAttempts: o.maxAttempts ?? 10,
      }),
      ingest: createIngest(store.sqlite),
      checked: new Map(),
      created: new Set(),
      adopted: new Set(),
      options: {
        ...o,
        maxAttempts: o.maxAttempts ?? 10,
        maxConsecutiveFailures: o.maxConsecutiveFailures ?? 8,
        preflight: o.preflight ?? true,
      },
      clock,
      stats,
      nowIso: () => new Date(clock.now()).toISOString(),
      at,
      sleep: (ms) => sleepOn(run, ms),
      touched: (ids) => reporter.touched(ids),
      afterBatch: (entity, info) => reporter.batch(entity, info),
      waiting: () => reporter.waiting(),
      log,
    };
    return ctx;
  }

  async function sleepOn(run: Running, ms: number): Promise<boolean> {
    const wake = new AbortController();
    run.wakers.add(wake);
    try {
      await clock.sleep(Math.max(0, ms), AbortSignal.any([run.controller.signal, wake.signal]));
    } catch {
      // Woken (retry now) or aborted: the caller checks which.
    } finally {
      run.wakers.delete(wake);
    }
    return !run.controller.signal.aborted;
  }

  async function execute(conn: Connection, run: Running): Promise<PushRunResult> {
    const stats: RunStats = { sent: 0, rejected: 0, batches: 0, requests: 0, lastError: null, streak: 0 };
    const activityId = await startActivity(
      store.db,
      { kind: 'push', connectionId: conn.id, title: `Push ${conn.name}`, total: rows.pending(conn.id) },
      deps.now,
    );
    const reporter = createReporter({
      connectionId: conn.id,
      db: store.db,
      activityId,
      now: deps.now,
      stats,
      pending: () => rows.pending(conn.id),
      ...(deps.emit ? { emit: deps.emit } : {}),
      ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
      ...(deps.onBatch ? { onBatch: deps.onBatch } : {}),
      ...(deps.onChanged ? { onChanged: deps.onChanged } : {}),
      log,
    });
    let end: RunEnd;
    try {
      const connector = await build(conn);
      end = await runPush(context(conn, connector, run, reporter, stats));
    } catch (err) {
      const f = classify(err, run.controller.signal.aborted);
      if (f.kind === 'abort') end = { kind: 'abort' };
      else if (f.kind === 'stop') end = { kind: 'stop', error: err, message: f.message, status: f.status };
      else end = { kind: 'failed', error: err, message: err instanceof Error ? err.message : String(err) };
      log('warn', `push ${conn.name} ended: ${(err as Error).message}`);
    }
    return finishRun({ db: store.db, rows, at }, conn, run.reason, end, stats, reporter);
  }

  /** Pushes one connection until nothing is due; with `dryRun`, only lists what would be sent. */
  async function run(
    idOrName: string,
    opts: { signal?: AbortSignal; dryRun?: boolean } = {},
  ): Promise<PushRunResult> {
    const conn = await requireConnection(store.db, idOrName);
    if (!connectorDefinitions[conn.kind].capabilities.write) {
      throw new StewardError(
        'unavailable',
        `${conn.name} does not accept changes; nothing can be pushed to it.`,
      );
    }
    if (opts.dryRun) return dryRunResult(conn, await dryRunPush(store.sqlite, conn));
    if (running.has(conn.id)) {
      throw new StewardError('conflict', `${conn.name} is already pushing. Wait for it or cancel it first.`);
    }
    if (conn.status === 'paused') {
      return {
        connectionId: conn.id,
        status: 'paused',
        sent: 0,
        rejected: 0,
        pending: rows.pending(conn.id),
        conflicts: rows.conflicts(conn.id),
        batches: 0,
        requests: 0,
        message: `${conn.name} is paused${conn.lastError ? ` (${conn.lastError})` : ''}. Resume it to send the queued changes.`,
      };
    }
    const entry: Running = { controller: new AbortController(), reason: null, wakers: new Set() };
    running.set(conn.id, entry);
    const early = stopping.get(conn.id);
    stopping.delete(conn.id);
    if (early) abortRun(entry, early);
    const onAbort = () => entry.controller.abort(new StewardError('unavailable', 'Push cancelled.'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await execute(conn, entry);
    } finally {
      running.delete(conn.id);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  function dryRunResult(conn: Connection, dry: DryRunResult): PushRunResult {
    const ops = Object.values(dry.operations).reduce((a, b) => a + b, 0);
    return {
      connectionId: conn.id,
      status: 'succeeded',
      sent: 0,
      rejected: 0,
      pending: rows.pending(conn.id),
      conflicts: dry.conflicts,
      batches: 0,
      requests: 0,
      message: `${conn.name}: dry run, ${dry.requests.length} request(s) for ${ops} operation(s) would be sent.`,
      dryRun: dry,
    };
  }

  function abortRun(r: Running, reason: StopReason): void {
    r.reason = reason;
    r.controller.abort(
      new StewardError('unavailable', `Push ${reason === 'pause' ? 'paused' : 'cancelled'}.`),
    );
  }

  function stopRun(connectionId: string, reason: StopReason): boolean {
    const r = running.get(connectionId);
    if (r) abortRun(r, reason);
    // Started in the background but not registered yet: it stops as soon as it is.
    else if (launched.has(connectionId)) stopping.set(connectionId, reason);
    return Boolean(r) || launched.has(connectionId);
  }

  function start(connectionId: string): boolean {
    if (running.has(connectionId) || launched.has(connectionId)) return false;
    launched.add(connectionId);
    const p = run(connectionId).catch((err: unknown) => log('warn', `push ${connectionId}: ${String(err)}`));
    inFlight.add(p);
    void p.finally(() => {
      inFlight.delete(p);
      launched.delete(connectionId);
      stopping.delete(connectionId);
    });
    return true;
  }

  return {
    run,
    start,
    dryRun: async (idOrName: string) => dryRunPush(store.sqlite, await requireConnection(store.db, idOrName)),
    isRunning: (connectionId: string) => running.has(connectionId) || launched.has(connectionId),
    /** Stops the connection's push and keeps it from sending until `resume`. */
    async pause(idOrName: string): Promise<{ paused: true; wasRunning: boolean }> {
      const conn = await requireConnection(store.db, idOrName);
      await setConnectionStatus(
        store.db,
        conn.id,
        'paused',
        'Paused by the user. Resume to send the queued changes.',
      );
      rows.pause(conn.id, at());
      const wasRunning = stopRun(conn.id, 'pause');
      deps.onChanged?.();
      return { paused: true, wasRunning };
    },
    async resume(idOrName: string): Promise<{ resumed: boolean; started: boolean }> {
      const conn = await requireConnection(store.db, idOrName);
      const resumed = conn.status === 'paused';
      if (resumed) await setConnectionStatus(store.db, conn.id, 'online', null);
      rows.unpause(conn.id, at());
      const started = start(conn.id);
      deps.onChanged?.();
      return { resumed, started };
    },
    /** Stops running pushes now; what they did not send stays queued. */
    cancel(connectionId?: string): number {
      let n = 0;
      for (const id of new Set([...running.keys(), ...launched]))
        if (!connectionId || id === connectionId) n += stopRun(id, 'cancel') ? 1 : 0;
      return n;
    },
    /** Retrying and rejected operations go again now (a rejection the remote has since lifted). */
    async retryNow(idOrName: string): Promise<{ requeued: number; started: boolean }> {
      const conn = await requireConnection(store.db, idOrName);
      const requeued = rows.retryNow(conn.id, at());
      const r = running.get(conn.id);
      r?.wakers.forEach((w) => w.abort());
      const started = !r && conn.status !== 'paused' ? start(conn.id) : false;
      deps.onChanged?.();
      return { requeued, started };
    },
    /** After a crash: connections with rows left 'sending' push again (lookups first), unless paused. */
    resumeInterrupted(): string[] {
      const ids = store.sqlite
        .prepare(
          `SELECT DISTINCT o.connection_id AS id FROM outbox o JOIN connection c ON c.id = o.connection_id
          WHERE o.state = 'sending' AND c.status <> 'paused'`,
        )
        .all() as { id: string }[];
      return ids.map((r) => r.id).filter((id) => start(id));
    },
    async close(): Promise<void> {
      for (const id of new Set([...running.keys(), ...launched])) stopRun(id, 'close');
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type PushService = ReturnType<typeof createPushService>;
