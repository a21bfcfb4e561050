/**
 * Runs syncs per connection: builds the connector, pulls every readable entity in order, keeps the
 * activity log and the connection's status, and turns remote failures into messages a catalog
 * manager can act on. One run per connection at a time; runs can be cancelled.
 */
import type { Connection, ConnectionStatus } from '../../shared/domain';
import type { Emit } from '../../shared/contract';
import { StewardError } from '../../shared/errors';
import type { Store } from '../db/open';
import { startActivity, updateActivity } from '../activity';
import { requireConnection, setConnectionStatus } from '../connections/service';
import { connectorFor } from '../connectors/registry';
import type { ConnectorDeps } from '../connectors/registry';
import { isHttpError } from '../net';
import type { Clock } from '../net';
import { pullEntity } from './engine';
import type { PullProgress, PullSummary } from './engine';

export interface SyncRunResult {
  connectionId: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  entities: Record<string, PullSummary>;
  message: string | null;
}

export interface SyncServiceDeps extends ConnectorDeps {
  store: Store;
  now: () => Date;
  emit: Emit;
  clock?: Clock;
  /** Called after each run so the status bar refreshes. */
  onChanged?: () => void;
}

/** The connection state and the sentence shown for a failure (status bar, Connections, CLI). */
export function describeFailure(err: unknown): { status: ConnectionStatus; message: string } {
  if (isHttpError(err)) {
    const said = err.serverMessage ? ` The server said: "${err.serverMessage}".` : '';
    switch (err.kind) {
      case 'unauthorized':
        return {
          status: 'stopped',
          message: `The remote refused the credentials (401).${said} Check the token or password and sync again; PIM Steward does not retry sign-ins, so the account is never locked by it.`,
        };
      case 'locked':
        return {
          status: 'stopped',
          message: `The remote account is locked (423: too many failed sign-ins, a disallowed IP address or an expired token).${said} Unlock it in the PIM, then sync again.`,
        };
      case 'payment_required':
        return {
          status: 'paused',
          message: `The remote has no credit left (402).${said} Top up the credit, then resume.`,
        };
      case 'maintenance':
        return {
          status: 'offline',
          message: `The remote is in maintenance (503) and did not come back in time. Try again later.`,
        };
      case 'rate_limited':
        return {
          status: 'offline',
          message: `The remote kept answering "too many requests" (429). Try again later.`,
        };
      case 'transient':
        return { status: 'offline', message: `Cannot reach the remote: ${err.message}` };
      default:
        return { status: 'error', message: err.message };
    }
  }
  if (err instanceof StewardError) {
    return { status: err.code === 'unauthorized' ? 'stopped' : 'error', message: err.message };
  }
  return { status: 'error', message: err instanceof Error ? err.message : String(err) };
}

export function createSyncService(deps: SyncServiceDeps) {
  const running = new Map<string, AbortController>();
  const inFlight = new Set<Promise<unknown>>();

  async function run(
    idOrName: string,
    opts: { full?: boolean; signal?: AbortSignal } = {},
  ): Promise<SyncRunResult> {
    const conn: Connection = await requireConnection(deps.store.db, idOrName);
    if (running.has(conn.id)) {
      throw new StewardError('conflict', `${conn.name} is already syncing. Wait for it or cancel it first.`);
    }
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    running.set(conn.id, controller);
    const activityId = await startActivity(
      deps.store.db,
      { kind: 'sync', connectionId: conn.id, title: `Sync ${conn.name}` },
      deps.now,
    );
    const result: SyncRunResult = { connectionId: conn.id, status: 'succeeded', entities: {}, message: null };
    let lastEmit = 0;
    let lastProgress: PullProgress | null = null;
    const endProgress = (state: 'failed' | 'cancelled') => {
      if (lastProgress) deps.emit('sync:progress', { ...lastProgress, rate: 0, etaSeconds: null, state });
    };
    try {
      const connector = await connectorFor(conn, deps);
      const caps = connector.capabilities;
      if (!caps.read || !connector.pull) {
        // Push- and import-only systems: a sync is a reachability and credentials check.
        await connector.probe?.(controller.signal);
      } else {
        for (const entity of caps.entities) {
          let base = 0;
          for (const s of Object.values(result.entities)) base += s.records;
          result.entities[entity] = await pullEntity({
            sqlite: deps.store.sqlite,
            connector,
            connectionId: conn.id,
            entity,
            full: opts.full,
            signal: controller.signal,
            now: deps.now,
            clock: deps.clock,
            onProgress: (p) => {
              lastProgress = p;
              deps.emit('sync:progress', { ...p, state: 'running' });
              const t = Date.now();
              if (t - lastEmit > 500) {
                lastEmit = t;
                void updateActivity(
                  deps.store.db,
                  activityId,
                  { done: base + p.done, message: `${entity}: ${p.done}${p.total ? ` of ${p.total}` : ''}` },
                  deps.now,
                ).then((entry) => deps.emit('activity:updated', entry));
              }
            },
          });
        }
      }
      const total = Object.values(result.entities).reduce((s, e) => s + e.records, 0);
      for (const [entity, summary] of Object.entries(result.entities)) {
        deps.emit('sync:progress', {
          connectionId: conn.id,
          entity,
          done: summary.records,
          total: summary.records,
          rate: 0,
          etaSeconds: 0,
          state: 'done',
        });
      }
      await setConnectionStatus(deps.store.db, conn.id, 'online', null, deps.now().toISOString());
      const entry = await updateActivity(
        deps.store.db,
        activityId,
        { status: 'succeeded', done: total, message: `${total} records` },
        deps.now,
      );
      deps.emit('activity:updated', entry);
    } catch (err) {
      endProgress(controller.signal.aborted ? 'cancelled' : 'failed');
      if (controller.signal.aborted) {
        result.status = 'cancelled';
        result.message = 'Cancelled; the next sync resumes where this one stopped.';
        await setConnectionStatus(
          deps.store.db,
          conn.id,
          conn.status === 'unknown' ? 'unknown' : conn.status,
          null,
        );
        deps.emit(
          'activity:updated',
          await updateActivity(
            deps.store.db,
            activityId,
            { status: 'cancelled', message: result.message },
            deps.now,
          ),
        );
      } else {
        const failure = describeFailure(err);
        result.status = 'failed';
        result.message = failure.message;
        await setConnectionStatus(deps.store.db, conn.id, failure.status, failure.message);
        deps.emit(
          'activity:updated',
          await updateActivity(
            deps.store.db,
            activityId,
            { status: 'failed', message: failure.message },
            deps.now,
          ),
        );
      }
    } finally {
      running.delete(conn.id);
      opts.signal?.removeEventListener('abort', onAbort);
      deps.onChanged?.();
    }
    return result;
  }

  return {
    run,
    /** Starts a run in the background (the UI's "Sync now"); failures land in the activity log. */
    start(idOrName: string, opts: { full?: boolean } = {}): void {
      const p = run(idOrName, opts).catch(() => undefined);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    },
    cancel(connectionId?: string): number {
      let n = 0;
      for (const [id, controller] of running) {
        if (!connectionId || id === connectionId) {
          controller.abort();
          n++;
        }
      }
      return n;
    },
    isRunning: (connectionId: string) => running.has(connectionId),
    /** Cancels every run and waits for them to store their cursors. */
    async close(): Promise<void> {
      for (const controller of running.values()) controller.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
