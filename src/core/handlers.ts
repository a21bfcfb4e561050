/** The contract's channels, implemented by core's modules. One line per channel where possible. */
import type { Channel, Emit, Handlers } from '../shared/contract';
import { StewardError } from '../shared/errors';
import type { ImportTracker } from './imports';
import type { PushService } from './push';
import { createPushHandlers } from './push';
import { PRODUCT_NAME } from '../shared/data-dir';
import type { Store } from './db/open';
import { LATEST_SCHEMA_VERSION, schemaVersion } from './db/migrate';
import { listConnections } from './db/tables/connection';
import { getCatalogSummary, getStatus } from './status';
import { getSettings, updateSettings } from './settings';
import { listActivity, listChanges, listConflicts, listImportJobs, listValidationRuns } from './lists';
import {
  createConnection,
  removeConnection,
  requireConnection,
  updateConnection,
} from './connections/service';
import { getConnectionDetail } from './connections/detail';
import { connectorDefinitions, connectorFor } from './connectors/registry';
import type { ConnectorDeps } from './connectors/registry';
import { dismissDemoIfEmpty } from './demo/workspace';
import { getRecord, resolveConflict } from './mirror/records';
import { createEditHandlers } from './edits/handlers';
import { createCatalogHandlers } from './catalog/handlers';
import { fieldIndexBuildEnded } from './catalog/field-index';
import type { SyncService } from './sync/service';
import type { FileAccess, ValidationService } from './validation/service';
import { describeFailure } from './sync/service';

export interface HandlerContext extends ConnectorDeps {
  store: Store;
  dataDir: string;
  appVersion: string;
  now: () => Date;
  emit: Emit;
  sync: SyncService;
  /** Recomputes the status bar and tells every shell. */
  statusChanged: () => void;
  imports: ImportTracker;
  push: PushService;
  /** Turns opaque file tokens (desktop drops and dialogs, web uploads) into paths. */
  fileTokens?: FileAccess;
  validation: ValidationService;
}

async function resolveFile(ctx: HandlerContext, token: string): Promise<string> {
  // A validation run's own file (e.g. a corrected copy) goes to an importer like a dropped one.
  const runFile = await ctx.validation.resolveRunFile(token);
  if (runFile) return runFile;
  if (!ctx.fileTokens) {
    throw new StewardError(
      'unavailable',
      'This window cannot hand files to core; use the desktop app or the CLI.',
    );
  }
  return ctx.fileTokens.resolve(token, 'read');
}

/** The channels a person uses to change records: they wait for a field index build first. */
const RECORD_WRITES = [
  'edits:apply',
  'edits:setField',
  'edits:findReplace',
  'edits:fillDown',
  'edits:pasteTsv',
  'edits:undo',
  'edits:redo',
  'edits:revert',
  'records:create',
  'records:delete',
  'records:restore',
  'conflicts:resolve',
  'validation:apply',
] as const satisfies readonly Channel[];

/**
 * Record-writing channels start once the field index build running now has ended
 * (fieldIndexBuildEnded): core keeps answering meanwhile, where SQLite's busy wait would hold its
 * thread. Calls keep their order: each waits on the same build, in the order they came.
 */
function afterIndexBuilds(handlers: Handlers, sqlite: Store['sqlite']): Handlers {
  const out: Record<string, unknown> = { ...handlers };
  for (const channel of RECORD_WRITES) {
    const handler = handlers[channel] as (input: unknown) => unknown;
    out[channel] = async (input: unknown) => {
      await fieldIndexBuildEnded(sqlite);
      return handler(input);
    };
  }
  return out as Handlers;
}

export function createHandlers(ctx: HandlerContext): Handlers {
  return afterIndexBuilds(channelHandlers(ctx), ctx.store.sqlite);
}

function channelHandlers(ctx: HandlerContext): Handlers {
  const { store } = ctx;
  const { db } = store;
  const changed = <T>(value: T): T => {
    ctx.statusChanged();
    return value;
  };
  return {
    ...createEditHandlers(ctx),
    ...createCatalogHandlers(ctx),
    ...createPushHandlers({ store, push: ctx.push, statusChanged: ctx.statusChanged }),
    'app:getInfo': async () => ({
      appName: PRODUCT_NAME,
      appVersion: ctx.appVersion,
      dataDir: ctx.dataDir,
      databasePath: store.path,
      schemaVersion: schemaVersion(store.sqlite),
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      platform: process.platform,
      connections: (await listConnections(db)).length,
    }),
    'app:getStatus': () => getStatus(db),
    'connections:list': () => listConnections(db),
    'connections:create': async (input) => changed(await createConnection(db, ctx.secrets, input, ctx.now)),
    'connections:update': async ({ connectionId, ...patch }) =>
      changed(await updateConnection(db, ctx.secrets, connectionId, patch)),
    'connections:remove': async ({ connectionId }) => {
      const conn = await requireConnection(db, connectionId);
      ctx.sync.cancel(conn.id);
      ctx.push.cancel(conn.id);
      await removeConnection(db, ctx.secrets, conn.id, connectorDefinitions[conn.kind].secretFields);
      if (conn.demo) await dismissDemoIfEmpty(db, ctx.now);
      return changed({ removed: true as const });
    },
    'connections:test': async ({ connectionId }) => {
      const conn = await requireConnection(db, connectionId);
      try {
        const connector = await connectorFor(conn, ctx);
        await connector.probe?.(AbortSignal.timeout(30_000));
        return { ok: true, message: `${conn.name} answered and accepted the credentials.` };
      } catch (err) {
        return { ok: false, message: describeFailure(err).message };
      }
    },
    'connections:getDetail': ({ connectionId }) =>
      getConnectionDetail(store, connectionId, ctx.sync.isRunning),
    'sync:start': async ({ connectionId, full }) => {
      const targets = connectionId ? [await requireConnection(db, connectionId)] : await listConnections(db);
      const started = targets.filter((c) => !ctx.sync.isRunning(c.id)).map((c) => c.id);
      for (const id of started) ctx.sync.start(id, { full });
      return { started };
    },
    'sync:cancel': ({ connectionId }) => ({ cancelled: ctx.sync.cancel(connectionId) }),
    'records:get': (input) => getRecord(store.sqlite, input),
    'conflicts:resolve': (input) => changed(resolveConflict(store.sqlite, input, ctx.now)),
    'catalog:getSummary': () => getCatalogSummary(db),
    'changes:list': (input) => listChanges(db, input.connectionId, input.limit),
    'conflicts:list': (input) => listConflicts(db, input.connectionId, input.limit),
    'imports:listJobs': (input) => listImportJobs(db, input.connectionId),
    'validation:listRuns': () => listValidationRuns(db),
    'validation:listTemplates': (input) => ctx.validation.listTemplates(input),
    'validation:start': (input) => ctx.validation.start(input),
    'validation:cancel': (input) => ctx.validation.cancel(input),
    'validation:getRun': (input) => ctx.validation.getRun(input),
    'validation:getIssues': (input) => ctx.validation.getIssues(input),
    'validation:getRows': (input) => ctx.validation.getRows(input),
    'validation:fix': (input) => ctx.validation.fix(input),
    'validation:diff': (input) => ctx.validation.diff(input),
    'validation:apply': (input) => ctx.validation.apply(input),
    'validation:export': (input) => ctx.validation.export(input),
    'activity:list': (input) => listActivity(db, input.limit),
    'imports:start': async ({ connectionId, files, images, type, options }) => {
      const path = async (ref: { fileToken: string }) => ({ path: await resolveFile(ctx, ref.fileToken) });
      return ctx.imports.start(connectionId, {
        files: await Promise.all(files.map(path)),
        ...(images ? { images: await path(images) } : {}),
        ...(type ? { type } : {}),
        ...(options ? { options } : {}),
      });
    },
    'imports:runSynchronization': ({ connectionId, triggerId }) =>
      ctx.imports.runSynchronization(connectionId, triggerId),
    'imports:getJob': ({ jobId }) => ctx.imports.getJob(jobId),
    'imports:cancel': ({ jobId }) => ctx.imports.cancel(jobId),
    'settings:get': () => getSettings(db),
    'settings:update': async (input) => {
      const next = await updateSettings(db, input, ctx.now);
      ctx.emit('settings:changed', next);
      return next;
    },
  };
}
