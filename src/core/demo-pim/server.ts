/**
 * The demo PIM: one loopback HTTP server simulating the five remote systems of ../shared/seeds
 * over one SQLite file, plus an admin API that scripts it. Started in-process by core for the
 * demo workspace and by `steward demo-pim`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createAdminApi } from './admin/api';
import { createAdminClient, type AdminClient } from './admin/client';
import { generateCatalog, readCatalogMeta } from './catalog/generate';
import { createProductStore, PRODUCT_INDEXES, SCHEMA } from './catalog/store';
import { createEtim, defaultDailyCap, type EtimSettings } from './etim';
import { createFaults, type Faults } from './faults';
import { startHost } from './http-host';
import { createPartnerSystems } from './partners';
import type { DemoMount, DemoSystem, SystemName } from './types';
import { createWexbo } from './wexbo';
import { DEFAULT_WEXBO_SETTINGS, type WexboSettings } from './wexbo/guards';

export interface DemoPimOptions {
  host?: string;
  /** 0 or undefined: an ephemeral port. */
  port?: number;
  /** Catalog size when the data file is new (default 2000). */
  products?: number;
  /** Catalog seed when the data file is new (default 1). */
  seed?: number;
  /** The SQLite file; an existing, fully generated file is reopened as is. Default: a temp file removed on close. */
  dataFile?: string;
  now?: () => number;
  /** better_sqlite3.node for a non-Node ABI (the desktop app's core host runs on Electron's). */
  nativeBinding?: string;
}

export type DemoUrls = Record<SystemName | 'admin', string>;

export interface DemoCredentials {
  wexbo: { token: string };
  etim: { user: string; password: string };
  wizart: { token: string };
  broadleaf: { user: string; password: string };
  printxpand: { consumerKey: string; consumerSecret: string; accessToken: string; accessSecret: string };
  admin: { token: string };
}

export interface DemoPim {
  origin: string;
  urls: DemoUrls;
  credentials: DemoCredentials;
  admin: AdminClient;
  /** The SQLite file, and whether this start generated the catalog (false: reopened). */
  dataFile: string;
  generated: boolean;
  close(): Promise<void>;
}

export const DEMO_CREDENTIALS: DemoCredentials = {
  wexbo: { token: 'demo-wexbo-token' },
  etim: { user: 'demo', password: 'demo-etim' },
  wizart: { token: 'demo-wizart-token' },
  broadleaf: { user: 'admin', password: 'demo' },
  printxpand: {
    consumerKey: 'demo-px-consumer-key',
    consumerSecret: 'demo-px-consumer-secret',
    accessToken: 'demo-px-access-token',
    accessSecret: 'demo-px-access-secret',
  },
  admin: { token: 'demo-admin-token' },
};

function openDatabase(
  file: string,
  products: number,
  seed: number,
  nativeBinding?: string,
): { db: Database.Database; generated: boolean } {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const meta = readCatalogMeta(db);
  if (meta?.status === 'complete') {
    db.exec(SCHEMA);
    db.exec(PRODUCT_INDEXES);
    return { db, generated: false };
  }
  generateCatalog(db, { products, seed });
  return { db, generated: true };
}

/** Counts the status of every answer a system gives (injected ones are counted by the fault layer). */
function counted(system: DemoSystem, faults: Faults): DemoSystem {
  return {
    ...system,
    async handle(req, ctx) {
      const reply = await system.handle(req, ctx);
      faults.recordStatus(system.name, reply.status);
      return reply;
    },
    ...(system.errorReply ? { errorReply: system.errorReply.bind(system) } : {}),
    ...(system.endpointOf ? { endpointOf: system.endpointOf.bind(system) } : {}),
  };
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

export async function startDemoPim(opts: DemoPimOptions = {}): Promise<DemoPim> {
  const now = opts.now ?? Date.now;
  const seed = opts.seed ?? 1;
  const temp = !opts.dataFile;
  const dataFile =
    opts.dataFile ?? path.join(os.tmpdir(), `steward-demo-pim-${process.pid}-${randomUUID()}.sqlite`);
  const { db, generated } = openDatabase(dataFile, opts.products ?? 2000, seed, opts.nativeBinding);
  const credentials = structuredClone(DEMO_CREDENTIALS);

  const store = createProductStore(db, now);
  const faults = createFaults();
  const wexboDefaults: WexboSettings = { ...DEFAULT_WEXBO_SETTINGS, token: credentials.wexbo.token };
  const wexboSettings = { ...wexboDefaults };
  const wexbo = createWexbo({ store, faults, settings: wexboSettings });
  const etimDefaults: EtimSettings = {
    user: credentials.etim.user,
    password: credentials.etim.password,
    dailyCap: defaultDailyCap(store.count()),
    maxIdsPerGet: 100,
    productLimit: null,
  };
  const etimSettings = { ...etimDefaults };
  const etim = createEtim({ store, faults, settings: etimSettings, now, seed });
  const partners = createPartnerSystems(credentials);
  const systems = [wexbo.system, etim.system, partners.wizart, partners.broadleaf, partners.printxpand].map(
    (s) => counted(s, faults),
  );

  const meta = readCatalogMeta(db);
  const admin = createAdminClient({
    store,
    faults,
    wexbo,
    wexboSettings,
    wexboDefaults,
    etim,
    etimSettings,
    etimDefaults,
    catalog: { products: store.count(), seed: meta?.seed ?? seed, generatedAtStart: generated, dataFile },
  });
  const adminMount: DemoMount = createAdminApi(admin, credentials.admin.token);

  let host;
  try {
    host = await startHost(systems, {
      host: opts.host,
      port: opts.port,
      extra: [adminMount],
      before: (mount, req) => faults.before(mount, req),
      contextFor: (mount, baseUrl) => ({
        sqlite: db,
        now,
        baseUrl,
        rejectionFor: (key: string) =>
          mount.name === 'admin' ? undefined : faults.rejectionFor(mount.name, key),
      }),
    });
  } catch (err) {
    db.close();
    if (temp) removeDatabaseFiles(dataFile);
    throw err;
  }

  const urls = Object.fromEntries([...systems, adminMount].map((s) => [s.name, host.urlOf(s)])) as DemoUrls;
  let closed: Promise<void> | undefined;
  return {
    origin: host.origin,
    urls,
    credentials,
    admin,
    dataFile,
    generated,
    close() {
      closed ??= (async () => {
        await host.close();
        await etim.notifier.close();
        db.close();
        if (temp) removeDatabaseFiles(dataFile);
      })();
      return closed;
    },
  };
}
