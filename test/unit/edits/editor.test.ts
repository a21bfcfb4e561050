import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core';
import type { Core } from '../../../src/core';
import { createMemorySecretStore } from '../../../src/core/secrets';
import { createCaller } from '../../../src/shared/rpc';
import type { Caller } from '../../../src/shared/rpc';

const AT = '2026-11-23T10:00:00.000Z';

describe('offline edits', () => {
  let dir: string;
  let core: Core;
  let call: Caller;
  const ids: number[] = [];
  const row = (id: number) =>
    core.store.sqlite.prepare(`SELECT local, state FROM record WHERE id = ?`).get(id) as {
      local: string | null;
      state: string;
    };
  const outbox = (id: number) =>
    core.store.sqlite
      .prepare(`SELECT op, state, revision, client_op_id FROM outbox WHERE record_id = ?`)
      .get(id) as { op: string; state: string; revision: number; client_op_id: string } | undefined;
  const local = (id: number) => JSON.parse(row(id).local ?? 'null') as Record<string, unknown> | null;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-edits-'));
    core = await createCore({ dataDir: dir, secrets: createMemorySecretStore() });
    call = createCaller(core.dispatch);
    const { sqlite } = core.store;
    const insConn = sqlite.prepare(
      `INSERT INTO connection (id, name, kind, base_url, created_at) VALUES (?, ?, ?, 'http://127.0.0.1:9', ?)`,
    );
    insConn.run('w', 'Shop', 'wexbo', AT);
    insConn.run('e', 'Mapper', 'etim', AT);
    const ins = sqlite.prepare(
      `INSERT INTO record (connection_id, entity, remote_id, base, updated_at) VALUES (?, 'products', ?, ?, ?)`,
    );
    ids.length = 0;
    for (let i = 1; i <= 4; i++) {
      const doc = { id: i, code: `p-${i}`, name: `Product ${i}`, price: 10 * i, active: true, stock: i };
      ids.push(Number(ins.run('w', String(i), JSON.stringify(doc), AT).lastInsertRowid));
    }
    ids.push(
      Number(
        ins.run('e', 'E1', JSON.stringify({ productId: 'E1', brand: 'Acme', weight: '1.5' }), AT)
          .lastInsertRowid,
      ),
    );
  });
  afterEach(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('journals an edit, marks the record dirty and queues one coalesced update', async () => {
    const id = ids[0]!;
    for (let i = 0; i < 10; i++)
      await call('edits:apply', { edits: [{ recordId: id, path: 'price', value: 11 + i }] });
    expect(local(id)).toMatchObject({ price: 20 });
    expect(row(id).state).toBe('dirty');
    expect(outbox(id)).toMatchObject({ op: 'update', state: 'queued', revision: 10 });
    const history = await call('records:history', { recordId: id });
    expect(history).toHaveLength(10);
    expect(history[0]).toMatchObject({ path: 'price', old: 19, new: 20 });
    const detail = await call('records:get', { recordId: id });
    expect(detail.dirtyPaths).toEqual(['price']);
  });

  it('refuses values of the wrong type with a clear message and applies the rest', async () => {
    const out = await call('edits:apply', {
      edits: [
        { recordId: ids[0]!, path: 'price', value: 'twelve' },
        { recordId: ids[0]!, path: 'code', value: 'Bad Code!' },
        { recordId: ids[0]!, path: 'date_modified', value: '2020-01-01 00:00:00' },
        { recordId: ids[1]!, path: 'active', value: false },
        { recordId: ids[4]!, path: 'weight', value: 1.5 },
      ],
    });
    expect(out.changed).toBe(1);
    expect(out.rejected.map((r) => r.message)).toEqual([
      'price must be a number with a dot for decimals, such as 12.50 (got "twelve").',
      'code may contain only lower-case letters, digits, dot, dash and underscore (got "Bad Code!").',
      'date_modified is set by the remote system and cannot be edited.',
      'weight: ETIM accepts text only. Write "1.5" instead of 1.5.',
    ]);
    expect(row(ids[0]!).state).toBe('clean');
    expect(local(ids[1]!)).toMatchObject({ active: false });
  });

  it('undoes and redoes a group, and a new edit clears the redo stack', async () => {
    const [a, b] = [ids[0]!, ids[1]!];
    await call('edits:setField', { recordIds: [a, b], path: 'stock', value: 99 });
    expect(outbox(a)?.state).toBe('queued');
    const undone = await call('edits:undo', {});
    expect(undone).toMatchObject({ changed: 2 });
    expect(row(a)).toEqual({ local: null, state: 'clean' });
    expect(outbox(a)).toBeUndefined();
    await call('edits:redo', {});
    expect(local(b)).toMatchObject({ stock: 99 });
    await call('edits:undo', {});
    await call('edits:apply', { edits: [{ recordId: a, path: 'name', value: 'Renamed' }] });
    expect(await call('edits:redo', {})).toBeNull();
    expect(await call('edits:undo', {})).toMatchObject({ changed: 1 });
    expect(await call('edits:undo', {})).toBeNull();
  });

  it('reverts a field and a whole record to the remote values', async () => {
    const id = ids[0]!;
    await call('edits:apply', {
      edits: [
        { recordId: id, path: 'price', value: 1 },
        { recordId: id, path: 'stock', value: 2 },
      ],
    });
    await call('edits:revert', { recordId: id, path: 'price' });
    expect(local(id)).toMatchObject({ price: 10, stock: 2 });
    await call('edits:revert', { recordId: id });
    expect(row(id)).toEqual({ local: null, state: 'clean' });
  });

  it('finds and replaces with a preview first', async () => {
    const preview = await call('edits:findReplace', {
      connectionId: 'w',
      entity: 'products',
      path: 'name',
      pattern: 'Product (\\d)',
      replacement: 'Item $1',
    });
    expect(preview.matches).toBe(4);
    expect(preview.preview[0]).toEqual({ recordId: ids[0], before: 'Product 1', after: 'Item 1' });
    expect(preview.outcome).toBeNull();
    expect(row(ids[0]!).state).toBe('clean');
    const applied = await call('edits:findReplace', {
      recordIds: ids.slice(0, 2),
      path: 'name',
      pattern: 'product',
      flags: 'i',
      replacement: 'Thing',
      preview: false,
    });
    expect(applied.outcome?.changed).toBe(2);
    expect(local(ids[1]!)).toMatchObject({ name: 'Thing 2' });
    await expect(
      call('edits:findReplace', { recordIds: [ids[0]!], path: 'name', pattern: '(', replacement: '' }),
    ).rejects.toThrow(/not a valid regular expression/);
  });

  it('fills down and pastes a TSV block from Excel with decimal commas and booleans', async () => {
    await call('edits:fillDown', { recordIds: ids.slice(0, 3), path: 'price' });
    expect(local(ids[2]!)).toMatchObject({ price: 10 });
    const out = await call('edits:pasteTsv', {
      recordIds: ids.slice(0, 3),
      paths: ['price', 'active'],
      tsv: '12,5\tfalse\r\n13\tANO\r\nabc\t1\r\n',
    });
    expect(local(ids[0]!)).toMatchObject({ price: 12.5, active: false });
    expect(local(ids[1]!)).toMatchObject({ price: 13, active: true });
    expect(out.rejected).toEqual([
      { recordId: ids[2], path: 'price', message: expect.stringContaining('must be a number') },
    ]);
    await call('edits:pasteTsv', { recordIds: ids.slice(0, 4), paths: ['stock'], tsv: '7' });
    expect(ids.slice(0, 4).map((id) => local(id)?.stock)).toEqual([7, 7, 7, 7]);
    await expect(
      call('edits:pasteTsv', { recordIds: [ids[0]!], paths: ['stock'], tsv: '1\n2' }),
    ).rejects.toThrow(/only 1 × 1 fit/);
  });

  it('creates, deletes and restores records offline, each queued once', async () => {
    const { recordId } = await call('records:create', {
      connectionId: 'w',
      entity: 'products',
      doc: { code: 'n-1', name: 'New one' },
    });
    expect(row(recordId).state).toBe('new');
    expect(outbox(recordId)).toMatchObject({ op: 'create', state: 'queued' });
    await call('edits:apply', { edits: [{ recordId, path: 'price', value: 5 }] });
    expect(outbox(recordId)).toMatchObject({ op: 'create', revision: 2 });
    expect(await call('records:delete', { recordId })).toEqual({ removed: true, state: null });
    await expect(
      call('records:create', { connectionId: 'w', entity: 'products', doc: { name: 'No code' } }),
    ).rejects.toThrow(/code is required/);

    const old = ids[3]!;
    await call('records:delete', { recordId: old });
    expect(row(old).state).toBe('deleted-local');
    expect(outbox(old)).toMatchObject({ op: 'delete' });
    const blocked = await call('edits:apply', { edits: [{ recordId: old, path: 'name', value: 'x' }] });
    expect(blocked.rejected[0]?.message).toMatch(/marked for deletion/);
    await call('records:restore', { recordId: old });
    expect(row(old).state).toBe('clean');
    expect(outbox(old)).toBeUndefined();
  });

  it('treats typing over a conflicted field as its resolution', async () => {
    const id = ids[0]!;
    const { sqlite } = core.store;
    sqlite
      .prepare(`UPDATE record SET local = ?, state = 'conflict' WHERE id = ?`)
      .run(JSON.stringify({ id: 1, code: 'p-1', name: 'Product 1', price: 12, active: true, stock: 1 }), id);
    sqlite
      .prepare(
        `INSERT INTO conflict (record_id, path, base, mine, theirs, detected_at) VALUES (?, 'price', '9', '12', '10', ?)`,
      )
      .run(id, AT);
    await call('edits:apply', { edits: [{ recordId: id, path: 'price', value: 11 }] });
    expect(row(id).state).toBe('dirty');
    expect(outbox(id)).toMatchObject({ op: 'update', state: 'queued' });
    expect(await call('conflicts:list', {})).toEqual([]);
  });

  it('keeps an in-flight row sending and counts the new revision', async () => {
    const id = ids[0]!;
    await call('edits:apply', { edits: [{ recordId: id, path: 'price', value: 1 }] });
    const before = outbox(id)!;
    core.store.sqlite
      .prepare(`UPDATE outbox SET state = 'sending', sent_revision = revision WHERE record_id = ?`)
      .run(id);
    await call('edits:apply', { edits: [{ recordId: id, path: 'price', value: 10 }] });
    // Back to the base value, but the request in flight carries 1: the local copy must stay explicit.
    expect(row(id).state).toBe('dirty');
    expect(local(id)).toMatchObject({ price: 10 });
    expect(outbox(id)).toMatchObject({ state: 'sending', revision: 2, client_op_id: before.client_op_id });
  });
});
