/**
 * Remotes that take many records per request: ETIM PUTs arrays up to 16 MB with the connection's
 * `existing` mode (004_48b37cfc1a1923fe.txt) and names rejected products in its report; PrintXpand
 * takes keyed create maps and delete lists, categories before the products that use them, and
 * configurable products with their variations (003_f9a1ab627ff386f6.txt). A 413 splits a batch.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printXpandSnapshot } from '../../../src/core/demo-pim/printxpand';
import { startPushHarness } from './harness';
import type { PushHarness } from './harness';

describe('batched pushes', () => {
  let h: PushHarness;
  beforeEach(async () => {
    h = await startPushHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const pxSnapshot = () => {
    const db = new Database(h.pim.dataFile, { readonly: true });
    try {
      return printXpandSnapshot(db);
    } finally {
      db.close();
    }
  };

  it('sends ETIM edits in one PUT and rejects only the products the report names, with its reason', async () => {
    await h.core.sync.run('demo-etim');
    const ids = h.recordIds('demo-etim', 6);
    await h.call('edits:setField', {
      recordIds: ids,
      path: 'overallInformation.productName.en',
      value: 'Pushed',
    });
    const refused = h.remoteId(ids[2] as number) as string;
    h.pim.admin.setRejections('etim', [refused], 'Blocked by the data steward');
    const { recordId: created } = await h.call('records:create', {
      connectionId: 'demo-etim',
      entity: 'products',
      doc: { productId: 'PUSH-NEW-1', overallInformation: { productName: { en: 'Brand new' } } },
    });
    h.pim.admin.resetCounters('etim');
    const result = await h.push('demo-etim');
    expect(result).toMatchObject({ status: 'succeeded', sent: 6, rejected: 1, pending: 0 });
    expect(h.pim.admin.counters('etim').byEndpoint['PUT /products']).toBe(1);
    expect(h.batches.filter((b) => b.connectionId === 'demo-etim').map((b) => b.records)).toEqual([7]);
    for (const id of ids) {
      const name = h.pim.admin.getProduct(h.remoteId(id) as string)?.name.en;
      expect(name === 'Pushed').toBe(h.remoteId(id) !== refused);
    }
    expect(h.outbox('demo-etim').find((o) => o.recordId === ids[2])?.lastError).toBe(
      'Rejected by ETIM: Blocked by the data steward',
    );
    expect(h.record(created)).toMatchObject({ state: 'clean', remoteId: 'PUSH-NEW-1' });
    expect(h.pim.admin.getProduct('PUSH-NEW-1')?.name.en).toBe('Brand new');
  });

  it('gives an ETIM create the product limit keeps refusing a visible rejection with the reason', async () => {
    await h.call('records:create', {
      connectionId: 'demo-etim',
      entity: 'products',
      doc: { productId: 'OVER-LIMIT-1', overallInformation: { productName: { en: 'x' } } },
    });
    h.pim.admin.setEtimLimits({ productLimit: 200 });
    const result = await h.push('demo-etim', { maxAttempts: 3 });
    expect(result).toMatchObject({ status: 'succeeded', sent: 0, rejected: 1 });
    const [row] = h.outbox('demo-etim');
    expect(row?.state).toBe('rejected');
    expect(row?.lastError).toContain("ETIM's product limit was reached");
    expect(h.pim.admin.getProduct('OVER-LIMIT-1')).toBeNull();
  });

  it('pushes PrintXpand categories before the products that use them, variations inside their parent', async () => {
    const create = (entity: string, doc: Record<string, unknown>) =>
      h.call('records:create', { connectionId: 'demo-printxpand', entity, doc });
    // Queued products first: the push still sends the category before them.
    await create('products', {
      id: '5001',
      name: 'Tshirt',
      type: 'simple',
      price: 70.12,
      category_id: '301',
    });
    await create('products', {
      id: '10008',
      name: 'Adidas Tshirt',
      type: 'configurable',
      category_id: '301',
      attribute_names: 'Size,Color',
      variations: [
        {
          id: '10005',
          attributes: [
            { name: 'Size', option: 'M' },
            { name: 'Color', option: 'Red' },
          ],
        },
        {
          id: '10006',
          attributes: [
            { name: 'Size', option: 'L' },
            { name: 'Color', option: 'Red' },
          ],
        },
      ],
    });
    await create('categories', { id: '301', name: 'Shirts', parent_id: 0, status: 1 });
    h.pim.admin.resetCounters('printxpand');
    const result = await h.push('demo-printxpand');
    expect(result).toMatchObject({ status: 'succeeded', sent: 3, rejected: 0 });
    expect(h.batches.map((b) => `${b.entity}:${b.records}`)).toEqual(['categories:1', 'products:2']);
    const snap = pxSnapshot();
    expect(snap.categories.map((c) => c.id)).toEqual(['301']);
    expect(snap.products.map((p) => String(p.id)).sort()).toEqual(['10005', '10006', '10008', '5001']);
  });

  it('splits a PrintXpand batch the remote answers 413 and delivers both halves', async () => {
    for (let i = 0; i < 6; i++) {
      await h.call('records:create', {
        connectionId: 'demo-printxpand',
        entity: 'products',
        doc: { id: String(6000 + i), name: `Mug ${i}`, type: 'simple', price: 3 + i },
      });
    }
    h.pim.admin.failNext('printxpand', 1, { status: 413 });
    h.pim.admin.resetCounters('printxpand');
    const result = await h.push('demo-printxpand');
    expect(result).toMatchObject({ status: 'succeeded', sent: 6, rejected: 0 });
    expect(h.pim.admin.counters('printxpand').byStatus).toMatchObject({ '413': 1 });
    expect(h.batches.map((b) => b.records)).toEqual([3, 3]);
    expect(pxSnapshot().products).toHaveLength(6);
    // Deleting two goes out as one id list.
    const ids = h
      .outbox('demo-printxpand')
      .slice(0, 2)
      .map((o) => o.recordId);
    for (const recordId of ids) await h.call('records:delete', { recordId });
    expect(await h.push('demo-printxpand')).toMatchObject({ sent: 2 });
    expect(h.batches.at(-1)).toMatchObject({ entity: 'products', records: 2 });
    expect(pxSnapshot().products).toHaveLength(4);
  });
});
