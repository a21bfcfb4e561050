/**
 * Starts one demo system on 127.0.0.1:0 over a temp SQLite file with a fake clock, the way the
 * demo PIM host does, so system tests talk real HTTP to real storage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startHost } from '../../../src/core/demo-pim/http-host';
import type { Host } from '../../../src/core/demo-pim/http-host';
import type { DemoSystem } from '../../../src/core/demo-pim/types';

export interface FakeClock {
  now: number;
  advance(ms: number): void;
}

export interface SystemHarness {
  /** Base URL of the system's mount, e.g. http://127.0.0.1:1234/wizart */
  url: string;
  origin: string;
  db: Database.Database;
  clock: FakeClock;
  /** Closes server and database and starts again on the same data file (optionally a new system). */
  restart(next?: DemoSystem): Promise<void>;
  close(): Promise<void>;
}

export const START_MS = Date.UTC(2024, 2, 1, 9, 0, 0);

export async function startSystem(
  system: DemoSystem,
  opts: { rejectionFor?: (key: string) => string | undefined } = {},
): Promise<SystemHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `demo-${system.name}-`));
  const file = path.join(dir, 'demo.sqlite');
  const clock: FakeClock = {
    now: START_MS,
    advance(ms) {
      this.now += ms;
    },
  };
  let db = new Database(file);
  let host: Host;
  let current = system;
  const open = async () => {
    host = await startHost([current], {
      contextFor: (_s, baseUrl) => ({
        sqlite: db,
        now: () => clock.now,
        baseUrl,
        rejectionFor: opts.rejectionFor,
      }),
    });
  };
  await open();
  const harness: SystemHarness = {
    get url() {
      return host.urlOf(current);
    },
    get origin() {
      return host.origin;
    },
    get db() {
      return db;
    },
    clock,
    async restart(next) {
      await host.close();
      db.close();
      db = new Database(file);
      if (next) current = next;
      await open();
    },
    async close() {
      await host.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
