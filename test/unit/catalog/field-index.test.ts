/**
 * Field indexes made on demand (catalog/field-index.ts): a slow filter or sort over a document
 * field gets an expression index built by a worker thread, later queries use it (the query plan
 * says so) and answer exactly what the scan answered, an opened filter on a large catalog starts
 * the build ahead, edits keep it right, and the number of such indexes is capped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core';
import type { Core } from '../../../src/core';
import {
  fieldIndexesIdle,
  fieldIndexName,
  fieldIndexOptions,
  fieldOfJsonPath,
  listFieldIndexes,
  MAX_FIELD_INDEXES,
  restoreFieldIndexes,
  suspendFieldIndexes,
} from '../../../src/core/catalog/field-index';
import { equalsCandidates, jsonPath } from '../../../src/core/catalog/rows';
import { createMemorySecretStore } from '../../../src/core/secrets';
import { createCaller } from '../../../src/shared/rpc';
import type { Caller } from '../../../src/shared/rpc';

const AT = '2026-12-03T10:00:00.000Z';
const N = 3000;

describe('field indexes made on demand', () => {
  let dir: string;
  let core: Core;
  let call: Caller;
  const q = { connectionId: 'w', entity: 'products', offset: 0, limit: 50 } as const;
  const slowMs = fieldIndexOptions.slowMs;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-field-index-'));
    core = await createCore({ dataDir: dir, secrets: createMemorySecretStore() });
    call = createCaller(core.dispatch);
    const { sqlite } = core.store;
    sqlite
      .prepare(
        `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES ('w', 'Shop', 'wexbo', 'http://127.0.0.1:9', ?)`,
      )
      .run(AT);
    const ins = sqlite.prepare(
      `INSERT INTO record (connection_id, entity, remote_id, base, updated_at) VALUES ('w', 'products', ?, ?, ?)`,
    );
    sqlite.transaction(() => {
      for (let i = 1; i <= N; i++) {
        const doc = {
          id: i,
          name: `Product ${i} it's ${i % 10 === 0 ? 'blue' : 'red'}`,
          brand: ['Acme', 'Globex', 'Initech'][i % 3],
          price: i % 5 === 0 ? `${i % 97}` : (i * 7) % 97,
          active: i % 2 === 0,
        };
        ins.run(String(i), JSON.stringify(doc), AT);
      }
    })();
  });
  afterAll(async () => {
    fieldIndexOptions.slowMs = slowMs;
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const queries = [
    { filters: [{ path: 'brand', op: 'equals' as const, value: 'Globex' }] },
    { filters: [{ path: 'price', op: 'equals' as const, value: '12' }] },
    { filters: [{ path: 'active', op: 'equals' as const, value: 'true' }] },
    { filters: [{ path: 'name', op: 'contains' as const, value: "it's blue" }] },
    { sort: { path: 'price', dir: 'desc' as const } },
    { search: 'blue', sort: { path: 'brand', dir: 'asc' as const } },
  ];
  const answer = async (extra: object) => {
    const first = await call('catalog:queryRows', { ...q, ...extra, paths: ['brand', 'price'] });
    const deep = await call('catalog:queryIds', { ...q, ...extra, offset: 0, limit: N });
    return { total: first.total, first: first.rows.map((r) => r.recordId), all: deep.ids };
  };

  it('indexes the fields of slow queries in the background, and the answers stay the same', async () => {
    const { sqlite } = core.store;
    expect(listFieldIndexes(sqlite).size).toBe(0);
    const before = [];
    for (const extra of queries) before.push(await answer(extra));
    // "12" matches the number 12 and the text "12"; "true" matches the boolean.
    expect(before[1]!.total).toBe(
      sqlite
        .prepare(`SELECT count(*) FROM record WHERE json_extract(base, '$.price') IN (12, '12')`)
        .pluck()
        .get(),
    );
    expect(before[1]!.all.length).toBeGreaterThan(30);
    expect(before[2]!.total).toBe(N / 2);
    expect(before[3]!.total).toBe(N / 10);
    fieldIndexOptions.slowMs = -1;
    for (const extra of queries) await answer(extra);
    await fieldIndexesIdle(sqlite);
    const made = listFieldIndexes(sqlite);
    expect([...made.values()].sort()).toEqual(['$."active"', '$."brand"', '$."name"', '$."price"']);
    expect(before[5]!.total).toBe(N / 10);
    expect(made.get(fieldIndexName('$."brand"'))).toBe('$."brand"');
    const after = [];
    for (const extra of queries) after.push(await answer(extra));
    expect(after).toEqual(before);
    const plan = (sql: string) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    expect(
      plan(
        `SELECT id FROM record WHERE connection_id = 'w' AND entity = 'products' AND json_extract(coalesce(local, base), '$."brand"') IN ('Globex') ORDER BY id`,
      ),
    ).toContain(fieldIndexName('$."brand"'));
    expect(
      plan(
        `SELECT id FROM record WHERE connection_id = 'w' AND entity = 'products' ORDER BY json_extract(coalesce(local, base), '$."price"') DESC, id DESC LIMIT 50`,
      ),
    ).toMatch(new RegExp(`${fieldIndexName('$."price"')}(?!.*TEMP B-TREE FOR ORDER BY)`));
    // Queries without the field keep their own plans (with connection_id first, these indexes
    // were taken for the all-rows window and the search, and the search went from 25 ms to 4 s).
    expect(
      plan(`SELECT id FROM record WHERE connection_id = 'w' AND entity = 'products' ORDER BY id LIMIT 50`),
    ).not.toContain('record_field_');
  });

  it('an opened filter gets its field indexed ahead on a large catalog, once', async () => {
    const { sqlite } = core.store;
    for (const name of listFieldIndexes(sqlite).keys()) sqlite.exec(`DROP INDEX ${name}`);
    const min = fieldIndexOptions.prepareMinRecords;
    try {
      const prepare = () =>
        call('catalog:prepareFilter', { connectionId: 'w', entity: 'products', path: 'brand' });
      // A small catalog: no index, and every value of the field to pick from.
      const all = ['Acme', 'Globex', 'Initech'];
      fieldIndexOptions.prepareMinRecords = N + 1;
      expect(await prepare()).toEqual({ indexing: false, values: all });
      // A large one: the build starts, and the values come once the index answers them.
      fieldIndexOptions.prepareMinRecords = N;
      expect(await prepare()).toEqual({ indexing: true, values: null });
      expect(await prepare()).toEqual({ indexing: false, values: null });
      await fieldIndexesIdle(sqlite);
      expect([...listFieldIndexes(sqlite).values()]).toEqual(['$."brand"']);
      expect(await prepare()).toEqual({ indexing: false, values: all });
      // Numbers stored as numbers and as text are one value; objects and lists are not offered.
      fieldIndexOptions.prepareMinRecords = N + 1;
      const prices = await call('catalog:prepareFilter', {
        connectionId: 'w',
        entity: 'products',
        path: 'price',
      });
      expect(prices.values).toHaveLength(97);
      expect(new Set(prices.values).size).toBe(97);
      expect(prices.values).toContain('12');
    } finally {
      fieldIndexOptions.prepareMinRecords = min;
    }
  });

  it('stays right after edits, and stops adding indexes at the cap', async () => {
    const { sqlite } = core.store;
    const globex = await answer(queries[0]!);
    await call('edits:setField', { recordIds: globex.all.slice(0, 10), path: 'brand', value: 'Acme' });
    const now = await answer(queries[0]!);
    expect(now.total).toBe(globex.total - 10);
    expect(now.all).toEqual(globex.all.slice(10));
    for (const path of ['id', 'x1', 'x2', 'x3', 'x4'])
      await answer({ filters: [{ path, op: 'equals' as const, value: '1' }] });
    await fieldIndexesIdle(sqlite);
    expect(listFieldIndexes(sqlite).size).toBe(MAX_FIELD_INDEXES);
    // "contains" on an indexed field scans the index by name (numbers as text).
    const contains = await answer({ filters: [{ path: 'id', op: 'contains' as const, value: '99' }] });
    expect(contains.total).toBe(
      Array.from({ length: N }, (_, i) => String(i + 1)).filter((x) => x.includes('99')).length,
    );
  });

  it('turns a typed value into what it may be stored as', () => {
    expect(equalsCandidates('Globex')).toEqual(['Globex']);
    expect(equalsCandidates('12.5')).toEqual(['12.5', 12.5]);
    expect(equalsCandidates('-3')).toEqual(['-3', -3]);
    expect(equalsCandidates('007')).toEqual(['007']);
    expect(equalsCandidates('true')).toEqual(['true', 1]);
    expect(equalsCandidates('false')).toEqual(['false', 0]);
  });

  it('remembers the indexes a large pull dropped, so a restart rebuilds them', async () => {
    const { sqlite } = core.store;
    const before = [...listFieldIndexes(sqlite).values()].sort();
    expect(before.length).toBeGreaterThan(0);
    expect(suspendFieldIndexes(sqlite).sort()).toEqual(before);
    expect(listFieldIndexes(sqlite).size).toBe(0);
    // The app stops here; the next core on the same data folder rebuilds them.
    await core.close();
    core = await createCore({ dataDir: dir, secrets: createMemorySecretStore() });
    call = createCaller(core.dispatch);
    await fieldIndexesIdle(core.store.sqlite);
    expect([...listFieldIndexes(core.store.sqlite).values()].sort()).toEqual(before);
    expect(restoreFieldIndexes(core.store.sqlite)).toEqual([]);
  });

  it('names an index by the grid path of its field, and drops it on request', async () => {
    expect(fieldOfJsonPath(jsonPath('name.en'))).toBe('name.en');
    expect(fieldOfJsonPath(jsonPath('say "hi"'))).toBe('say "hi"');
    const before = await call('catalog:fieldIndexes', {});
    expect(before.length).toBe(MAX_FIELD_INDEXES);
    expect(before.every((i) => i.state === 'ready')).toBe(true);
    const brand = before.find((i) => i.field === 'brand');
    expect(brand?.jsonPath).toBe('$."brand"');
    expect(await call('catalog:dropFieldIndex', { jsonPath: '$."brand"' })).toEqual({ dropped: true });
    expect(await call('catalog:dropFieldIndex', { jsonPath: '$."brand"' })).toEqual({ dropped: false });
    expect((await call('catalog:fieldIndexes', {})).map((i) => i.field)).not.toContain('brand');
  });

  it('an edit made while an index is built waits for the build, and core answers reads meanwhile', async () => {
    const { sqlite } = core.store;
    const min = fieldIndexOptions.prepareMinRecords;
    fieldIndexOptions.prepareMinRecords = N;
    try {
      expect(listFieldIndexes(sqlite).size).toBeLessThan(MAX_FIELD_INDEXES);
      const started = await call('catalog:prepareFilter', {
        connectionId: 'w',
        entity: 'products',
        path: 'brand',
      });
      expect(started.indexing).toBe(true);
      // Without the wait, the edit's handler would take SQLite's write lock (or wait for it inside
      // SQLite, holding core's thread) before the read below even started.
      const order: string[] = [];
      const edit = call('edits:setField', { recordIds: [1, 2], path: 'name', value: 'Waited' }).then((o) => {
        order.push('edit');
        return o;
      });
      const read = call('catalog:queryRows', { ...q, paths: ['name'] }).then(() => order.push('read'));
      const [outcome] = await Promise.all([edit, read]);
      expect(order).toEqual(['read', 'edit']);
      expect(outcome.changed).toBe(2);
      expect([...listFieldIndexes(sqlite).values()]).toContain('$."brand"');
      const names = await call('catalog:queryRows', { ...q, limit: 2, paths: ['name'] });
      expect(names.rows.map((r) => r.cells.name)).toEqual(['Waited', 'Waited']);
    } finally {
      fieldIndexOptions.prepareMinRecords = min;
      await fieldIndexesIdle(sqlite);
    }
  });
});
