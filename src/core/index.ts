/**
 * Core: everything the product does, as plain Node with all I/O passed in. Shells (Electron main's
 * utility process, the web host, the CLI) create one core per data folder and talk to it only through
 * `dispatch` and `onEvent`, which speak the contract of src/shared/contract.ts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../shared/contract';
import { createDispatcher } from '../shared/rpc';
import type { Dispatch } from '../shared/rpc';
import { PRODUCT_NAME } from '../shared/data-dir';
import { StewardError } from '../shared/errors';
import { openStore } from './db/open';
import type { Store } from './db/open';
import { LATEST_SCHEMA_VERSION, schemaVersion } from './db/migrate';
import { listConnections } from './db/tables/connection';
import { createEventBus } from './events';
import type { EventListener } from './events';
import { getCatalogSummary, getStatus } from './status';
import { getSettings, updateSettings } from './settings';
import { listActivity, listChanges, listConflicts, listImportJobs, listValidationRuns } from './lists';
import { APP_VERSION } from './version';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, msg: string, data?: unknown) => void;

export interface CoreOptions {
  dataDir: string;
  appVersion?: string;
  /** better_sqlite3.node built for the host's ABI (Electron), when it is not Node's. */
  nativeBinding?: string;
  log?: Log;
  now?: () => Date;
}

export interface Core {
  dispatch: Dispatch;
  handlers: Handlers;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
  dataDir: string;
  databasePath: string;
  store: Store;
}

export const DATABASE_FILE = 'steward.sqlite';

export function createHandlers(
  store: Store,
  ctx: {
    dataDir: string;
    appVersion: string;
    now: () => Date;
    emit: ReturnType<typeof createEventBus>['emit'];
  },
): Handlers {
  const { db } = store;
  return {
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
    'catalog:getSummary': () => getCatalogSummary(db),
    'changes:list': (input) => listChanges(db, input.connectionId, input.limit),
    'conflicts:list': (input) => listConflicts(db, input.connectionId, input.limit),
    'imports:listJobs': (input) => listImportJobs(db, input.connectionId),
    'validation:listRuns': () => listValidationRuns(db),
    'activity:list': (input) => listActivity(db, input.limit),
    'settings:get': () => getSettings(db),
    'settings:update': async (input) => {
      const next = await updateSettings(db, input, ctx.now);
      ctx.emit('settings:changed', next);
      return next;
    },
  };
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const log: Log = opts.log ?? (() => undefined);
  const now = opts.now ?? (() => new Date());
  try {
    mkdirSync(opts.dataDir, { recursive: true });
  } catch (err) {
    throw new StewardError(
      'unavailable',
      `Cannot create the data folder ${opts.dataDir}: ${(err as Error).message}`,
    );
  }
  const databasePath = join(opts.dataDir, DATABASE_FILE);
  const store = openStore(databasePath, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  const bus = createEventBus((msg) => log('warn', msg));
  const handlers = createHandlers(store, {
    dataDir: opts.dataDir,
    appVersion: opts.appVersion ?? APP_VERSION,
    now,
    emit: bus.emit,
  });
  log('info', `core ready: ${databasePath}`);
  return {
    dispatch: createDispatcher(handlers),
    handlers,
    onEvent: bus.on,
    close: () => store.close(),
    dataDir: opts.dataDir,
    databasePath,
    store,
  };
}
