/**
 * PrintXpand on Magento 2 (seeds/003_f9a1ab627ff386f6.txt): the seed's own examples replayed and
 * compared field by field, then every per-record rejection, over signed HTTP and a real SQLite file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_PRINTXPAND_CREDENTIALS,
  createPrintXpandSystem,
  printXpandSnapshot,
  rejectPrintXpandRecords,
} from '../../../src/core/demo-pim/printxpand';
import { call, records } from './printxpand-client';
import type { RecordResult } from './printxpand-client';
import { SEED_EXAMPLES } from './printxpand-seed';
import { startSystem } from './system-harness';
import type { SystemHarness } from './system-harness';

let h: SystemHarness;

beforeEach(async () => {
  h = await startSystem(createPrintXpandSystem(DEMO_PRINTXPAND_CREDENTIALS));
});
afterEach(async () => {
  await h.close();
});

/**
 * The seed spells one outcome several ways ("Customer created" / "Customer Created", "!" / "!!",
 * "Prodcut", "succesfully") and types ids and codes loosely; this folds only those differences.
 */
function seedForm(r: RecordResult) {
  const message = r.message
    .toLowerCase()
    .replace(/!+$/, '!')
    .replace('prodcut', 'product')
    .replace('succesfully', 'successfully');
  return {
    hasId: 'id' in r,
    id: r.id === undefined ? undefined : String(r.id),
    code: Number(r.code),
    status: r.status,
    message,
  };
}

describe('PrintXpand replays the seed’s examples', () => {
  for (const example of SEED_EXAMPLES) {
    it(example.name, async () => {
      for (const step of example.before ?? []) {
        const setup = await records(h, step.path, step.payload);
        expect(setup.every((r) => r.status === 'success')).toBe(true);
      }
      const actual = await records(h, example.path, example.payload);
      expect(actual.map(seedForm)).toEqual(example.response.map(seedForm));
      for (const r of actual)
        expect(Object.keys(r)).toEqual(['id', 'code', 'status', 'message'].filter((k) => k in r));
    });
  }
});

describe('PrintXpand per-record results', () => {
  it('types codes as the seed does: "200" when all succeed, numbers in a mixed batch', async () => {
    const all = await records(h, 'category/create', { category: { a: { id: '1', name: 'A' } } });
    expect(all).toEqual([
      { id: '1', code: '200', status: 'success', message: 'Category created successfully!' },
    ]);
    const mixed = await records(h, 'category/create', {
      category: { a: { id: '1', name: 'A' }, b: { id: '2', name: '' } },
    });
    expect(mixed).toEqual([
      { id: '1', code: 200, status: 'success', message: 'Category Updated successfully!' },
      {
        id: '2',
        code: 404,
        status: 'error',
        message: 'Please send proper data like id, name and parent id of Category!',
      },
    ]);
  });

  it('rejects unknown categories and parents but processes the rest of the batch', async () => {
    const cats = await records(h, 'category/create', {
      category: {
        a: { id: '10', name: 'Root' },
        b: { id: '11', name: 'Orphan', parent_id: '99' },
        c: { id: '12', name: 'Child', parent_id: '10' },
      },
    });
    expect(cats.map((r) => [r.id, r.status])).toEqual([
      ['10', 'success'],
      ['11', 'error'],
      ['12', 'success'],
    ]);
    const products = await records(h, 'product/create', {
      product: {
        a: { id: 'P1', name: 'In Root', type: 'simple', category_id: '10,12' },
        b: { id: 'P2', name: 'Nowhere', type: 'Simple', category_id: '10,77' },
        c: { id: 'P3', name: 'Also fine', type: 'SIMPLE', category_ids: '12' },
      },
    });
    expect(products).toEqual([
      { id: 'P1', code: 200, status: 'success', message: 'Product Created Successfully!' },
      { id: 'P2', code: 404, status: 'error', message: 'Category Id is not Found!' },
      { id: 'P3', code: 200, status: 'success', message: 'Product Created Successfully!' },
    ]);
    expect(printXpandSnapshot(h.db).products.map((p) => p.id)).toEqual(['P1', 'P3']);
  });

  it('rejects products missing id, name or type and bad prices', async () => {
    const results = await records(h, 'product/create', {
      product: {
        a: { name: 'No id', type: 'simple' },
        b: { id: 'B', type: 'simple' },
        c: { id: 'C', name: 'Bundle', type: 'bundle' },
        d: { id: 'D', name: 'Price', type: 'simple', price: '12,50' },
        e: { id: 'E', name: 'Fine', type: 'simple', price: 12.5, special_price: '9.99' },
      },
    });
    const bad =
      'Please pass the proper product data like id,name and type. Also, product type must be either simple or configurable of Magento.';
    expect(results).toEqual([
      { code: 404, status: 'error', message: bad },
      { id: 'B', code: 404, status: 'error', message: bad },
      { id: 'C', code: 404, status: 'error', message: bad },
      { id: 'D', code: 404, status: 'error', message: 'Please pass vaild price.' },
      { id: 'E', code: 200, status: 'success', message: 'Product Created Successfully!' },
    ]);
  });

  it('rejects configurable products without proper variations and stores good ones with children', async () => {
    const v = (id: string, size: string, color: string) => ({
      id,
      attributes: [
        { name: 'Size', option: size },
        { name: 'Color', option: color },
      ],
    });
    const base = { name: 'Tee', type: 'configurable', attribute_names: 'Size,Color' };
    const results = await records(h, 'product/create', {
      product: {
        noNames: { ...base, id: 'C1', attribute_names: '', variations: { a: v('C1-a', 'M', 'Red') } },
        dupCombo: { ...base, id: 'C2', variations: { a: v('C2-a', 'M', 'Red'), b: v('C2-b', 'M', 'Red') } },
        missingAttr: {
          ...base,
          id: 'C3',
          variations: { a: { id: 'C3-a', attributes: [{ name: 'Size', option: 'M' }] } },
        },
        unknownAttr: {
          ...base,
          id: 'C4',
          variations: {
            a: {
              id: 'C4-a',
              attributes: [
                { name: 'Fit', option: 'Slim' },
                { name: 'Size', option: 'M' },
              ],
            },
          },
        },
        emptyOption: { ...base, id: 'C5', variations: { a: v('C5-a', 'M', '') } },
        good: { ...base, id: 'C6', variations: { a: v('C6-a', 'M', 'Red'), b: v('C6-b', 'L', 'Red') } },
      },
    });
    const bad = 'Configurable product and its sub-products must have proper attribute values.';
    expect(results.map((r) => [r.id, r.message])).toEqual([
      ['C1', bad],
      ['C2', bad],
      ['C3', bad],
      ['C4', bad],
      ['C5', bad],
      ['C6', 'Product Created Successfully!'],
    ]);
    const stored = printXpandSnapshot(h.db).products;
    expect(stored.map((p) => [p.id, p.type])).toEqual([
      ['C6', 'configurable'],
      ['C6-a', 'simple'],
      ['C6-b', 'simple'],
    ]);
  });

  it('rejects orders with unequal lists or missing required fields', async () => {
    const address = { name: 'Jane' };
    const good = {
      sub_total: '10.00',
      shipping_address: address,
      design_id: ['1'],
      item_price: ['10.00'],
      item_qty: [1],
    };
    const results = await records(h, 'order/create', {
      order: {
        a: { ...good, order_id: '' },
        b: { ...good, order_id: 'B', item_qty: [1, 2] },
        c: { ...good, order_id: 'C', sub_total: '' },
        d: { ...good, order_id: 'D', shipping_address: { city: 'Nowhere' } },
        e: { ...good, order_id: 'E', design_id: undefined },
        f: { ...good, order_id: 'F' },
      },
    });
    const bad =
      'Please pass the proper order data like order_id, sub_total, item_price, item_qty, design_id and shipping_address.';
    expect(results).toEqual([
      { code: 404, status: 'error', message: bad },
      {
        id: 'B',
        code: 404,
        status: 'error',
        message: 'Order design id, item price, and item qty is not equaled',
      },
      { id: 'C', code: 404, status: 'error', message: bad },
      { id: 'D', code: 404, status: 'error', message: bad },
      { id: 'E', code: 404, status: 'error', message: bad },
      { id: 'F', code: 200, status: 'success', message: 'Order Created successfully!!' },
    ]);
  });

  it('updates only first and last name of an existing customer', async () => {
    await records(h, 'customer/create', {
      customer: { a: { id: '7', first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com' } },
    });
    await records(h, 'customer/create', {
      customer: { a: { id: '7', first_name: 'Anna', email: 'other@example.com' } },
    });
    expect(printXpandSnapshot(h.db).customers).toEqual([
      { id: '7', first_name: 'Anna', last_name: 'Lee', email: 'ann@example.com' },
    ]);
  });

  it('deletes a category with its subtree', async () => {
    await records(h, 'category/create', {
      category: {
        a: { id: '1', name: 'A' },
        b: { id: '2', name: 'B', parent_id: '1' },
        c: { id: '3', name: 'C', parent_id: '2' },
      },
    });
    expect(await records(h, 'category/delete', { category: ['2'] })).toHaveLength(1);
    expect(printXpandSnapshot(h.db).categories.map((c) => c.id)).toEqual(['1']);
  });

  it('answers scripted rejections per record, from the hook and from the fault layer', async () => {
    rejectPrintXpandRecords(h.db, ['SKU-2'], 'Product is locked for editing.');
    const results = await records(h, 'product/create', {
      product: {
        a: { id: 'SKU-1', name: 'One', type: 'simple' },
        b: { id: 'SKU-2', name: 'Two', type: 'simple' },
      },
    });
    expect(results[1]).toEqual({
      id: 'SKU-2',
      code: 400,
      status: 'error',
      message: 'Product is locked for editing.',
    });
    const deleted = await records(h, 'product/delete', { product: ['SKU-1'] });
    expect(deleted[0]!.status).toBe('success');

    const other = await startSystem(createPrintXpandSystem(DEMO_PRINTXPAND_CREDENTIALS), {
      rejectionFor: (key) => (key === '5' ? 'Rejected by the fault layer.' : undefined),
    });
    try {
      const r = await records(other, 'customer/create', { customer: { a: { id: 5 }, b: { id: 6 } } });
      expect(r).toEqual([
        { id: 5, code: 400, status: 'error', message: 'Rejected by the fault layer.' },
        { id: 6, code: 200, status: 'success', message: 'Customer created successfully!' },
      ]);
    } finally {
      await other.close();
    }
  });

  it('keeps records across a restart on the same data file', async () => {
    await records(h, 'product/create', { product: { a: { id: 'K', name: 'Kept', type: 'simple' } } });
    await h.restart();
    const again = await records(h, 'product/create', {
      product: { a: { id: 'K', name: 'Kept 2', type: 'simple' } },
    });
    expect(again[0]!.message).toBe('Product Updated Successfully!');
  });
});

describe('PrintXpand Magento REST plumbing', () => {
  it('answers unknown routes and wrong methods like Magento', async () => {
    for (const [path, method] of [
      ['widget/create', 'POST'],
      ['customer/create', 'GET'],
    ] as const) {
      const res = await call(h, path, {}, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: 'Request does not match any route.' });
    }
    const store = await fetch(`${h.url}/rest/default/V1/customer/create`, { method: 'POST' });
    expect(store.status).toBe(401);
  });

  it('reads orders from a GET query string, as the seed allows GET/POST', async () => {
    const q =
      '?order[9][order_id]=9&order[9][sub_total]=5.00&order[9][shipping_address][name]=Jo' +
      '&order[9][design_id][]=1&order[9][item_price][]=5.00&order[9][item_qty][]=1';
    const res = await call(h, `order/create/${q}`, undefined, { method: 'GET' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { response: [{ id: '9', code: '200', status: 'success', message: 'Order Created successfully!!' }] },
    ]);
  });

  it('checks Content-Type, JSON and the top-level parameter', async () => {
    const cases: [Parameters<typeof call>[3], number, unknown][] = [
      [{ contentType: null }, 400, { message: 'Content-Type header is empty.' }],
      [
        { contentType: 'text/plain' },
        400,
        {
          message: 'Server cannot understand Content-Type HTTP header media type %1',
          parameters: ['text/plain'],
        },
      ],
      [
        { contentType: 'application/json; charset=latin1' },
        400,
        { message: 'UTF-8 is the only supported charset.' },
      ],
      [{ rawBody: '{"customer": {' }, 400, { message: 'Decoding error.' }],
      [
        { rawBody: '{"customers": {}}' },
        400,
        { message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName: 'customer' } },
      ],
    ];
    for (const [opts, status, body] of cases) {
      const res = await call(h, 'customer/create', {}, opts);
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual(body);
    }
  });

  it('words injected faults as Magento errors and refuses empty credentials', () => {
    const reply = createPrintXpandSystem(DEMO_PRINTXPAND_CREDENTIALS).errorReply!(503, 'Service Unavailable');
    expect(reply.status).toBe(503);
    expect(JSON.parse(String(reply.body))).toEqual({ message: 'Service Unavailable' });
    expect(() => createPrintXpandSystem({ ...DEMO_PRINTXPAND_CREDENTIALS, consumerKey: '' })).toThrow(
      /non-empty/,
    );
  });
});
