/**
 * Broadleaf admin importer simulator (seeds/002_dd6ca172e7a2ab05.txt) over real HTTP with HTTP
 * Basic, real CSV/XLSX/ZIP bodies, a real SQLite file and a fake clock for the status polling.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addBroadleafRecordRejection,
  createBroadleafSystem,
  forceBroadleafNextImport,
  listBroadleafRecords,
  setBroadleafTiming,
} from '../../../src/core/demo-pim/broadleaf';
import { PNG_BYTES, writeZip } from './zip-writer';
import { startSystem } from './system-harness';
import type { SystemHarness } from './system-harness';

// The seed's curl example, without the shell's line-continuation backslashes.
const SEED_CSV = [
  'SKU Number,SKU Indicator,Product Title,Product Description,Product Description(SPANISH),Default Category Id,Product URL,Retail Price,UPC,Available Quantity,ProductAttribute[Color]',
  '2011,,ProductB2011,ProductB2011 is awesome!!!,¡ ProductB2011 es increíble!,2007,/mens/ProductB2011,3.99,2822011,300,Red',
  '2012,,ProductB2012,ProductB2012 is awesome!!!,¡ ProductB2012 es increíble!,2007,/mens/ProductB2012,3.99,2822012,300,Blue',
  '2013,,ProductB2013,ProductB2013 is awesome!!!,¡ ProductB2013 es increíble!,2007,/mens/ProductB2013,3.99,2822013,300,Black',
].join('\n');
const SEED_QUERY =
  'importSpecification=DefaultProductImportSpecification&catalogId=-2&siteId=-3&userId=-2&fileType=CSV';
const BASIC = `Basic ${Buffer.from('admin:demo').toString('base64')}`;
const DATE = /^\d{4}\.\d\d\.\d\d \d\d:\d\d:\d\d$/;

// Keys of the seed's three ImportStatus examples, in order.
const SCHEDULED_KEYS = [
  'status',
  'lastUpdateDate',
  'totalRecords',
  'percentComplete',
  'statusId',
  'statusUrl',
  'details',
];
const POLL_KEYS = ['status', 'createdDate', ...SCHEDULED_KEYS.slice(1)];

interface Status {
  status: string;
  createdDate?: string;
  lastUpdateDate: string;
  totalRecords: number;
  percentComplete: number;
  statusId: number;
  statusUrl: string;
  details: { type: string; description: string }[];
}

let h: SystemHarness;

beforeEach(async () => {
  h = await startSystem(createBroadleafSystem());
  setBroadleafTiming(h.db, { startDelayMs: 1000, perRecordMs: 0, minProcessMs: 2000 });
});
afterEach(async () => {
  await h.close();
});

async function post(
  type: string,
  query: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  return fetch(`${h.url}/admin/api/importer/${type}?${query}`, {
    method: 'POST',
    headers: { Authorization: BASIC, Accept: 'application/json', 'Content-Type': 'text/csv', ...headers },
    body,
  });
}

async function schedule(
  type: string,
  query: string,
  body: string | Buffer,
): Promise<{ raw: string; json: Status }> {
  const res = await post(type, query, body);
  expect(res.status).toBe(200);
  const raw = await res.text();
  return { raw, json: JSON.parse(raw) as Status };
}

async function poll(statusUrl: string): Promise<{ raw: string; json: Status }> {
  const res = await fetch(new URL(statusUrl, h.origin), { headers: { Authorization: BASIC } });
  expect(res.status).toBe(200);
  const raw = await res.text();
  return { raw, json: JSON.parse(raw) as Status };
}

/** Moves the clock past the end of every phase and returns the final document. */
async function finish(statusUrl: string): Promise<Status> {
  h.clock.advance(10_000);
  return (await poll(statusUrl)).json;
}

function csvBody(rows: string[], header = SEED_CSV.split('\n')[0]!): string {
  return [header, ...rows].join('\n');
}

describe('Broadleaf HTTP Basic security', () => {
  it('challenges missing or wrong credentials with 401 and Spring’s error body', async () => {
    const wrong = `Basic ${Buffer.from('admin:nope').toString('base64')}`;
    const attempts: Record<string, string>[] = [{}, { Authorization: wrong }, { Authorization: 'Bearer x' }];
    for (const headers of attempts) {
      const res = await fetch(`${h.url}/admin/api/importer/PRODUCT?${SEED_QUERY}`, {
        method: 'POST',
        headers,
        body: SEED_CSV,
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="Realm"');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        status: 401,
        error: 'Unauthorized',
        message: 'Unauthorized',
        path: '/admin/api/importer/PRODUCT',
      });
      expect(body.timestamp).toBe('2024-03-01T09:00:00.000+00:00');
    }
  });

  it('uses the credentials given to the factory', async () => {
    const other = await startSystem(createBroadleafSystem({ user: 'testadmin', password: 'admin' }));
    try {
      const res = await fetch(`${other.url}/admin/api/importer/status/1`, {
        headers: { Authorization: `Basic ${Buffer.from('testadmin:admin').toString('base64')}` },
      });
      expect(res.status).toBe(404);
    } finally {
      await other.close();
    }
  });
});

describe('Broadleaf import status life cycle', () => {
  it('replays the seed’s product import through START_REQUESTED, IN_PROCESS and COMPLETED', async () => {
    const scheduled = await schedule('PRODUCT', SEED_QUERY, SEED_CSV);
    expect(Object.keys(scheduled.json)).toEqual(SCHEDULED_KEYS);
    expect(scheduled.json).toMatchObject({
      status: 'START_REQUESTED',
      totalRecords: 3,
      percentComplete: 0,
      statusId: 1,
      statusUrl: '/broadleaf/admin/api/importer/status/1',
      details: [],
    });
    expect(scheduled.json.lastUpdateDate).toBe('2024.03.01 09:00:00');
    expect(scheduled.raw).toContain('"percentComplete":0.0');

    h.clock.advance(2000);
    const half = await poll(scheduled.json.statusUrl);
    expect(Object.keys(half.json)).toEqual(POLL_KEYS);
    expect(half.json).toMatchObject({
      status: 'IN_PROCESS',
      percentComplete: 50,
      totalRecords: 3,
      details: [],
    });
    expect(half.raw).toContain('"percentComplete":50.0');
    expect(half.json.createdDate).toBe('2024.03.01 09:00:00');
    expect(half.json.lastUpdateDate).toBe('2024.03.01 09:00:02');

    h.clock.advance(1000);
    const done = await poll(scheduled.json.statusUrl);
    expect(Object.keys(done.json)).toEqual(POLL_KEYS);
    expect(done.json).toMatchObject({
      status: 'COMPLETED',
      percentComplete: 100,
      totalRecords: 3,
      statusId: 1,
    });
    expect(done.json.lastUpdateDate).toMatch(DATE);
    expect(done.raw).toContain('"percentComplete":100.0');
    const records = listBroadleafRecords(h.db, 'PRODUCT');
    expect(records.map((r) => r.key)).toEqual(['2011', '2012', '2013']);
    expect(records[0]!.data['ProductAttribute[Color]']).toBe('Red');

    // The seed also documents GET /api/importer/{statusId}.
    const alt = await fetch(`${h.url}/admin/api/importer/1`, { headers: { Authorization: BASIC } });
    expect(((await alt.json()) as Status).status).toBe('COMPLETED');
  });

  it('ends a file with a missing Product Title in exactly the seed’s error document', async () => {
    const row = '2014,,,No title,,2007,/mens/x,3.99,2822014,300,Red';
    const { json } = await schedule('PRODUCT', SEED_QUERY, csvBody([row]));
    h.clock.advance(1500);
    expect((await poll(json.statusUrl)).json.status).toBe('IN_PROCESS');
    expect(await finish(json.statusUrl)).toEqual({
      totalRecords: 0,
      details: [
        { type: 'status', description: 'error' },
        { type: 'message', description: 'Error in the uploaded file' },
        { type: 'headerValidation', description: '[]' },
        {
          type: 'recordValidation',
          description:
            '[{"fieldName":"Product Title","fieldValue":"","rowNumber":1,"message":"Missing Required Data"}]',
        },
      ],
    });
    expect(listBroadleafRecords(h.db)).toEqual([]);
  });

  it('reports unknown and missing headers, bad numbers and malformed records', async () => {
    const headerCase = await schedule('PRODUCT', SEED_QUERY, 'SKU Number,Colour\n1,Red\n');
    const headerDoc = await finish(headerCase.json.statusUrl);
    expect(JSON.parse(headerDoc.details[2]!.description)).toEqual([
      { fieldName: 'Product Title', fieldValue: '', rowNumber: 0, message: 'Missing Required Header' },
      { fieldName: 'Colour', fieldValue: 'Colour', rowNumber: 0, message: 'Unknown Header' },
    ]);
    expect(headerDoc.details[3]!.description).toBe('[]');

    const rows = [
      '2015,,Ok,,,2007,/x,3,5,1,Red',
      '2016,,Price,,,2007,/x,3;99,5,1,Red',
      '2017,,"Broken,,,2007,/x,3,5,1,Red',
    ];
    const recordCase = await schedule('PRODUCT', SEED_QUERY, csvBody(rows));
    const recordDoc = await finish(recordCase.json.statusUrl);
    expect(JSON.parse(recordDoc.details[3]!.description)).toEqual([
      { fieldName: 'Retail Price', fieldValue: '3;99', rowNumber: 2, message: 'Invalid Number Format' },
      { fieldName: '', fieldValue: '', rowNumber: 3, message: 'Malformed Record' },
    ]);
  });

  it('imports an XLSX body with formulas and dates', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Products');
    sheet.addRow([
      'SKU Number',
      'Product Title',
      'Retail Price',
      'Available Quantity',
      'ProductAttribute[Launch]',
    ]);
    sheet.addRow([3001, 'Excel Product', 4.5, 10, new Date(Date.UTC(2024, 0, 15))]);
    sheet.addRow([3002, 'Formula Product', { formula: 'C2*2', result: 9 }, 20, '']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const query = 'importSpecification=DefaultProductImportSpecification&fileType=XLSX';
    const { json } = await schedule('PRODUCT', query, xlsx);
    expect(json.totalRecords).toBe(2);
    expect((await finish(json.statusUrl)).status).toBe('COMPLETED');
    const records = listBroadleafRecords(h.db, 'PRODUCT');
    expect(records.map((r) => [r.key, r.data['Retail Price'], r.data['ProductAttribute[Launch]']])).toEqual([
      ['3001', '4.5', '2024-01-15'],
      ['3002', '9', ''],
    ]);

    const broken = await schedule('PRODUCT', query, Buffer.from('PK\u0003\u0004 not really a workbook'));
    expect((await finish(broken.json.statusUrl)).details.slice(0, 2)).toEqual([
      { type: 'status', description: 'error' },
      { type: 'message', description: 'Error in the uploaded file' },
    ]);
  });

  it('takes a ZIP of assets and rejects an unsafe one', async () => {
    const zip = writeZip([
      { name: 'img/a.png', data: PNG_BYTES },
      { name: 'img/b.png', data: PNG_BYTES, deflate: true },
    ]);
    const { json } = await schedule('ASSET', 'importSpecification=AnyAssetSpecification', zip);
    expect(json.totalRecords).toBe(2);
    expect((await finish(json.statusUrl)).status).toBe('COMPLETED');
    expect(listBroadleafRecords(h.db, 'ASSET').map((r) => r.key)).toEqual(['img/a.png', 'img/b.png']);

    const slip = writeZip([{ name: '../../etc/passwd', data: 'x' }]);
    const bad = await schedule('ASSET', 'importSpecification=AnyAssetSpecification', slip);
    const doc = await finish(bad.json.statusUrl);
    expect(doc.totalRecords).toBe(0);
    expect(JSON.parse(doc.details[3]!.description)).toEqual([
      {
        fieldName: 'File',
        fieldValue: '',
        rowNumber: 0,
        message: expect.stringContaining('invalid relative path'),
      },
    ]);
  });

  it('imports other types by their default specification', async () => {
    const body = 'Category Id,Category Name,Parent Category Id\n2007,Mens,\n2008,Womens,1\n';
    const { json } = await schedule(
      'CATEGORY',
      'importSpecification=DefaultCategoryImportSpecification',
      body,
    );
    expect((await finish(json.statusUrl)).status).toBe('COMPLETED');
    expect(listBroadleafRecords(h.db, 'CATEGORY').map((r) => r.data['Category Name'])).toEqual([
      'Mens',
      'Womens',
    ]);
  });
});

describe('Broadleaf request errors', () => {
  it('answers bad parameters and bodies with Spring 400s', async () => {
    const cases: [string, string, string, string][] = [
      ['PRODUCT', 'catalogId=-2', SEED_CSV, "Required String parameter 'importSpecification' is not present"],
      ['WIDGET', SEED_QUERY, SEED_CSV, 'No enum constant ImportType.WIDGET'],
      [
        'PRODUCT',
        'importSpecification=DefaultProductImportSpecification&catalogId=abc',
        SEED_CSV,
        'For input string: "abc"',
      ],
      ['PRODUCT', `${SEED_QUERY}&importToSandbox=maybe`, SEED_CSV, 'Invalid boolean value [maybe]'],
      [
        'CATEGORY',
        SEED_QUERY,
        SEED_CSV,
        'Invalid importSpecification DefaultProductImportSpecification for CATEGORY',
      ],
      [
        'PRODUCT',
        'importSpecification=DefaultProductImportSpecification&fileType=PDF',
        SEED_CSV,
        'Unsupported fileType PDF',
      ],
      ['PRODUCT', SEED_QUERY, '', 'Required request body is missing'],
    ];
    for (const [type, query, body, message] of cases) {
      const res = await post(type, query, body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { status: number; error: string; message: string; path: string };
      expect(json).toMatchObject({ status: 400, error: 'Bad Request', path: `/admin/api/importer/${type}` });
      expect(json.message).toContain(message);
    }
    const unknown = await fetch(`${h.url}/admin/api/importer/status/42`, {
      headers: { Authorization: BASIC },
    });
    expect(unknown.status).toBe(404);
    const put = await fetch(`${h.url}/admin/api/importer/status/1`, {
      method: 'PUT',
      headers: { Authorization: BASIC },
    });
    expect(put.status).toBe(405);
  });

  it('words injected faults as Spring errors', () => {
    const reply = createBroadleafSystem().errorReply!(503, 'Maintenance');
    expect(reply.status).toBe(503);
    expect(JSON.parse(String(reply.body))).toMatchObject({
      status: 503,
      error: 'Service Unavailable',
      message: 'Maintenance',
    });
  });
});

describe('Broadleaf scenario hooks and persistence', () => {
  it('forces an error or a stuck job for the next import only', async () => {
    forceBroadleafNextImport(h.db, { outcome: 'error', message: 'Import worker crashed' });
    const failed = await schedule('PRODUCT', SEED_QUERY, SEED_CSV);
    expect((await finish(failed.json.statusUrl)).details[1]).toEqual({
      type: 'message',
      description: 'Import worker crashed',
    });

    forceBroadleafNextImport(h.db, { outcome: 'stuck' });
    const stuck = await schedule('PRODUCT', SEED_QUERY, SEED_CSV);
    h.clock.advance(24 * 3600 * 1000);
    const still = (await poll(stuck.json.statusUrl)).json;
    expect(still).toMatchObject({ status: 'IN_PROCESS', percentComplete: 0 });

    const normal = await schedule('PRODUCT', SEED_QUERY, SEED_CSV);
    expect((await finish(normal.json.statusUrl)).status).toBe('COMPLETED');
  });

  it('rejects records scripted through the hook or the fault layer', async () => {
    addBroadleafRecordRejection(h.db, '2012', 'SKU is locked by another import');
    const other = await startSystem(createBroadleafSystem(), {
      rejectionFor: (key) => (key === '2013' ? 'Rejected by the fault layer' : undefined),
    });
    try {
      const { json } = await schedule('PRODUCT', SEED_QUERY, SEED_CSV);
      const doc = await finish(json.statusUrl);
      expect(JSON.parse(doc.details[3]!.description)).toEqual([
        {
          fieldName: 'SKU Number',
          fieldValue: '2012',
          rowNumber: 2,
          message: 'SKU is locked by another import',
        },
      ]);
      const res = await fetch(`${other.url}/admin/api/importer/PRODUCT?${SEED_QUERY}`, {
        method: 'POST',
        headers: { Authorization: BASIC, 'Content-Type': 'text/csv' },
        body: SEED_CSV,
      });
      const statusUrl = ((await res.json()) as Status).statusUrl;
      other.clock.advance(60_000);
      const otherDoc = (await (
        await fetch(new URL(statusUrl, other.origin), { headers: { Authorization: BASIC } })
      ).json()) as Status;
      expect(JSON.parse(otherDoc.details[3]!.description)).toEqual([
        { fieldName: 'SKU Number', fieldValue: '2013', rowNumber: 3, message: 'Rejected by the fault layer' },
      ]);
    } finally {
      await other.close();
    }
  });

  it('keeps import statuses across a restart on the same data file', async () => {
    const { json } = await schedule('PRODUCT', SEED_QUERY, SEED_CSV);
    await h.restart();
    h.clock.advance(2000);
    expect((await poll(json.statusUrl)).json).toMatchObject({ status: 'IN_PROCESS', percentComplete: 50 });
    expect((await finish(json.statusUrl)).status).toBe('COMPLETED');
  });
});
