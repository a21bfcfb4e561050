/**
 * The catalog summary and the status bar read counts from indexes only (status.ts); they must still
 * count every record: sent ones, new ones without a remote id, edited, conflicted and deleted ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/db/open';
import type { Store } from '../../../src/core/db/open';
import { getCatalogSummary, getStatus } from '../../../src/core/status';

const AT = '2026-12-03T10:00:00.000Z';

describe('catalog summary counts', () => {
  let dir: string;
  let store: Store;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-summary-'));
    store = openStore(join(dir, 'db.sqlite'));
    const { sqlite } = store;
    const conn = sqlite.prepare(
      `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES (?, ?, ?, 'http://127.0.0.1:9', ?)`,
    );
    conn.run('w', 'Shop', 'wexbo', AT);
    conn.run('p', 'Print', 'printxpand', AT);
    const rec = sqlite.prepare(
      `INSERT INTO record (connection_id, entity, remote_id, base, local, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const doc = JSON.stringify({ name: 'x' });
    for (let i = 0; i < 5; i++) rec.run('w', 'products', String(i), doc, null, 'clean', AT);
    rec.run('w', 'products', '10', doc, doc, 'dirty', AT);
    rec.run('w', 'products', '11', doc, doc, 'conflict', AT);
    rec.run('w', 'products', '12', doc, null, 'deleted-remote', AT);
    rec.run('w', 'products', null, null, doc, 'new', AT);
    rec.run('p', 'customers', null, null, doc, 'new', AT);
    rec.run('p', 'categories', 'c1', doc, null, 'clean', AT);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts every record per connection and entity, and the edited and conflicted ones', async () => {
    const summary = await getCatalogSummary(store.db);
    expect(summary).toMatchObject({ total: 11, dirty: 3, conflicts: 1 });
    const shop = summary.connections.find((c) => c.connectionId === 'w');
    expect(shop).toMatchObject({ records: 9, entities: [{ entity: 'products', records: 9 }] });
    const print = summary.connections.find((c) => c.connectionId === 'p');
    expect(print?.records).toBe(2);
    expect(print?.entities.map((e) => [e.entity, e.records]).sort()).toEqual([
      ['categories', 1],
      ['customers', 1],
    ]);
    const status = await getStatus(store.db);
    expect(status.conflicts).toBe(1);
    expect(status.connections.find((c) => c.id === 'w')?.conflicts).toBe(1);
  });
});
