import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/db/open';
import type { Store } from '../../../src/core/db/open';
import { createIngest } from '../../../src/core/mirror/ingest';
import type { RemoteRecord } from '../../../src/core/connectors/types';

const NOW = '2026-11-23T10:00:00.000Z';
const rec = (id: string, doc: Record<string, unknown>): RemoteRecord => ({ id, modifiedAt: NOW, doc });

describe('mirror ingest', () => {
  let dir: string;
  let store: Store;
  let ingest: ReturnType<typeof createIngest>;
  const row = (id: string) =>
    store.sqlite.prepare(`SELECT * FROM record WHERE remote_id = ?`).get(id) as
      { id: number; base: string; local: string | null; state: string } | undefined;
  const conflicts = (recordId: number) =>
    store.sqlite
      .prepare(`SELECT path, base, mine, theirs FROM conflict WHERE record_id = ? ORDER BY path`)
      .all(recordId);
  const setLocal = (id: string, local: Record<string, unknown>) =>
    store.sqlite
      .prepare(`UPDATE record SET local = ?, state = 'dirty' WHERE remote_id = ?`)
      .run(JSON.stringify(local), id);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-ingest-'));
    store = openStore(join(dir, 'm.sqlite'));
    store.sqlite
      .prepare(
        `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES ('c', 'C', 'wexbo', 'http://x', ?)`,
      )
      .run(NOW);
    ingest = createIngest(store.sqlite);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('inserts new records and replaces the base of clean ones', () => {
    ingest.ingestPage('c', 'product', [rec('1', { name: 'A' }), rec('2', { name: 'B' })], [], NOW);
    ingest.ingestPage('c', 'product', [rec('1', { name: 'A2' })], [], NOW);
    expect(JSON.parse(row('1')!.base)).toEqual({ name: 'A2' });
    expect(row('1')!.local).toBeNull();
    expect(row('1')!.state).toBe('clean');
    expect(store.sqlite.prepare(`SELECT count(*) AS n FROM record`).get()).toEqual({ n: 2 });
  });

  it('merges a remote change into a locally edited record field by field', () => {
    ingest.ingestPage('c', 'product', [rec('1', { name: 'A', price: 10, stock: 1 })], [], NOW);
    setLocal('1', { name: 'A', price: 12, stock: 1 });
    const counts = ingest.ingestPage(
      'c',
      'product',
      [rec('1', { name: 'A (new)', price: 10, stock: 5 })],
      [],
      NOW,
    );
    expect(counts).toMatchObject({ merged: 1, conflicted: 0 });
    const r = row('1')!;
    expect(JSON.parse(r.local!)).toEqual({ name: 'A (new)', price: 12, stock: 5 });
    expect(JSON.parse(r.base)).toEqual({ name: 'A (new)', price: 10, stock: 5 });
    expect(r.state).toBe('dirty');
  });

  it('turns a two-sided change into a stored conflict, keeping mine', () => {
    ingest.ingestPage('c', 'product', [rec('1', { name: 'A', price: 10 })], [], NOW);
    setLocal('1', { name: 'A', price: 12 });
    const counts = ingest.ingestPage('c', 'product', [rec('1', { name: 'A', price: 15 })], [], NOW);
    expect(counts.conflicted).toBe(1);
    const r = row('1')!;
    expect(r.state).toBe('conflict');
    expect(JSON.parse(r.local!)).toEqual({ name: 'A', price: 12 });
    expect(conflicts(r.id)).toEqual([{ path: 'price', base: '10', mine: '12', theirs: '15' }]);
  });

  it('keeps a conflict open across later pulls until mine and theirs agree', () => {
    ingest.ingestPage('c', 'product', [rec('1', { price: 10 })], [], NOW);
    setLocal('1', { price: 12 });
    ingest.ingestPage('c', 'product', [rec('1', { price: 15 })], [], NOW);
    // The same remote document again: base is now 15, so a naive merge would call 12 a local edit.
    ingest.ingestPage('c', 'product', [rec('1', { price: 15 })], [], NOW);
    expect(row('1')!.state).toBe('conflict');
    expect(conflicts(row('1')!.id)).toEqual([{ path: 'price', base: '10', mine: '12', theirs: '15' }]);
    // Someone on the remote side sets the same value as mine: nothing left to decide or to push.
    ingest.ingestPage('c', 'product', [rec('1', { price: 12 })], [], NOW);
    expect(row('1')!.state).toBe('clean');
    expect(row('1')!.local).toBeNull();
    expect(conflicts(row('1')!.id)).toEqual([]);
  });

  it('deletes clean records and keeps edited ones as deleted-remote', () => {
    ingest.ingestPage('c', 'product', [rec('1', { a: 1 }), rec('2', { a: 2 })], [], NOW);
    setLocal('2', { a: 3 });
    const counts = ingest.ingestPage('c', 'product', [], ['1', '2', 'unknown'], NOW);
    expect(counts).toMatchObject({ deleted: 1, markedDeleted: 1 });
    expect(row('1')).toBeUndefined();
    expect(row('2')!.state).toBe('deleted-remote');
  });

  it('brings a deleted-remote clean record back when the remote has it again', () => {
    ingest.ingestPage('c', 'product', [rec('1', { a: 1 })], [], NOW);
    store.sqlite.prepare(`UPDATE record SET state = 'deleted-remote' WHERE remote_id = '1'`).run();
    ingest.ingestPage('c', 'product', [rec('1', { a: 2 })], [], NOW);
    expect(row('1')!.state).toBe('clean');
  });

  it('keeps entities and connections apart', () => {
    ingest.ingestPage('c', 'product', [rec('1', { a: 1 })], [], NOW);
    ingest.ingestPage('c', 'category', [rec('1', { a: 2 })], [], NOW);
    expect(store.sqlite.prepare(`SELECT count(*) AS n FROM record`).get()).toEqual({ n: 2 });
  });
});
