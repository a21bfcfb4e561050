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
import { StewardError } from '../shared/errors';
import { openStore } from './db/open';
import type { Store } from './db/open';
import { createEventBus } from './events';
import type { EventListener } from './events';
import { getStatus } from './status';
import { createHandlers } from './handlers';
import { createChainedSecretStore, createEnvSecretStore, createFileSecretStore } from './secrets';
import type { SecretStore } from './secrets';
import { startDemoWorkspace } from './demo/workspace';
import type { DemoWorkspace } from './demo/workspace';
import { createSyncService } from './sync/service';
import type { SyncService } from './sync/service';
import type { Clock, HttpTransport } from './net';
import { APP_VERSION } from './version';
import { createPushService } from './push';
import type { PushService } from './push';
import { createImportTracker } from './imports';
import type { ImportTracker } from './imports';
import { connectorFor } from './connectors/registry';
import { systemClock } from './net';
import { createValidationService } from './validation/service';
import type { FileAccess, ValidationService } from './validation/service';
import { createEditor } from './edits/editor';
import { restoreFieldIndexes } from './catalog/field-index';
import { createSearchIndexer, createSearchScheduler } from './catalog/search-index';
import { createLocalFileStore } from './files/local-store';
import type { LocalFileStore } from './files/local-store';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, msg: string, data?: unknown) => void;

export interface CoreOptions {
  dataDir: string;
  appVersion?: string;
  /** better_sqlite3.node built for the host's ABI (Electron), when it is not Node's. */
  nativeBinding?: string;
  log?: Log;
  now?: () => Date;
  /** Where credentials live (desktop: safeStorage). Default: env variables over an encrypted file. */
  secrets?: SecretStore;
  /** Start the embedded demo PIM and its demo connections (the app shells; not the CLI). */
  demo?: boolean | { products?: number };
  clock?: Clock;
  transport?: HttpTransport;
  env?: Readonly<Record<string, string | undefined>>;
  /** Resume following unfinished remote import jobs at start (default true; the CLI says false). */
  followImports?: boolean;
  /** The shell's resolver of dropped, picked or uploaded files (opaque tokens to paths). */
  fileTokens?: FileAccess;
}

export interface Core {
  dispatch: Dispatch;
  handlers: Handlers;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
  dataDir: string;
  databasePath: string;
  store: Store;
  sync: SyncService;
  imports: ImportTracker;
  push: PushService;
  validation: ValidationService;
  /** Uploads and downloads of a shell without file tokens of its own (the web shell); else null. */
  files: LocalFileStore | null;
  demo: DemoWorkspace | null;
}

export const DATABASE_FILE = 'steward.sqlite';
export const SECRETS_FILE = 'secrets.json.enc';

export function defaultSecretStore(
  dataDir: string,
  env: Readonly<Record<string, string | undefined>>,
): SecretStore {
  const file = createFileSecretStore({ file: join(dataDir, SECRETS_FILE), env });
  return createChainedSecretStore([createEnvSecretStore({ env }), file], file);
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const log: Log = opts.log ?? (() => undefined);
  const now = opts.now ?? (() => new Date());
  const env = opts.env ?? process.env;
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
  let secrets = opts.secrets ?? defaultSecretStore(opts.dataDir, env);

  let demo: DemoWorkspace | null = null;
  if (opts.demo) {
    try {
      demo = await startDemoWorkspace({
        db: store.db,
        dataDir: opts.dataDir,
        products: typeof opts.demo === 'object' ? opts.demo.products : undefined,
        now,
        ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
      });
      if (demo) secrets = createChainedSecretStore([demo.secrets, secrets], secrets);
    } catch (err) {
      // The product works without its demo; say why it is missing instead of failing to start.
      log('error', `demo PIM did not start: ${(err as Error).message}`);
    }
  }

  const search = createSearchScheduler(createSearchIndexer(store.sqlite), (msg) => log('warn', msg));
  search.poke(1000);
  // Field indexes a pull dropped before the app stopped are rebuilt in the background.
  restoreFieldIndexes(store.sqlite);
  const statusChanged = () => {
    // Whatever changed the status changed records too: bring the search index up to date.
    search.poke();
    void getStatus(store.db).then(
      (status) => bus.emit('status:changed', status),
      (err: unknown) => log('warn', `status refresh failed: ${String(err)}`),
    );
  };
  const deps = { secrets, clock: opts.clock, transport: opts.transport, env, log };
  const sync = createSyncService({ ...deps, store, now, emit: bus.emit, onChanged: statusChanged });
  const push = createPushService({
    ...deps,
    store,
    now,
    emit: bus.emit,
    onProgress: (p) => bus.emit('push:progress', p),
    onChanged: statusChanged,
    log,
  });
  const imports = createImportTracker({
    store,
    now,
    clock: opts.clock ?? systemClock,
    emit: bus.emit,
    connectorFor: (conn) => connectorFor(conn, deps),
    log,
  });
  const localFiles = opts.fileTokens ? null : createLocalFileStore(join(opts.dataDir, 'files'), now);
  const fileTokens: FileAccess | undefined = opts.fileTokens ?? localFiles ?? undefined;
  const validation = createValidationService({
    store,
    dataDir: opts.dataDir,
    now,
    emit: bus.emit,
    editor: createEditor(store.sqlite, now),
    ...(fileTokens ? { files: fileTokens } : {}),
    onRecordsChanged: () => {
      bus.emit('records:changed', { recordIds: [], all: true });
      statusChanged();
    },
    log: (level, msg) => log(level, msg),
  });
  const handlers = createHandlers({
    ...deps,
    store,
    dataDir: opts.dataDir,
    appVersion: opts.appVersion ?? APP_VERSION,
    now,
    emit: bus.emit,
    sync,
    statusChanged,
    imports,
    push,
    validation,
    ...(fileTokens ? { fileTokens } : {}),
  });
  if (opts.followImports !== false) {
    await imports.resume();
    // Operations a crash left in flight are settled (looked up, then re-sent) before anything else.
    push.resumeInterrupted();
  }
  log('info', `core ready: ${databasePath}${demo ? ` (demo PIM at ${demo.pim.origin})` : ''}`);
  return {
    dispatch: createDispatcher(handlers),
    handlers,
    onEvent: bus.on,
    close: async () => {
      search.close();
      await validation.close();
      await imports.close();
      await push.close();
      await sync.close();
      await demo?.close();
      await store.close();
    },
    dataDir: opts.dataDir,
    databasePath,
    store,
    sync,
    imports,
    push,
    validation,
    files: localFiles,
    demo,
  };
}
