/**
 * WEXBO writes against the demo PIM (001_15500709165aa147.txt): one record per POST/PUT/DELETE,
 * per-record results with the server's message, an update over 100 parameters split into several
 * PUTs, and a create whose answer was lost found again by its code instead of being sent twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, PushOp } from '../../../src/core/connectors/types';
import { isHttpError } from '../../../src/core/net';
import { startSyncHarness } from './harness';
import type { SyncHarness } from './harness';

const signal = (): AbortSignal => new AbortController().signal;

describe('WEXBO push', () => {
  let h: SyncHarness;
  let c: Connector;
  beforeEach(async () => {
    h = await startSyncHarness({ products: 300, seed: 5 });
    c = h.connector('wexbo');
  });
  afterEach(async () => {
    await h.close();
  });

  const push = (ops: PushOp[]) => (c.push as NonNullable<Connector['push']>)('products', ops, signal());
  const endpoint = (name: string): number => h.pim.admin.counters('wexbo').byEndpoint[name] ?? 0;

  it('creates, updates and deletes one record per request, with per-record results', async () => {
    const doc = { code: 'new-racket-1', name: 'Nová raketa', price: 49.9, currency: 'EUR', active: true };
    const [created] = await push([{ clientOpId: 'op-1', op: 'create', remoteId: null, doc }]);
    expect(created).toMatchObject({ clientOpId: 'op-1', ok: true });
    const product = h.pim.admin.getProduct('new-racket-1');
    expect(String(product?.id)).toBe(created?.remoteId);
    expect(product).toMatchObject({ price: 49.9, name: { sk: 'Nová raketa' } });

    const base = { id: 1000001, code: 'tenrak01', price: 10, stock: 5, date_modified: '2024-01-01 00:00:00' };
    const results = await push([
      {
        clientOpId: 'op-2',
        op: 'update',
        remoteId: '1000001',
        base,
        doc: { ...base, price: 12.5, stock: 6 },
      },
      { clientOpId: 'op-3', op: 'delete', remoteId: '1000002' },
    ]);
    expect(results).toEqual([
      { clientOpId: 'op-2', ok: true, remoteId: '1000001' },
      { clientOpId: 'op-3', ok: true, remoteId: '1000002' },
    ]);
    expect(h.pim.admin.getProduct(1000001)).toMatchObject({ price: 12.5, stock: 6 });
    expect(h.pim.admin.getProduct(1000002)).toBeNull();
    expect({ post: endpoint('POST /products'), put: endpoint('PUT /products/{id}') }).toEqual({
      post: 1,
      put: 1,
    });
    // Deleting again (a retry after a lost answer) is not a failure.
    expect(await push([{ clientOpId: 'op-4', op: 'delete', remoteId: '1000002' }])).toEqual([
      { clientOpId: 'op-4', ok: true, remoteId: '1000002' },
    ]);
  });

  it("reports a record's rejection with the server's message and goes on with the rest", async () => {
    h.pim.admin.setRejections('wexbo', [1000003], 'Locked by the ERP');
    const results = await push([
      { clientOpId: 'a', op: 'update', remoteId: '1000003', doc: { price: 1 }, changedPaths: ['price'] },
      { clientOpId: 'b', op: 'update', remoteId: '1000004', doc: { price: -5 }, changedPaths: ['price'] },
      { clientOpId: 'c', op: 'update', remoteId: '1000005', doc: { stock: 3 }, changedPaths: ['stock'] },
      { clientOpId: 'd', op: 'create', remoteId: null, doc: { code: 'tenrak01', name: 'Duplicate code' } },
    ]);
    expect(results[0]).toMatchObject({
      ok: false,
      error: { kind: 'rejected', message: 'Locked by the ERP', code: 'rejected_1' },
    });
    expect(results[1]).toMatchObject({
      ok: false,
      error: {
        kind: 'rejected',
        field: 'price',
        code: 'value_1',
        message: 'Field price must be a float of 0 or more.',
      },
    });
    expect(results[2]).toMatchObject({ ok: true, remoteId: '1000005' });
    expect(results[3]).toMatchObject({ ok: false, error: { kind: 'rejected', field: 'code' } });
    expect(h.pim.admin.getProduct(1000005)?.stock).toBe(3);
  });

  it('splits an update of more than 100 parameters into PUTs the remote accepts', async () => {
    const langs = Array.from(
      { length: 60 },
      (_, i) => `${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`,
    );
    const translations = Object.fromEntries(
      langs.map((l) => [l, { name: `Name ${l}`, description: `Text ${l}` }]),
    );
    const op: PushOp = {
      clientOpId: 'big',
      op: 'update',
      remoteId: '1000010',
      doc: { translations, price: 7, labels: ['Sale'] },
      changedPaths: ['translations', 'price', 'labels'],
    };
    const size = c.measureBatch?.('products', [op]);
    expect(size).toMatchObject({ requests: 2 });
    expect(size?.params).toBeLessThanOrEqual(100);
    const [result] = await push([op]);
    expect(result).toEqual({ clientOpId: 'big', ok: true, remoteId: '1000010' });
    expect(endpoint('PUT /products/{id}')).toBe(2);
    expect(h.pim.admin.counters('wexbo').byStatus['413']).toBeUndefined();
    const p = h.pim.admin.getProduct(1000010);
    for (const l of langs) expect([p?.name[l], p?.description[l]]).toEqual([`Name ${l}`, `Text ${l}`]);
    expect(p).toMatchObject({ price: 7, labels: ['Sale'] });
  });

  it('refuses locally an update whose one list is over 100 values instead of collecting a 413', async () => {
    const labels = Array.from({ length: 101 }, (_, i) => `L${i}`);
    const [result] = await push([
      { clientOpId: 'x', op: 'update', remoteId: '1000011', doc: { labels }, changedPaths: ['labels'] },
    ]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected', field: 'labels' } });
    expect(h.pim.admin.counters('wexbo').total).toBe(0);
  });

  it('finds a create whose acknowledgement was lost, so it is not sent twice', async () => {
    // The remote creates the product, then the connection drops before the answer arrives.
    const lossy = h.connector('wexbo', {
      wrapTransport: (inner) => async (req) => {
        const res = await inner(req);
        if (req.method === 'POST') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return res;
      },
    });
    const op: PushOp = {
      clientOpId: 'lost',
      op: 'create',
      remoteId: null,
      doc: { code: 'lost-ack-1', name: 'Stratená odpoveď', price: 3 },
    };
    const err = await lossy.push?.('products', [op], signal()).catch((e: unknown) => e);
    expect(isHttpError(err, 'transient')).toBe(true);
    expect(c.capabilities.entityDetails?.products?.idempotentCreate).toBe(false);

    // Before sending the create again, the queue asks: it exists, with the id the remote gave it.
    const found = await c.findExisting?.('products', op, signal());
    const remote = h.pim.admin.getProduct('lost-ack-1');
    expect(found).toMatchObject({ id: String(remote?.id), doc: { code: 'lost-ack-1', price: 3 } });
    expect(endpoint('POST /products')).toBe(1);
    expect(
      await c.findExisting?.('products', { ...op, doc: { code: 'never-sent' } }, signal()),
    ).toBeUndefined();
  });
});
