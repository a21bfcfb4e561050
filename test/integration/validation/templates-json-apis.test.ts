/**
 * The PrintXpand, WEXBO and ETIM templates against their remotes. PrintXpand and WEXBO: each row
 * is turned into the JSON record the upload would send and given to the demo simulator's own
 * create functions (seeds/003_f9a1ab627ff386f6.txt, seeds/001_15500709165aa147.txt); the rows the
 * simulator rejects are the rows the pre-flight marks with errors. ETIM: the seed's example product
 * passes and its rejected example id is caught (seeds/004_48b37cfc1a1923fe.txt).
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyProduct } from '../../../src/core/demo-pim/catalog/product';
import { MAX_PRODUCT_ID } from '../../../src/core/demo-pim/etim/products';
import { createCategories } from '../../../src/core/demo-pim/printxpand/categories';
import { createCustomers } from '../../../src/core/demo-pim/printxpand/customers';
import { createOrders } from '../../../src/core/demo-pim/printxpand/orders';
import { createProducts } from '../../../src/core/demo-pim/printxpand/products';
import type { RecordResult } from '../../../src/core/demo-pim/printxpand/records';
import { ensurePrintXpandTables } from '../../../src/core/demo-pim/printxpand/store';
import { WexboFailure } from '../../../src/core/demo-pim/wexbo/envelope';
import { applyBody } from '../../../src/core/demo-pim/wexbo/write';
import { closeValidationWorkers, validateFile } from '../../../src/core/validation';
import type { ValidationReport } from '../../../src/core/validation';
import { byRule, errorsOf, tempDir } from './helpers';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await closeValidationWorkers();
});

type Row = Record<string, string>;

function parseRows(text: string): Row[] {
  const [head, ...lines] = text.trim().split('\n');
  const header = (head as string).split(',');
  return lines.map((l) =>
    Object.fromEntries(
      l.split(',').map((v, i) => [header[i] as string, v.replace(/;/g, ',').replace(/\|/g, ';')]),
    ),
  );
}

/** CSV text where ";" inside a cell stands for "," (quoted) and "|" for ";", to keep the tables readable. */
function toCsv(text: string): string {
  const [head, ...lines] = text.trim().split('\n');
  const quote = (v: string) => {
    const real = v.replace(/;/g, ',').replace(/\|/g, ';');
    return /[,";]/.test(real) ? `"${real.replace(/"/g, '""')}"` : real;
  };
  return `${head}\n${lines.map((l) => l.split(',').map(quote).join(',')).join('\n')}\n`;
}

const errorRows = (report: ValidationReport) => new Set(errorsOf(report).map((i) => i.row));
const failedRows = (results: RecordResult[], rows: number[]) =>
  new Set(results.flatMap((r, i) => (r.status === 'error' ? [rows[i] as number] : [])));

function pxDb(): Database.Database {
  const db = new Database(':memory:');
  ensurePrintXpandTables(db);
  return db;
}

async function run(name: string, text: string, template: string) {
  return validateFile({ file: tmp.file(`${name}.csv`, toCsv(text)), template });
}

describe('PrintXpand (flat rows against the simulator)', () => {
  it('categories: parents first, no self-parent, an id and a name', async () => {
    const text = `id,name,parent_id,status
101,Stationery,,1
102,Apparel,,1
103,Mens,102,1
104,Kids,105,1
105,Children,,1
106,Loop,106,1
0,Zero,,1
107,,,1
108,Toys,101,2`;
    const report = await run('categories', text, 'printxpand-categories');
    const rows = parseRows(text);
    const results = createCategories(pxDb(), rows, () => undefined);
    const remote = failedRows(
      results,
      rows.map((_, i) => i + 1),
    );
    expect(errorRows(report)).toEqual(remote);
    // status 2 is not the seed's int(0,1); the remote stores it as 1: a warning.
    expect(byRule(report, 'enum')[0]).toMatchObject({ row: 9, severity: 'warning' });
    expect(byRule(report, 'printxpand.category-order')[0]).toMatchObject({ row: 4, value: '105' });
  });

  it('products: simple and configurable, with variations as rows', async () => {
    const text = `id,name,type,price,special_price,category_id,status,attribute_names,parent_id,attributes
10001,Simple Tshirt,simple,70.12,,101,1,,,
10002,Bad price,simple,7;5,,101,1,,,
10003,,simple,10,,101,1,,,
10004,Bundle,bundle,10,,101,1,,,
10008,Adidas Tshirt,configurable,55.55,,101;102,1,Size;Color,,
10005,,,55.55,,,1,,10008,Size=M|Color=Red
10006,,,55.55,,,1,,10008,Size=M|Color=Pink
10012,Adidas Shirt,configurable,55.55,,101,1,Size;Color,,
10009,,,55.55,,,1,,10012,Size=M|Color=Red
10010,,,55.55,,,1,,10012,Size=M
10020,Lonely,configurable,5,,101,1,Size,,
10030,Twins,configurable,5,,101,1,Size,,
10031,,,5,,,1,,10030,Size=S
10032,,,5,,,1,,10030,Size=S
0,Zero id,simple,5,,101,1,,,`;
    const report = await run('products', text, 'printxpand-products');
    const rows = parseRows(text).map((cells, i) => ({ cells, row: i + 1 }));
    const db = pxDb();
    createCategories(
      db,
      [
        { id: '101', name: 'a' },
        { id: '102', name: 'b' },
      ],
      () => undefined,
    );
    const parents = rows.filter((r) => r.cells.parent_id === '');
    const records = parents.map(({ cells: p }) => {
      const rec: Record<string, unknown> = {
        id: p.id,
        name: p.name,
        type: p.type,
        price: p.price,
        special_price: p.special_price,
        category_id: p.category_id,
        status: p.status,
      };
      if (p.type === 'configurable') {
        rec.attribute_names = p.attribute_names;
        rec.variations = rows
          .filter((v) => v.cells.parent_id === p.id)
          .map(({ cells: v }) => ({
            id: v.id,
            price: v.price,
            attributes: (v.attributes as string)
              .split(';')
              .map((a) => ({ name: a.split('=')[0], option: a.split('=')[1] })),
          }));
      }
      return rec;
    });
    const remote = failedRows(
      createProducts(db, records, () => undefined),
      parents.map((p) => p.row),
    );
    // Our errors on variation rows belong to their configurable product's record.
    const parentRow = new Map(
      rows.map((r) => [
        r.row,
        r.cells.parent_id === '' ? r.row : rows.find((p) => p.cells.id === r.cells.parent_id)!.row,
      ]),
    );
    const ours = new Set([...errorRows(report)].map((r) => parentRow.get(r as number)));
    expect(ours).toEqual(remote);
    expect(remote).toEqual(new Set([2, 3, 4, 8, 11, 12, 15]));
  });

  it('orders: parallel lists of equal length and a shipping name', async () => {
    const text = `order_id,sub_total,status,design_id,item_price,item_qty,shipping_address.name,shipping_address.country_code
11001,66.00,Success,1524;1525;1526,22.00;22.00;22.00,2;3;5,PrintXpand,US
1406539694128,220.00,Open,1524;1525,22.00;22.00;22.00,2;3;5,Vincy,US
11002,0,Open,1,1.00,1,Ann,US
11003,10.00,Open,1,1.00,1,,US
,10.00,Open,1,1.00,1,Bob,US`;
    const report = await run('orders', text, 'printxpand-orders');
    const rows = parseRows(text);
    const records = rows.map((r) => ({
      order_id: r.order_id,
      sub_total: r.sub_total,
      status: r.status,
      design_id: (r.design_id ?? '').split(','),
      item_price: (r.item_price ?? '').split(','),
      item_qty: (r.item_qty ?? '').split(',').map(Number),
      shipping_address: {
        name: r['shipping_address.name'],
        country_code: r['shipping_address.country_code'],
      },
    }));
    const remote = failedRows(
      createOrders(pxDb(), records, () => undefined),
      rows.map((_, i) => i + 1),
    );
    expect(errorRows(report)).toEqual(remote);
    expect(byRule(report, 'printxpand.order-lists')[0]?.message).toContain('is not equaled');
  });

  it('customers: an id is required; a repeated e-mail is flagged (the remote refuses it on create)', async () => {
    const text = `id,first_name,last_name,email
1001,Jessica,Vincent,jessica.v@gmail.com
1002,Streak,Styris,streakstyris@10@gmail.com
,Niky,Cooper,nk.cooper@gmail.com
1003,Jess,V,Jessica.V@gmail.com`;
    const report = await run('customers', text, 'printxpand-customers');
    const rows = parseRows(text);
    const results = createCustomers(pxDb(), rows, () => undefined);
    expect(results.map((r) => r.status)).toEqual(['success', 'success', 'error', 'error']);
    expect(errorRows(report)).toEqual(new Set([3]));
    const dup = byRule(report, 'unique')[0];
    expect(dup).toMatchObject({ row: 4, column: 'email', severity: 'warning' });
    // The seed's own odd address is accepted by the remote: a warning, not an error.
    expect(byRule(report, 'type.email')[0]).toMatchObject({ row: 2, severity: 'warning' });
  });
});

describe('WEXBO products (rows as POST bodies to the simulator)', () => {
  it('rejects the same fields as the 409 answers', async () => {
    const text = `code,name,price,currency,vat,stock,ean,active
hammer-1,Hammer,3.99,EUR,0.2,5,4006381333931,true
Saw-2,Saw,3;99,eur,23,-1,4006381333932,yes
nails,,1,EUR,0.2,1,,1`;
    const report = await run('wexbo', text, 'wexbo-products');
    const num = (v = '') => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    const bool = (v = '') => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v);
    parseRows(text).forEach((r, i) => {
      const body = {
        code: r.code,
        name: r.name,
        price: num(r.price),
        currency: r.currency,
        vat: num(r.vat),
        stock: num(r.stock),
        ean: r.ean,
        active: bool(r.active),
      };
      const base = { ...emptyProduct(), id: 0, sku: '', createdAt: 0, modifiedAt: 0 };
      let rejected: string[] = [];
      try {
        applyBody(base, body, { categoryExists: () => true, skuTaken: () => false }, [], ['name']);
      } catch (err) {
        if (!(err instanceof WexboFailure)) throw err;
        rejected = err.errors.map((e) => e.field);
      }
      const ours = errorsOf(report)
        .filter((x) => x.row === i + 1)
        .map((x) => x.column);
      expect(new Set(ours)).toEqual(new Set(rejected));
    });
  });
});

describe('ETIM mapper products', () => {
  it("accepts the seed's example product (its GTIN fails the check digit: a warning only)", async () => {
    const text = `productId,gtin,productName[pl],productName[en],supplier,supplierPid,countryOfOrigin,productInStock,validFrom,expirationDate,netWeight,netWeightUnit,listPrice,priceCurrency,vat,territory,etimClassId
XYZ123,1111111111111,XYZ nazwa123,XYZ name123,AAA,ZWZ652986,PL,true,2016-01-01,2020-01-01,12,KGM,7.22,EUR,0.23,FR;DE,EC000722`;
    const report = await run('etim-seed', text, 'etim-products');
    expect(report.template.id).toBe('etim-products');
    expect(errorsOf(report)).toEqual([]);
    expect(byRule(report, 'gtin.check-digit')[0]).toMatchObject({
      severity: 'warning',
      value: '1111111111111',
    });
  });

  it('rejects the product id the seed shows rejected, and bad codes, dates and languages', async () => {
    const longId = 'JHJJFF76742345-fsgdfhgddskjhf34581';
    expect(longId.length).toBeGreaterThan(MAX_PRODUCT_ID);
    const text = `productId,productName[en],productName[EN],countryOfOrigin,validFrom,priceCurrency,attachmentLanguage
${longId},ok,x,PL,2016-01-01,EUR,en
P2 , spaced ,x,DEU,2016-02-30,€,eng
,no id,x,PL,2016-01-01,EUR,pl`;
    const report = await run('etim-bad', text, 'etim-products');
    expect(byRule(report, 'length')[0]).toMatchObject({ row: 1, column: 'productId', severity: 'error' });
    expect(byRule(report, 'header.language')[0]?.column).toBe('productName[EN]');
    const row2 = report.issues.filter((i) => i.row === 2).map((i) => i.rule);
    expect(row2).toEqual(
      expect.arrayContaining(['text.spaces', 'type.country', 'type.date', 'type.currency', 'type.language']),
    );
    expect(byRule(report, 'type.currency')[0]?.message).toContain('write EUR');
    expect(byRule(report, 'required')[0]).toMatchObject({ row: 3, column: 'productId' });
  });
});
