import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core';
import type { Core } from '../../../src/core';
import { createMemorySecretStore } from '../../../src/core/secrets';
import { createCaller } from '../../../src/shared/rpc';
import type { Caller } from '../../../src/shared/rpc';

const AT = '2026-11-23T10:00:00.000Z';
const N = 1000;

describe('the catalog row model', () => {
  let dir: string;
  let core: Core;
  let call: Caller;
  const ids: number[] = [];
  const q = { connectionId: 'w', entity: 'products', offset: 0, limit: 200 } as const;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-catalog-'));
    core = await createCore({ dataDir: dir, secrets: createMemorySecretStore() });
    call = createCaller(core.dispatch);
    const { sqlite } = core.store;
    const insConn = sqlite.prepare(
      `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES (?, ?, ?, 'http://127.0.0.1:9', ?)`,
    );
    insConn.run('w', 'Shop', 'wexbo', AT);
    insConn.run('b', 'Importer', 'broadleaf', AT);
    const ins = sqlite.prepare(
      `INSERT INTO record (connection_id, entity, remote_id, base, updated_at) VALUES (?, ?, ?, ?, ?)`,
    );
    sqlite.transaction(() => {
      for (let i = 1; i <= N; i++) {
        const doc = {
          id: i,
          code: `p-${String(i).padStart(4, '0')}`,
          name: i % 100 === 0 ? `Tennis racket ${i}` : `Product ${i}`,
          price: (i * 7) % 1000,
          active: i % 2 === 0,
          type: i % 3 === 0 ? 'variant' : 'simple',
        };
        ids.push(Number(ins.run('w', 'products', String(i), JSON.stringify(doc), AT).lastInsertRowid));
      }
      ins.run('b', 'items', 'X1', JSON.stringify({ sku: 'X1', weight: 1.5, launched: '2026-01-02' }), AT);
    })();
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes columns from the field rules, and infers them where there are none', async () => {
    const cols = await call('catalog:getColumns', { connectionId: 'w', entity: 'products' });
    expect(cols.find((c) => c.path === 'id')).toMatchObject({ type: 'integer', readonly: true });
    expect(cols.find((c) => c.path === 'type')).toMatchObject({
      type: 'enum',
      values: ['simple', 'configurable', 'variant'],
    });
    expect(cols.find((c) => c.path === 'price')).toMatchObject({
      type: 'float',
      readonly: false,
      label: 'Price',
    });
    const inferred = await call('catalog:getColumns', { connectionId: 'b', entity: 'items' });
    expect(inferred.map((c) => [c.path, c.type])).toEqual([
      ['sku', 'string'],
      ['weight', 'float'],
      ['launched', 'date'],
    ]);
  });

  it('pages in windows with the total, and returns only the requested cells', async () => {
    const first = await call('catalog:queryRows', { ...q, paths: ['code', 'price'] });
    expect(first.total).toBe(N);
    expect(first.rows).toHaveLength(200);
    expect(first.rows[0]).toMatchObject({ recordId: ids[0], remoteId: '1', state: 'clean' });
    expect(Object.keys(first.rows[0]!.cells).sort()).toEqual(['code', 'price']);
    const last = await call('catalog:queryRows', { ...q, offset: 900, limit: 500 });
    expect(last.rows).toHaveLength(100);
    expect(last.rows.at(-1)!.remoteId).toBe(String(N));
  });

  it('sorts by a field in either direction', async () => {
    const asc = await call('catalog:queryRows', {
      ...q,
      sort: { path: 'price', dir: 'asc' },
      paths: ['price'],
    });
    const prices = asc.rows.map((r) => r.cells.price as number);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const desc = await call('catalog:queryRows', { ...q, limit: 1, sort: { path: 'price', dir: 'desc' } });
    expect(desc.rows[0]!.cells.price).toBe(999);
  });

  it('gives the ids of a selection in the grid order without the cells', async () => {
    const sort = { path: 'price', dir: 'desc' } as const;
    const rows = await call('catalog:queryRows', { ...q, sort, offset: 150, limit: 100 });
    const { ids: picked, total } = await call('catalog:queryIds', { ...q, sort, offset: 150, limit: 100 });
    expect(total).toBe(rows.total);
    expect(picked).toEqual(rows.rows.map((r) => r.recordId));
    const all = await call('catalog:queryIds', { ...q, offset: 0, limit: 1_000_000 });
    expect(all.ids).toHaveLength(N);
  });

  it('filters per column and searches the text columns', async () => {
    const enumEq = await call('catalog:queryRows', {
      ...q,
      filters: [{ path: 'type', op: 'equals', value: 'variant' }],
    });
    expect(enumEq.total).toBe(333);
    const both = await call('catalog:queryRows', {
      ...q,
      filters: [
        { path: 'name', op: 'contains', value: 'racket' },
        { path: 'active', op: 'equals', value: 'true' },
      ],
    });
    expect(both.total).toBe(10);
    const search = await call('catalog:queryRows', { ...q, search: 'TENNIS' });
    expect(search.total).toBe(10);
    expect(search.rows.every((r) => String(r.cells.name).startsWith('Tennis'))).toBe(true);
    const literal = await call('catalog:queryRows', { ...q, search: '100%' });
    expect(literal.total).toBe(0);
  });

  it('marks dirty and conflicting paths, the state facet and rejections', async () => {
    await call('edits:apply', { edits: [{ recordId: ids[4]!, path: 'price', value: 1.25 }] });
    const { sqlite } = core.store;
    sqlite.prepare(`UPDATE record SET local = base, state = 'conflict' WHERE id = ?`).run(ids[5]);
    sqlite
      .prepare(
        `INSERT INTO conflict (record_id, path, base, mine, theirs, detected_at) VALUES (?, 'name', '"a"', '"b"', '"c"', ?)`,
      )
      .run(ids[5], AT);
    sqlite
      .prepare(`UPDATE outbox SET state = 'rejected', last_error = 'price too low' WHERE record_id = ?`)
      .run(ids[4]);
    const dirty = await call('catalog:queryRows', { ...q, state: ['dirty'] });
    expect(dirty.total).toBe(1);
    expect(dirty.rows[0]).toMatchObject({
      recordId: ids[4],
      dirtyPaths: ['price'],
      rejected: 'price too low',
    });
    expect(dirty.rows[0]!.cells.price).toBe(1.25);
    const facet = await call('catalog:queryRows', { ...q, state: ['dirty', 'conflict'] });
    expect(facet.rows.map((r) => r.recordId)).toEqual([ids[4], ids[5]]);
    expect(facet.rows[1]).toMatchObject({
      conflictPaths: ['name'],
      conflicts: [{ path: 'name', mine: 'b', theirs: 'c' }],
    });
  });

  it('refuses a window beyond 500 rows and an unknown connection', async () => {
    const big = await core.dispatch('catalog:queryRows', { ...q, limit: 501 });
    expect(big.ok).toBe(false);
    const unknown = await core.dispatch('catalog:getColumns', { connectionId: 'nope', entity: 'products' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
