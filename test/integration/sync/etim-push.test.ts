/**
 * ETIM writes and jobs against the demo PIM (004_48b37cfc1a1923fe.txt): PUT of new and existing
 * products with the connection's modes, the report mapped to per-record results (named rejections
 * per record, counted-only outcomes as `unknown`), DELETE by id list, reference data PUT, and a
 * synchronization run followed to its end.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, PushOp } from '../../../src/core/connectors/types';
import { startSyncHarness } from './harness';
import type { SyncHarness } from './harness';

const signal = (): AbortSignal => new AbortController().signal;

describe('ETIM push and synchronizations', () => {
  let h: SyncHarness;
  let c: Connector;
  beforeEach(async () => {
    h = await startSyncHarness({ products: 200, seed: 19 });
    c = h.connector('etim');
  });
  afterEach(async () => {
    await h.close();
  });

  const push = (entity: string, ops: PushOp[], connector = c) =>
    (connector.push as NonNullable<Connector['push']>)(entity, ops, signal());

  it('PUTs new and existing products in one request and maps the report to each record', async () => {
    await h.pull('etim', 'products');
    const [id, other] = [...h.records('etim', 'products').keys()].sort() as [string, string];
    const base = h.records('etim', 'products').get(id)?.base as Record<string, unknown>;
    const doc = structuredClone(base) as { overallInformation: { productName: Record<string, string> } };
    doc.overallInformation.productName.en = 'Pushed name';
    h.pim.admin.setRejections('etim', [other], 'Blocked by the data steward');
    const ops: PushOp[] = [
      {
        clientOpId: 'new',
        op: 'create',
        remoteId: 'NEW-ETIM-1',
        doc: {
          productId: 'NEW-ETIM-1',
          overallInformation: { productName: { en: 'Brand new', de: 'Ganz neu' } },
        },
      },
      {
        clientOpId: 'upd',
        op: 'update',
        remoteId: id,
        base,
        doc,
        changedPaths: ['overallInformation.productName.en'],
      },
      {
        clientOpId: 'rej',
        op: 'update',
        remoteId: other,
        doc: { overallInformation: { brandName: 'X' } },
        changedPaths: ['overallInformation.brandName'],
      },
      {
        clientOpId: 'num',
        op: 'create',
        remoteId: 'NUMERIC-1',
        doc: { productId: 'NUMERIC-1', overallInformation: { netWeight: 12 } },
      },
    ];
    expect(c.measureBatch?.('products', ops)).toMatchObject({ requests: 1 });
    const results = await push('products', ops);
    expect(h.pim.admin.counters('etim').byEndpoint['PUT /products']).toBe(1);
    expect(results).toEqual([
      { clientOpId: 'new', ok: true, remoteId: 'NEW-ETIM-1' },
      { clientOpId: 'upd', ok: true, remoteId: id },
      {
        clientOpId: 'rej',
        ok: false,
        remoteId: other,
        error: { kind: 'rejected', message: 'Rejected by ETIM: Blocked by the data steward' },
      },
      {
        clientOpId: 'num',
        ok: false,
        remoteId: 'NUMERIC-1',
        error: { kind: 'rejected', message: 'Rejected by ETIM: values other than strings' },
      },
    ]);
    expect(h.pim.admin.getProduct('NEW-ETIM-1')?.name).toMatchObject({ en: 'Brand new', de: 'Ganz neu' });
    expect(h.pim.admin.getProduct(id)?.name.en).toBe('Pushed name');
    // Only the changed name went out: other languages of the product are untouched.
    expect(h.pim.admin.getProduct(id)?.name.de).toBe(
      (base.overallInformation as { productName: Record<string, string> }).productName.de,
    );
  });

  it('marks creates as unknown when the report only counts them (product limit reached)', async () => {
    h.pim.admin.setEtimLimits({ productLimit: 200 });
    const results = await push('products', [
      {
        clientOpId: 'over',
        op: 'create',
        remoteId: 'OVER-LIMIT',
        doc: { productId: 'OVER-LIMIT', overallInformation: { productName: { en: 'x' } } },
      },
    ]);
    expect(results).toEqual([
      {
        clientOpId: 'over',
        ok: false,
        remoteId: 'OVER-LIMIT',
        error: { kind: 'unknown', message: "ETIM's product limit was reached for 1 new product(s)." },
      },
    ]);
    expect(h.pim.admin.getProduct('OVER-LIMIT')).toBeNull();
  });

  it('sends updates with the configured existing mode', async () => {
    await h.pull('etim', 'products');
    const id = [...h.records('etim', 'products').keys()].sort()[5] as string;
    const skipper = h.connector('etim', { settings: { existing: 'skip' } });
    const [result] = await push(
      'products',
      [
        {
          clientOpId: 's',
          op: 'update',
          remoteId: id,
          doc: { overallInformation: { brandName: 'Skipped' } },
          changedPaths: ['overallInformation.brandName'],
        },
      ],
      skipper,
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(h.pim.admin.getProduct(id)?.brand).not.toBe('Skipped');
    const put = h.requests.find((r) => r.method === 'PUT');
    expect(Object.fromEntries(put?.url.searchParams ?? [])).toEqual({
      new: 'add',
      existing: 'skip',
      empty: 'false',
    });
  });

  it('DELETEs products by id list', async () => {
    await h.pull('etim', 'products');
    const all = [...h.records('etim', 'products').keys()];
    const ids = all.slice(0, 3);
    const results = await push(
      'products',
      ids.map((id, i) => ({ clientOpId: `d${i}`, op: 'delete', remoteId: id })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.pim.admin.counters('etim').byEndpoint['DELETE /products']).toBe(1);
    for (const id of ids) expect(h.pim.admin.getProduct(id)).toBeNull();
    // One of two already gone: the count cannot say which, so the queue must look.
    const again = await push('products', [
      { clientOpId: 'x', op: 'delete', remoteId: ids[0] as string },
      { clientOpId: 'y', op: 'delete', remoteId: all[10] as string },
    ]);
    expect(again.map((r) => r.error?.kind)).toEqual(['unknown', 'unknown']);
  });

  it('PUTs reference data and reports a lone rejection as that record rejected', async () => {
    const ok = await push('labels', [
      {
        clientOpId: 'l1',
        op: 'create',
        remoteId: 'Clearance',
        doc: { identifier: 'Clearance', letter: 'C', color: 'red' },
      },
    ]);
    expect(ok).toEqual([{ clientOpId: 'l1', ok: true, remoteId: 'Clearance' }]);
    const bad = await push('labels', [
      {
        clientOpId: 'l2',
        op: 'create',
        remoteId: 'Broken',
        doc: { identifier: 'Broken', letter: 'TOO-LONG', color: 'red' },
      },
    ]);
    expect(bad[0]).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    await h.pull('etim', 'labels');
    expect(h.records('etim', 'labels').get('Clearance')?.base).toMatchObject({ letter: 'C', color: 'red' });
  });

  it('runs a synchronization trigger and follows it to the end', async () => {
    const started = await c.runSynchronization?.('tr-quick', signal());
    expect(started).toMatchObject({
      kind: 'synchronization',
      stage: 'in progress',
      state: 'running',
      percent: 0,
    });
    const busy = await c.runSynchronization?.('tr-quick', signal());
    expect(busy).toMatchObject({ state: 'failed', issues: [{ severity: 'error' }] });
    expect(busy?.message).toContain('already in progress');

    h.time.advance(2_500);
    const half = await c.importStatus?.(started?.remoteId as string, signal());
    expect(half).toMatchObject({ state: 'running' });
    expect(half?.percent).toBeGreaterThanOrEqual(50);
    h.time.advance(3_000);
    const done = await c.importStatus?.(started?.remoteId as string, signal());
    expect(done).toMatchObject({ stage: 'done', state: 'succeeded', percent: 100, total: 200 });

    const failing = await c.runSynchronization?.('tr-fail', signal());
    h.time.advance(11_000);
    expect(await c.importStatus?.(failing?.remoteId as string, signal())).toMatchObject({
      state: 'failed',
      issues: [
        {
          severity: 'error',
          message: 'Attributes conflicted: Attr1: attribute (logical) vs. attribute (numeric)',
        },
      ],
    });
  });
});
