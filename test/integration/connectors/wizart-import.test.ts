/**
 * The Wizart connector (seeds/000_e06ea13dbfabb382.txt) against the demo PIM: a real CSV and a real
 * ZIP of images uploaded as multipart, then the import followed through its documented stages by
 * moving the demo's clock, to success, warning and failure; plus the probe.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wizartConnector } from '../../../src/core/connectors/wizart';
import { WIZART_STAGES } from '../../../src/core/connectors/wizart/status';
import { requireMethod } from '../../../src/core/connectors/types';
import type { Connector, ImportRequest, RemoteJobStatus } from '../../../src/core/connectors/types';
import { JPEG_BYTES, PNG_BYTES, writeZip } from '../demo-pim/zip-writer';
import { START, connect, signal, startPim, walk } from './connector-harness';
import type { Connected, PimHarness } from './connector-harness';

const HEADER = 'vendor_code,name,brand,collection,image,width,length,pattern_repeat,color,price';
const ROWS = [
  'W-1,Aurora,Acme,Spring,aurora.png,53,1005,64,blue,19.90',
  'W-2,Boreal,Acme,Spring,images/boreal.jpg,53,1005,,green,21.50',
  'W-3,Cirrus,Acme,Spring,cirrus.png,70.5,1000,32,white,',
];
const IMAGES = () =>
  writeZip([
    { name: 'aurora.png', data: PNG_BYTES },
    { name: 'images/boreal.jpg', data: JPEG_BYTES, deflate: true },
    { name: 'cirrus.png', data: PNG_BYTES },
  ]);

/** The percent the connector derives for each stage (share of the six stages behind the job). */
const PERCENT: Record<string, number> = {
  uploading_files: 0,
  validating_csv: 17,
  unpacking_archive: 33,
  checking_images: 50,
  waiting_queue: 67,
  importing_data: 83,
  success: 100,
  warning: 100,
  failure: 100,
};

let h: PimHarness;
let conn: Connected;
let wizart: Connector;

beforeEach(async () => {
  h = await startPim();
  conn = connect(h, wizartConnector, h.pim.urls.wizart, {
    kind: 'bearer',
    token: h.pim.credentials.wizart.token,
  });
  wizart = conn.connector;
});
afterEach(async () => {
  conn.close();
  await h.close();
});

function request(rows: string[], zip = IMAGES(), header = HEADER): ImportRequest {
  return {
    entity: 'wallpaper',
    files: [
      {
        name: 'products.csv',
        format: 'csv',
        role: 'data',
        bytes: Buffer.from([header, ...rows].join('\n') + '\n'),
      },
      { name: 'images.zip', format: 'zip', role: 'images', bytes: zip },
    ],
  };
}

/** Starts an import and polls it every 250 ms of demo time (every stage lasts at least 800 ms). */
async function runImport(req: ImportRequest): Promise<RemoteJobStatus[]> {
  const first = await requireMethod(wizart, 'importFile')(req, signal());
  const status = requireMethod(wizart, 'importStatus');
  const rest = await walk(
    h.clock,
    250,
    200,
    () => status(first.remoteId, signal()),
    (s) => s.state !== 'running',
  );
  return [first, ...rest];
}

/** Each stage once, in the order the polls saw them. */
const stagesOf = (polls: RemoteJobStatus[]) =>
  polls.map((p) => p.stage).filter((s, i, all) => all[i - 1] !== s);

function expectConsistent(polls: RemoteJobStatus[]): void {
  for (const p of polls) {
    expect(p.kind).toBe('import');
    expect(p.percent).toBe(PERCENT[p.stage]);
    if ((WIZART_STAGES as readonly string[]).includes(p.stage)) {
      expect(p.state).toBe('running');
      expect(p.issues).toEqual([]);
    }
    expect(p.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
  }
}

describe('importFile and importStatus', () => {
  it('walks every stage to success', async () => {
    const polls = await runImport(request(ROWS));
    expect(polls[0]).toMatchObject({
      stage: 'uploading_files',
      state: 'running',
      percent: 0,
      message: 'Upload the files that you’re sending to the PIM.',
      updatedAt: new Date(START).toISOString(),
    });
    expect(stagesOf(polls)).toEqual([...WIZART_STAGES, 'success']);
    expectConsistent(polls);
    expect(polls.find((p) => p.stage === 'waiting_queue')?.message).toBe(
      'Waiting for free workers to start the import.',
    );
    expect(polls.at(-1)).toMatchObject({
      state: 'succeeded',
      percent: 100,
      issues: [],
      total: 3,
      message: 'All the products have been successfully imported.',
    });
  });

  it('ends in warning with the skipped rows as issues (row, column, value, message)', async () => {
    await h.pim.admin.setRejections('wizart', ['W-3'], 'Discontinued collection');
    const rows = [ROWS[0]!, ROWS[1]!.replace('21.50', 'cheap'), ROWS[2]!];
    const polls = await runImport(request(rows));
    expect(stagesOf(polls)).toEqual([...WIZART_STAGES, 'warning']);
    expectConsistent(polls);
    expect(polls.at(-1)).toMatchObject({
      state: 'warning',
      total: 3,
      message: '2 of 3 product(s) were skipped because of errors.',
      issues: [
        {
          severity: 'warning',
          row: 2,
          column: 'price',
          value: 'cheap',
          message: 'The price must be a number.',
        },
        { severity: 'warning', row: 3, message: 'Discontinued collection' },
      ],
    });
  });

  it('ends in failure at checking_images when the ZIP lacks an image the CSV names', async () => {
    const zip = writeZip([
      { name: 'aurora.png', data: PNG_BYTES },
      { name: 'cirrus.png', data: PNG_BYTES },
    ]);
    const polls = await runImport(request(ROWS, zip));
    expect(stagesOf(polls)).toEqual([...WIZART_STAGES.slice(0, 4), 'failure']);
    expectConsistent(polls);
    expect(polls.at(-1)).toMatchObject({
      state: 'failed',
      percent: 100,
      issues: [
        {
          severity: 'error',
          row: 2,
          column: 'image',
          value: 'images/boreal.jpg',
          message: 'Row 2: the image images/boreal.jpg is missing from the ZIP archive.',
        },
      ],
    });
  });

  it('ends in failure at validating_csv for a CSV that differs from the template (no row)', async () => {
    const polls = await runImport(request(ROWS, IMAGES(), HEADER.replace('color', 'colour')));
    expect(stagesOf(polls)).toEqual(['uploading_files', 'validating_csv', 'failure']);
    const last = polls.at(-1)!;
    expect(last.state).toBe('failed');
    expect(last.issues).toHaveLength(1);
    expect(last.issues[0]).not.toHaveProperty('row');
    expect(last.issues[0]!.message).toMatch(/missing column\(s\) color; unknown column\(s\) colour/);
  });

  it('refuses a request without the image ZIP before sending anything', async () => {
    const req = request(ROWS);
    await expect(
      wizart.importFile!({ ...req, files: req.files.slice(0, 1) }, signal()),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await h.pim.admin.counters('wizart')).total).toBe(0);
  });

  it('reports an unknown import id as not found', async () => {
    await expect(wizart.importStatus!('999', signal())).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('capabilities and probe', () => {
  it('is import-only with CSV data and an image ZIP', () => {
    expect(wizartConnector.capabilities).toMatchObject({
      read: false,
      write: false,
      importOnly: true,
      auth: 'bearer',
    });
    expect(wizartConnector.capabilities.imports).toContainEqual({
      entity: 'wallpaper',
      formats: ['csv'],
      images: true,
    });
    expect(wizartConnector.defaultSettings.tokenType).toBe('Bearer');
  });

  it('probes with the token and reports a bad one as unauthorized', async () => {
    await expect(wizart.probe!(signal())).resolves.toBeUndefined();
    const bad = connect(h, wizartConnector, h.pim.urls.wizart, { kind: 'bearer', token: 'wrong-token' });
    try {
      await expect(bad.connector.probe!(signal())).rejects.toMatchObject({
        kind: 'unauthorized',
        serverMessage: 'Unauthenticated.',
      });
    } finally {
      bad.close();
    }
  });
});
