/**
 * The push:* channels, for src/core/handlers.ts to spread in once src/shared/contract.ts declares
 * them (the zod schemas are in the push report). Typed here without the contract so this file
 * compiles before and after.
 */
import { listConnections } from '../db/tables/connection';
import { requireConnection } from '../connections/service';
import { connectorDefinitions } from '../connectors/registry';
import type { Store } from '../db/open';
import type { PushService } from './service';
import type { DryRunResult } from './types';

export interface PushHandlerContext {
  store: Store;
  push: PushService;
  statusChanged: () => void;
}

export function createPushHandlers(ctx: PushHandlerContext) {
  const { db, sqlite } = ctx.store;
  const hasPending = (id: string): boolean =>
    sqlite
      .prepare(
        `SELECT 1 FROM outbox WHERE connection_id = ? AND state IN ('queued', 'retrying', 'sending') LIMIT 1`,
      )
      .get(id) !== undefined;
  return {
    /** Starts pushing one connection, or every writable one with something queued. */
    'push:start': async ({ connectionId }: { connectionId?: string }): Promise<{ started: string[] }> => {
      const targets = connectionId
        ? [await requireConnection(db, connectionId)]
        : (await listConnections(db)).filter(
            (c) =>
              connectorDefinitions[c.kind].capabilities.write && c.status !== 'paused' && hasPending(c.id),
          );
      return { started: targets.filter((c) => ctx.push.start(c.id)).map((c) => c.id) };
    },
    'push:pause': ({ connectionId }: { connectionId: string }) => ctx.push.pause(connectionId),
    'push:resume': ({ connectionId }: { connectionId: string }) => ctx.push.resume(connectionId),
    'push:cancel': ({ connectionId }: { connectionId?: string }): { cancelled: number } => ({
      cancelled: ctx.push.cancel(connectionId),
    }),
    'push:retryNow': ({ connectionId }: { connectionId: string }) => ctx.push.retryNow(connectionId),
    'push:dryRun': ({ connectionId }: { connectionId: string }): Promise<DryRunResult> =>
      ctx.push.dryRun(connectionId),
  };
}
