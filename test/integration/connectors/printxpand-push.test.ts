/**
 * The PrintXpand connector (seeds/003_f9a1ab627ff386f6.txt) against the demo PIM over loopback HTTP,
 * OAuth 1.0a signed: per-record results of mixed batches for every entity, push order, configurable
 * products with variations, deletes, the 201 "partially succeeded" answer, and what is stored.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printxpandConnector } from '../../../src/core/connectors/printxpand';
import { planBatch, PX_ENTITIES } from '../../../src/core/connectors/printxpand/requests';
import { pushOrder, requireMethod } from '../../../src/core/connectors/types';
import type { Connector, PushOp, PushResult } from '../../../src/core/connectors/types';
import { printXpandSnapshot } from '../../../src/core/demo-pim/printxpand';
import type { HttpAuth } from '../../../src/core/net/auth';
import { connect, signal, startPim } from './connector-harness';
import type { Connected, PimHarness } from './connector-harness';

let h: PimHarness;
let conn: Connected;
let px: Connector;

function oauth(h: PimHarness): HttpAuth {
  const c = h.pim.credentials.printxpand;
  return {
    kind: 'oauth1',
    consumerKey: c.consumerKey,
    consumerSecret: c.consumerSecret,
    token: c.accessToken,
    tokenSecret: c.accessSecret,
  };
}

beforeEach(async () => {
  h = await startPim();
  conn = connect(h, printxpandConnector, h.pim.urls.printxpand, oauth(h));
  px = conn.connector;
});
afterEach(async () => {
  conn.close();
  await h.close();
});

let seq = 0;
function op(kind: PushOp['op'], remoteId: string | null, doc?: Record<string, unknown>): PushOp {
  seq += 1;
  return { clientOpId: `op-${seq}`, op: kind, remoteId, ...(doc ? { doc } : {}) };
}

function byOp(results: PushResult[]): Map<string, PushResult> {
  return new Map(results.map((r) => [r.clientOpId, r]));
}

function snapshot() {
  const db = new Database(h.pim.dataFile);
  try {
    return printXpandSnapshot(db);
  } finally {
    db.close();
  }
}

const push = (entity: string, batch: PushOp[]) => requireMethod(px, 'push')(entity, batch, signal());

const category = (id: string, name: string, parent: string | number = 0) =>
  op('create', id, { id, name, parent_id: parent, status: 1 });

describe('capabilities', () => {
  it('is push-only, upserts by our id, and pushes categories before products', () => {
    const caps = printxpandConnector.capabilities;
    expect(caps).toMatchObject({ read: false, write: true, importOnly: false, auth: 'oauth1' });
    expect(pushOrder(caps, ['orders', 'products', 'customers', 'categories'])).toEqual([
      'customers',
      'categories',
      'products',
      'orders',
    ]);
    expect(caps.entityDetails?.products).toMatchObject({ idempotentCreate: true, deletions: 'none' });
    expect(caps.entityDetails?.orders?.ops).toEqual(['create']);
    expect(caps.limits.maxBodyBytes).toBe(1024 * 1024);
  });

  it('encodes requests exactly in the seed’s keyed-map and id-list shapes, and measures them exactly', () => {
    const entity = PX_ENTITIES.find((e) => e.name === 'categories')!;
    const upsert = [category('101', 'Stationary')];
    const [req] = planBatch(entity, upsert).requests;
    expect(req!.json).toBe('{"category":{"101":{"id":"101","name":"Stationary","parent_id":0,"status":1}}}');
    expect(px.measureBatch!('categories', upsert)).toEqual({
      bytes: Buffer.byteLength(req!.json),
      params: 4,
      requests: 1,
    });
    const deletes = [op('delete', '1001'), op('delete', '1002')];
    expect(planBatch(entity, deletes).requests[0]!.json).toBe('{"category":["1001","1002"]}');
    // An upsert after a delete of the same batch keeps its place: a second request.
    expect(px.measureBatch!('categories', [...deletes, category('103', 'Mens')]).requests).toBe(2);
  });
});

describe('categories', () => {
  it('answers each record on its own: the invalid ones are rejected, the rest of the batch is written', async () => {
    const good1 = category('101', 'Stationary');
    const good2 = category('102', 'Apparel');
    const child = category('103', 'Mens', '102');
    const orphan = category('104', 'Books', '9999');
    const noName = category('105', '');
    const results = byOp(await push('categories', [good1, good2, child, orphan, noName]));

    expect(results.get(good1.clientOpId)).toEqual({
      clientOpId: good1.clientOpId,
      ok: true,
      remoteId: '101',
    });
    expect(results.get(child.clientOpId)?.ok).toBe(true);
    for (const bad of [orphan, noName]) {
      expect(results.get(bad.clientOpId)).toMatchObject({
        ok: false,
        error: {
          kind: 'rejected',
          code: '404',
          message: 'Please send proper data like id, name and parent id of Category!',
        },
      });
    }
    expect(snapshot().categories.map((c) => c.id)).toEqual(['101', '102', '103']);

    // Sending the creates again updates (upsert by id): nothing is duplicated.
    const again = await push('categories', [category('101', 'Stationery')]);
    expect(again[0]).toMatchObject({ ok: true, remoteId: '101' });
    expect(snapshot().categories.find((c) => c.id === '101')?.name).toBe('Stationery');
  });

  it('deletes by id list; a delete of an id the remote no longer has counts as done', async () => {
    await push('categories', [category('201', 'Gone'), category('202', 'Stays')]);
    const del = op('delete', '201');
    const missing = op('delete', '4545454');
    const results = byOp(await push('categories', [del, missing]));
    expect(results.get(del.clientOpId)).toMatchObject({ ok: true, remoteId: '201' });
    // The simulator answers 404 "Category Id is not Found!": after a crash the retry must not fail.
    expect(results.get(missing.clientOpId)).toMatchObject({ ok: true, remoteId: '4545454' });
    expect(snapshot().categories.map((c) => c.id)).toEqual(['202']);
  });
});

describe('products', () => {
  const simple = (id: string, extra: Record<string, unknown> = {}) =>
    op('create', id, { id, name: `Tshirt ${id}`, price: '70.12', type: 'simple', status: 1, ...extra });

  it('needs its categories first: pushed in capability order, the same batch succeeds', async () => {
    const product = simple('5001', { category_id: '301' });
    const early = await push('products', [product]);
    expect(early[0]).toMatchObject({
      ok: false,
      error: { kind: 'rejected', message: 'Category Id is not Found!' },
    });

    const batches: Record<string, PushOp[]> = {
      products: [simple('5001', { category_id: '301' })],
      categories: [category('301', 'Shirts')],
    };
    const outcomes: PushResult[] = [];
    for (const entity of pushOrder(printxpandConnector.capabilities, Object.keys(batches))) {
      outcomes.push(...(await push(entity, batches[entity]!)));
    }
    expect(outcomes.map((r) => r.ok)).toEqual([true, true]);
  });

  it('sends a configurable product with its variations in one request and rejects bad ones per record', async () => {
    await push('categories', [category('101', 'Apparel')]);
    const configurable = op('create', '10008', {
      name: 'Adidas Tshirt',
      price: '55.55',
      category_id: '101',
      attribute_names: 'Size,Color',
      type: 'configurable',
      // A local list; the seed's wire shape is a map keyed by the variation id.
      variations: [
        {
          id: '10005',
          price: '55.55',
          attributes: [
            { name: 'Size', option: 'M' },
            { name: 'Color', option: 'Red' },
          ],
        },
        {
          id: '10006',
          price: '55.55',
          attributes: [
            { name: 'Size', option: 'M' },
            { name: 'Color', option: 'Pink' },
          ],
        },
      ],
    });
    const badVariations = op('create', '10012', {
      name: 'Adidas Shirt',
      type: 'configurable',
      attribute_names: 'Size,Color',
      variations: { '10009': { id: '10009', attributes: [{ name: 'Size', option: 'M' }] } },
    });
    const badSpecial = simple('10001', { special_price: 'Test 11111' });
    const noName = simple('10002', { name: '' });
    const fine = simple('10003');
    const batch = [configurable, badVariations, badSpecial, noName, fine];
    expect(px.measureBatch!('products', batch).requests).toBe(1);

    const results = byOp(await push('products', batch));
    expect(results.get(configurable.clientOpId)).toMatchObject({ ok: true, remoteId: '10008' });
    expect(results.get(fine.clientOpId)).toMatchObject({ ok: true, remoteId: '10003' });
    expect(results.get(badVariations.clientOpId)?.error).toEqual({
      kind: 'rejected',
      code: '404',
      message: 'Configurable product and its sub-products must have proper attribute values.',
    });
    expect(results.get(badSpecial.clientOpId)?.error?.message).toBe('Please pass vaild special_price.');
    expect(results.get(noName.clientOpId)?.error?.message).toBe(
      'Please pass the proper product data like id,name and type. Also, product type must be either simple or configurable of Magento.',
    );

    const db = new Database(h.pim.dataFile, { readonly: true });
    try {
      const rows = db.prepare('SELECT id, type, parent_id FROM px_product ORDER BY id').all();
      expect(rows).toEqual([
        { id: '10003', type: 'simple', parent_id: null },
        { id: '10005', type: 'simple', parent_id: '10008' },
        { id: '10006', type: 'simple', parent_id: '10008' },
        { id: '10008', type: 'configurable', parent_id: null },
      ]);
    } finally {
      db.close();
    }
  });

  it('maps a scripted per-record rejection and a delete list', async () => {
    await push('products', [simple('7001'), simple('7002')]);
    await h.pim.admin.setRejections('printxpand', ['7002'], 'Locked by an open order');
    const del1 = op('delete', '7001');
    const del2 = op('delete', '7002');
    const results = byOp(await push('products', [del1, del2]));
    expect(results.get(del1.clientOpId)).toMatchObject({ ok: true });
    expect(results.get(del2.clientOpId)).toMatchObject({
      ok: false,
      error: { kind: 'rejected', code: '400', message: 'Locked by an open order' },
    });
    expect(snapshot().products.map((p) => p.id)).toEqual(['7002']);
  });
});

describe('customers and orders', () => {
  it('upserts customers by id and answers each one; a customer delete is refused without a request', async () => {
    const jessica = op('create', '1001', {
      first_name: 'Jessica',
      last_name: 'Vincent',
      email: 'jessica.v@gmail.com',
    });
    await push('customers', [jessica]);
    const rename = op('update', '1001', {
      first_name: 'Jess',
      last_name: 'Vincent',
      email: 'jessica.v@gmail.com',
    });
    const sameEmail = op('create', '1002', {
      first_name: 'Jo',
      last_name: 'V',
      email: 'jessica.v@gmail.com',
    });
    const noId = op('create', null, { first_name: 'Nobody' });
    const del = op('delete', '1001');
    const before = (await h.pim.admin.counters('printxpand')).total;
    const results = byOp(await push('customers', [rename, sameEmail, noId, del]));
    expect((await h.pim.admin.counters('printxpand')).total).toBe(before + 1);

    expect(results.get(rename.clientOpId)).toMatchObject({ ok: true, remoteId: '1001' });
    expect(results.get(sameEmail.clientOpId)?.error).toEqual({
      kind: 'rejected',
      code: '400',
      message: 'A customer with the same email address already exists in an associated website.',
    });
    expect(results.get(noId.clientOpId)?.error?.kind).toBe('rejected');
    expect(results.get(del.clientOpId)?.error?.message).toMatch(/no delete for customers/);
    expect(snapshot().customers).toEqual([
      { id: '1001', first_name: 'Jess', last_name: 'Vincent', email: 'jessica.v@gmail.com' },
    ]);
  });

  it('creates orders and matches each result to its order whatever order JSON puts the keys in', async () => {
    const order = (id: string, items: number) =>
      op('create', id, {
        order_id: id,
        shipping_address: { name: 'Veronica', city: 'Dallas', country_code: 'US' },
        sub_total: '66.00',
        status: 'Success',
        design_id: ['1524', '1525', '1526'],
        item_price: ['22.00', '22.00', '22.00'].slice(0, items),
        item_qty: [2, 3, 5],
      });
    // "1406539694128" is too large to be an array index, so JSON puts "11001" before it.
    const unequal = order('1406539694128', 2);
    const fine = order('11001', 3);
    const results = byOp(await push('orders', [unequal, fine]));
    expect(results.get(fine.clientOpId)).toMatchObject({ ok: true, remoteId: '11001' });
    expect(results.get(unequal.clientOpId)?.error).toEqual({
      kind: 'rejected',
      code: '404',
      message: 'Order design id, item price, and item qty is not equaled',
    });
    expect(snapshot().orders.map((o) => o.order_id)).toEqual(['11001']);
  });
});
