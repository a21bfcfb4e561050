/**
 * The Broadleaf connector (seeds/002_dd6ca172e7a2ab05.txt) against the demo PIM: CSV, XLSX and ZIP
 * bodies POSTed to the admin importer, the ImportStatus polled by moving the demo's clock to
 * COMPLETED or to the error document, whose JSON-in-a-string validations become issues.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { broadleafConnector } from '../../../src/core/connectors/broadleaf';
import { broadleafJobStatus, validationIssues } from '../../../src/core/connectors/broadleaf/status';
import { requireMethod } from '../../../src/core/connectors/types';
import type { Connector, ImportRequest, RemoteJobStatus } from '../../../src/core/connectors/types';
import { PNG_BYTES, writeZip } from '../demo-pim/zip-writer';
import { START, connect, signal, startPim, walk } from './connector-harness';
import type { Connected, PimHarness } from './connector-harness';

/** The seed's curl example, verbatim. */
const SEED_CSV = [
  'SKU Number,SKU Indicator,Product Title,Product Description,Product Description(SPANISH),Default Category Id,Product URL,Retail Price,UPC,Available Quantity,ProductAttribute[Color]',
  '2011,,ProductB2011,ProductB2011 is awesome!!!,¡ ProductB2011 es increíble!,2007,/mens/ProductB2011,3.99,2822011,300,Red',
  '2012,,ProductB2012,ProductB2012 is awesome!!!,¡ ProductB2012 es increíble!,2007,/mens/ProductB2012,3.99,2822012,300,Blue',
  '2013,,ProductB2013,ProductB2013 is awesome!!!,¡ ProductB2013 es increíble!,2007,/mens/ProductB2013,3.99,2822013,300,Black',
].join('\n');

let h: PimHarness;
let conn: Connected;
let broadleaf: Connector;

function basic(password: string) {
  return { kind: 'basic' as const, username: h.pim.credentials.broadleaf.user, password };
}

beforeEach(async () => {
  h = await startPim();
  conn = connect(h, broadleafConnector, h.pim.urls.broadleaf, basic(h.pim.credentials.broadleaf.password));
  broadleaf = conn.connector;
});
afterEach(async () => {
  conn.close();
  await h.close();
});

function csvImport(csv: string, options?: Record<string, string>): ImportRequest {
  return {
    entity: 'PRODUCT',
    files: [{ name: 'products.csv', format: 'csv', role: 'data', bytes: Buffer.from(csv) }],
    ...(options ? { options } : {}),
  };
}

async function runImport(req: ImportRequest): Promise<RemoteJobStatus[]> {
  const first = await requireMethod(broadleaf, 'importFile')(req, signal());
  const status = requireMethod(broadleaf, 'importStatus');
  const rest = await walk(
    h.clock,
    250,
    100,
    () => status(first.remoteId, signal()),
    (s) => s.state !== 'running',
  );
  return [first, ...rest];
}

describe('importFile and importStatus', () => {
  it('imports the seed’s CSV: START_REQUESTED, IN_PROCESS with growing percent, COMPLETED', async () => {
    const polls = await runImport(csvImport(SEED_CSV, { catalogId: '-2', siteId: '-3', userId: '-2' }));
    expect(polls[0]).toEqual({
      remoteId: '1',
      kind: 'import',
      stage: 'START_REQUESTED',
      state: 'running',
      percent: 0,
      message: null,
      issues: [],
      total: 3,
      updatedAt: new Date(START).toISOString(),
    });
    const running = polls.filter((p) => p.stage === 'IN_PROCESS');
    expect(running.length).toBeGreaterThan(1);
    // IN_PROCESS starts at 0.0 and never says 100.0 before COMPLETED.
    expect(running.every((p) => p.state === 'running' && p.percent! >= 0 && p.percent! < 100)).toBe(true);
    expect(running.some((p) => p.percent! > 0)).toBe(true);
    const percents = polls.map((p) => p.percent ?? -1);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(polls.at(-1)).toMatchObject({
      stage: 'COMPLETED',
      state: 'succeeded',
      percent: 100,
      total: 3,
      issues: [],
    });
  });

  it('parses record errors out of the error document into row, field, value and message', async () => {
    const csv = [
      'SKU Number,Product Title,Retail Price',
      '3001,,3.99',
      '3002,Second,cheap',
      '3003,Third,4.50',
    ].join('\n');
    const polls = await runImport(csvImport(csv));
    expect(polls.slice(0, -1).every((p) => p.state === 'running')).toBe(true);
    expect(polls.at(-1)).toEqual({
      remoteId: '1',
      kind: 'import',
      stage: 'ERROR',
      state: 'failed',
      percent: null,
      message: 'Error in the uploaded file',
      issues: [
        { severity: 'error', row: 1, column: 'Product Title', value: '', message: 'Missing Required Data' },
        {
          severity: 'error',
          row: 2,
          column: 'Retail Price',
          value: 'cheap',
          message: 'Invalid Number Format',
        },
      ],
    });
  });

  it('reports header errors without a row', async () => {
    const polls = await runImport(csvImport('SKU Number,Product Title,Colour\n1,One,red'));
    expect(polls.at(-1)!.issues).toEqual([
      { severity: 'error', column: 'Colour', value: 'Colour', message: 'Unknown Header' },
    ]);
  });

  it('imports an XLSX file (fileType=XLSX)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Products');
    sheet.addRow(['SKU Number', 'Product Title', 'Retail Price']);
    sheet.addRow(['4001', 'Workbook product', 12.5]);
    sheet.addRow(['4002', 'Another one', 7]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const polls = await runImport({
      entity: 'PRODUCT',
      files: [{ name: 'products.xlsx', format: 'xlsx', role: 'data', bytes }],
    });
    expect(polls.at(-1)).toMatchObject({ stage: 'COMPLETED', state: 'succeeded', total: 2 });
  });

  it('uploads assets as a ZIP (ASSET, any valid specification)', async () => {
    const zip = writeZip([
      { name: 'a.png', data: PNG_BYTES },
      { name: 'b.png', data: PNG_BYTES },
    ]);
    const polls = await runImport({
      entity: 'ASSET',
      files: [{ name: 'assets.zip', format: 'zip', role: 'images', bytes: zip }],
    });
    expect(polls.at(-1)).toMatchObject({ stage: 'COMPLETED', state: 'succeeded', total: 2 });
  });

  it('refuses options Broadleaf would reject, before sending', async () => {
    await expect(
      broadleaf.importFile!(csvImport(SEED_CSV, { catalogId: 'main' }), signal()),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const twoFiles = csvImport(SEED_CSV);
    twoFiles.files.push({ name: 'images.zip', format: 'zip', role: 'images', bytes: writeZip([]) });
    await expect(broadleaf.importFile!(twoFiles, signal())).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await h.pim.admin.counters('broadleaf')).total).toBe(0);
  });
});

describe('the seed’s documents', () => {
  it('maps the seed’s error example exactly', () => {
    const seedError = {
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
    };
    expect(broadleafJobStatus(seedError, '7')).toMatchObject({
      remoteId: '7',
      state: 'failed',
      issues: [
        { severity: 'error', row: 1, column: 'Product Title', value: '', message: 'Missing Required Data' },
      ],
    });
    const inProcess = {
      status: 'IN_PROCESS',
      createdDate: '2020.11.09 21:13:12',
      lastUpdateDate: '2020.11.09 21:13:12',
      totalRecords: 3,
      percentComplete: 50.0,
      statusId: 1,
      statusUrl: '/admin/api/importer/status/1',
      details: [],
    };
    expect(broadleafJobStatus(inProcess, '1', 'Europe/Bratislava')).toMatchObject({
      percent: 50,
      updatedAt: '2020-11-09T20:13:12.000Z',
    });
    expect(validationIssues('not json')).toEqual([{ severity: 'error', message: 'not json' }]);
  });
});

describe('capabilities and probe', () => {
  it('declares its import types and formats', () => {
    expect(broadleafConnector.capabilities.imports).toContainEqual({
      entity: 'PRODUCT',
      formats: ['csv', 'xlsx'],
      images: false,
    });
    expect(broadleafConnector.capabilities.imports).toContainEqual({
      entity: 'ASSET',
      formats: ['zip'],
      images: false,
    });
  });

  it('probes with the password and reports a wrong one as unauthorized', async () => {
    await expect(broadleaf.probe!(signal())).resolves.toBeUndefined();
    const bad = connect(h, broadleafConnector, h.pim.urls.broadleaf, basic('wrong'));
    try {
      await expect(bad.connector.probe!(signal())).rejects.toMatchObject({
        kind: 'unauthorized',
        status: 401,
      });
    } finally {
      bad.close();
    }
  });
});
