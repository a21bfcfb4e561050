/**
 * Wizart simulator (seeds/000_e06ea13dbfabb382.txt) over real HTTP, a real SQLite file, real CSV
 * and ZIP uploads, and a fake clock that walks imports through their documented stages.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  STAGES,
  addWizartRowRejection,
  addWizartToken,
  createWizartSystem,
  forceWizartNextImport,
  listWizartProducts,
  setWizartTiming,
} from '../../../src/core/demo-pim/wizart';
import { JPEG_BYTES, PNG_BYTES, writeZip } from './zip-writer';
import { START_MS, startSystem } from './system-harness';
import type { SystemHarness } from './system-harness';

const TOKEN = 'demo-wizart-token';
const HEADER = 'vendor_code,name,brand,collection,image,width,length,pattern_repeat,color,price';
const STAGE_MS = 1000;

interface ImportAttributes {
  path: string;
  original_name: string;
  status: string;
  status_message: string;
  result: string | null;
  mapping_id: string;
  created_at: string;
  updated_at: string;
  timezone: string;
}
interface ImportDoc {
  data: { type: string; id: string; attributes: ImportAttributes };
}
interface ErrorDoc {
  errors: { id: string; status: string; title: string; detail: string; source?: { parameter: string } }[];
}

let h: SystemHarness;

beforeEach(async () => {
  h = await startSystem(createWizartSystem());
  // One second per stage, nothing per row or image, so each stage is easy to land in.
  setWizartTiming(h.db, {
    stageMs: Object.fromEntries(STAGES.map((s) => [s, STAGE_MS])),
    perRowMs: 0,
    perImageMs: 0,
  });
});
afterEach(async () => {
  await h.close();
});

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

const goodRows = [
  'W-1,Aurora,Acme,Spring,aurora.png,53,1005,64,blue,19.90',
  'W-2,Boreal,Acme,Spring,images/boreal.jpg,53,1005,,green,21.50',
  'W-3,Cirrus,Acme,Spring,cirrus.png,70.5,1000,32,white,',
];
const goodZip = () =>
  writeZip([
    { name: 'aurora.png', data: PNG_BYTES },
    { name: 'images/boreal.jpg', data: JPEG_BYTES, deflate: true },
    { name: 'cirrus.png', data: PNG_BYTES },
  ]);

function authed(token = `Bearer ${TOKEN}`, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: token, ...extra };
}

async function upload(
  csvText: string | undefined,
  zip: Buffer | undefined,
  type = 'wallpaper',
  token?: string,
) {
  const form = new FormData();
  if (csvText !== undefined) form.append('data', new Blob([csvText], { type: 'text/csv' }), 'products.csv');
  if (zip !== undefined) form.append('archive', new Blob([zip], { type: 'application/zip' }), 'images.zip');
  return fetch(`${h.url}/api/v2.1/product-type/${type}/import`, {
    method: 'POST',
    headers: authed(token),
    body: form,
  });
}

async function startImport(csvText: string, zip: Buffer): Promise<string> {
  const res = await upload(csvText, zip);
  expect(res.status).toBe(200);
  const body = (await res.json()) as ImportDoc;
  expect(body.data.attributes.status).toBe('uploading_files');
  return body.data.id;
}

async function getImport(id: string): Promise<ImportAttributes> {
  const res = await fetch(`${h.url}/api/v2.1/imports/${id}`, { headers: authed() });
  expect(res.status).toBe(200);
  return ((await res.json()) as ImportDoc).data.attributes;
}

/** Polls every half stage until a final status, returning each distinct status seen. */
async function walk(id: string): Promise<{ seen: string[]; last: ImportAttributes }> {
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    const attrs = await getImport(id);
    if (seen.at(-1) !== attrs.status) seen.push(attrs.status);
    if (['success', 'warning', 'failure'].includes(attrs.status)) return { seen, last: attrs };
    h.clock.advance(STAGE_MS / 2);
  }
  throw new Error(`import ${id} did not finish: ${seen.join(' → ')}`);
}

describe('Wizart authentication', () => {
  it('answers 401 with a JSON:API error document without a valid token', async () => {
    for (const headers of [{}, authed('Bearer nope'), authed(TOKEN)]) {
      const res = await fetch(`${h.url}/api/v2.1/imports`, { headers });
      expect(res.status).toBe(401);
      const body = (await res.json()) as ErrorDoc;
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toMatchObject({
        status: '401',
        title: 'Unauthenticated.',
        detail: 'Unauthenticated.',
      });
      expect(body.errors[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('lets device and direct tokens read but keeps imports for the OAuth bearer token', async () => {
    addWizartToken(h.db, 'direct-123', 'direct');
    addWizartToken(h.db, 'ios-456', 'ios');
    const read = await fetch(`${h.url}/api/v2.1/imports`, { headers: authed('direct-123') });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ data: [] });
    const asBearer = await fetch(`${h.url}/api/v2.1/imports`, { headers: authed('Bearer direct-123') });
    expect(asBearer.status).toBe(401);
    const write = await upload(csv(goodRows[0]!), goodZip(), 'wallpaper', 'ios-456');
    expect(write.status).toBe(403);
    expect(((await write.json()) as ErrorDoc).errors[0]).toMatchObject({
      status: '403',
      title: 'Unathorized.',
    });
  });

  it('drops the previous factory token when restarted with a new one', async () => {
    const before = await fetch(`${h.url}/api/v2.1/imports`, { headers: authed() });
    expect(before.status).toBe(200);
    await h.restart(createWizartSystem({ token: 'rotated' }));
    const old = await fetch(`${h.url}/api/v2.1/imports`, { headers: authed() });
    expect(old.status).toBe(401);
    const rotated = await fetch(`${h.url}/api/v2.1/imports`, { headers: authed('Bearer rotated') });
    expect(rotated.status).toBe(200);
  });

  it('accepts a bearer token given to the factory', async () => {
    const other = await startSystem(createWizartSystem({ token: 'custom' }));
    try {
      const ok = await fetch(`${other.url}/api/v2.1/imports`, { headers: authed('Bearer custom') });
      expect(ok.status).toBe(200);
      const old = await fetch(`${other.url}/api/v2.1/imports`, { headers: authed() });
      expect(old.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('Wizart documents and validation', () => {
  it('negotiates the JSON:API media type and serves product types and the CSV template', async () => {
    const jsonapi = await fetch(`${h.url}/api/v2.1/import/product-types`, {
      headers: authed(undefined, { Accept: 'application/vnd.api+json' }),
    });
    expect(jsonapi.headers.get('content-type')).toBe('application/vnd.api+json');
    const types = (await jsonapi.json()) as { data: { type: string; attributes: { type: string } }[] };
    expect(types.data.map((t) => [t.type, t.attributes.type])).toEqual([
      ['product_type', 'wallpaper'],
      ['product_type', 'flooring'],
    ]);
    const plain = await fetch(`${h.url}/api/v2.1/imports`, {
      headers: authed(undefined, { Accept: 'application/json' }),
    });
    expect(plain.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const template = await fetch(`${h.url}/api/v2.1/data-mappings/default/wallpaper`, { headers: authed() });
    expect(template.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await template.text()).toBe(`${HEADER}\n`);
  });

  it('rejects uploads without files, with a non-ZIP archive or for an unknown product type', async () => {
    const none = await upload(undefined, undefined);
    expect(none.status).toBe(422);
    const noneBody = (await none.json()) as ErrorDoc;
    expect(noneBody.errors.map((e) => [e.status, e.title, e.source?.parameter])).toEqual([
      ['422', 'The data field is required.', 'data'],
      ['422', 'The archive field is required.', 'archive'],
    ]);
    const notZip = await upload(csv(goodRows[0]!), Buffer.from('not a zip'));
    expect(notZip.status).toBe(422);
    expect(((await notZip.json()) as ErrorDoc).errors[0]!.title).toBe(
      'The archive must be a file of type: zip.',
    );
    const unknown = await upload(csv(goodRows[0]!), goodZip(), 'carpet');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorDoc).errors[0]!.title).toBe('Model not found.');
    const missing = await fetch(`${h.url}/api/v2.1/imports/999`, { headers: authed() });
    expect(missing.status).toBe(404);
    const last = await fetch(`${h.url}/api/v2.1/imports/last`, { headers: authed() });
    expect(last.status).toBe(404);
  });

  it('words injected faults as JSON:API errors', () => {
    const reply = createWizartSystem().errorReply!(429, 'Slow down.');
    expect(reply.status).toBe(429);
    const body = JSON.parse(String(reply.body)) as ErrorDoc;
    expect(body.errors[0]).toMatchObject({
      status: '429',
      title: 'Too Many Attempts.',
      detail: 'Slow down.',
    });
  });
});

describe('Wizart import life cycle', () => {
  it('walks every stage to success and stores the products', async () => {
    const id = await startImport(csv(...goodRows), goodZip());
    const first = await getImport(id);
    expect(first).toMatchObject({
      path: `imports/${id}/products.csv`,
      original_name: 'products.csv',
      status: 'uploading_files',
      status_message: 'Upload the files that you’re sending to the PIM.',
      result: null,
      timezone: 'UTC',
      created_at: '2024-03-01 09:00:00',
    });
    const { seen, last } = await walk(id);
    expect(seen).toEqual([...STAGES, 'success']);
    expect(last.updated_at).toBe('2024-03-01 09:00:06');
    expect(JSON.parse(last.result!)).toEqual({ total: 3, imported: 3, skipped: 0, errors: [] });
    expect(listWizartProducts(h.db).map((p) => p.vendorCode)).toEqual(['W-1', 'W-2', 'W-3']);

    const lastRes = await fetch(`${h.url}/api/v2.1/imports/last`, { headers: authed() });
    expect(((await lastRes.json()) as ImportDoc).data.id).toBe(id);
    const list = await fetch(`${h.url}/api/v2.1/imports`, { headers: authed() });
    expect(((await list.json()) as { data: ImportDoc['data'][] }).data.map((d) => d.id)).toEqual([id]);
  });

  it('ends in warning and skips rows with bad values or scripted rejections', async () => {
    addWizartRowRejection(h.db, 'W-3', 'The collection Spring is archived.');
    const rows = [
      goodRows[0]!,
      'W-2,Boreal,Acme,Spring,images/boreal.jpg,"53,5",1005,,green,21.50',
      goodRows[2]!,
    ];
    const id = await startImport(csv(...rows), goodZip());
    const { seen, last } = await walk(id);
    expect(seen.at(-1)).toBe('warning');
    expect(seen).toContain('importing_data');
    expect(last.status_message).toBe('2 of 3 product(s) were skipped because of errors.');
    const result = JSON.parse(last.result!) as { imported: number; skipped: number; errors: unknown[] };
    expect(result).toMatchObject({ total: 3, imported: 1, skipped: 2 });
    expect(result.errors).toEqual([
      { row: 2, vendor_code: 'W-2', column: 'width', value: '53,5', message: 'The width must be a number.' },
      { row: 3, vendor_code: 'W-3', message: 'The collection Spring is archived.' },
    ]);
    expect(listWizartProducts(h.db).map((p) => p.vendorCode)).toEqual(['W-1']);
  });

  it('uses the rejection the fault layer scripts through the context', async () => {
    const other = await startSystem(createWizartSystem(), {
      rejectionFor: (key) => (key === 'W-1' ? 'Rejected by the demo fault layer.' : undefined),
    });
    try {
      setWizartTiming(other.db, { timeScale: 0 });
      const form = new FormData();
      form.append('data', new Blob([csv(...goodRows)]), 'p.csv');
      form.append('archive', new Blob([goodZip()]), 'i.zip');
      const res = await fetch(`${other.url}/api/v2.1/product-type/wallpaper/import`, {
        method: 'POST',
        headers: authed(),
        body: form,
      });
      const attrs = ((await res.json()) as ImportDoc).data.attributes;
      expect(attrs.status).toBe('warning');
      expect(JSON.parse(attrs.result!)).toMatchObject({ imported: 2, skipped: 1 });
    } finally {
      await other.close();
    }
  });

  it('fails at validating_csv for a malformed CSV, a changed template or missing required fields', async () => {
    const cases: [string, string][] = [
      [csv('W-1,"Aurora,Acme,Spring,aurora.png,53,1005,64,blue,19.90'), 'Row 1: Quoted field unterminated.'],
      ['vendor_code,name,collection,image,colour\nW-1,A,S,a.png,red\n', 'missing column(s) brand'],
      [csv('W-1,,Acme,Spring,aurora.png,53,1005,64,blue,19.90'), 'Row 1: the name field is required.'],
      [csv('W-1,Aurora,Acme,Spring,aurora.png,53'), 'Row 1 has 6 fields, the template has 10.'],
      [csv(), 'The CSV file contains no products.'],
    ];
    for (const [text, message] of cases) {
      const id = await startImport(text, goodZip());
      const { seen, last } = await walk(id);
      expect(seen).toEqual(['uploading_files', 'validating_csv', 'failure']);
      expect(last.status_message).toContain(message);
    }
    expect(listWizartProducts(h.db)).toEqual([]);
  });

  it('fails at unpacking_archive for a broken, path-traversing, overlapping or bomb archive', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.concat([Buffer.from('PK'), Buffer.alloc(64, 7)]), /^The archive cannot be read/],
      [
        writeZip([{ name: '../aurora.png', data: PNG_BYTES }]),
        /^The archive cannot be unpacked: invalid relative path/,
      ],
      [
        writeZip([
          { name: 'aurora.png', data: PNG_BYTES },
          { name: 'copy.png', data: '', sameDataAs: 'aurora.png' },
        ]),
        /^The entries aurora.png and copy.png overlap\.$/,
      ],
      [
        writeZip([{ name: 'aurora.png', data: PNG_BYTES, deflate: true, declaredSize: 2 ** 31 }]),
        /expands \d+ times \(zip bomb\)/,
      ],
    ];
    for (const [zip, message] of cases) {
      const id = await startImport(csv(goodRows[0]!), zip);
      const { seen, last } = await walk(id);
      expect(seen).toEqual(['uploading_files', 'validating_csv', 'unpacking_archive', 'failure']);
      expect(last.status_message).toMatch(message);
    }
  });

  it('fails at checking_images when the CSV names images the ZIP lacks', async () => {
    const zip = writeZip([{ name: 'aurora.png', data: PNG_BYTES }]);
    const id = await startImport(csv(...goodRows), zip);
    const { seen, last } = await walk(id);
    expect(seen).toEqual([
      'uploading_files',
      'validating_csv',
      'unpacking_archive',
      'checking_images',
      'failure',
    ]);
    expect(last.status_message).toBe(
      'Row 2: the image images/boreal.jpg is missing from the ZIP archive. ' +
        'Row 3: the image cirrus.png is missing from the ZIP archive.',
    );
  });

  it('stops at a fatal row in importing_data and keeps the products imported before it', async () => {
    const zip = writeZip([
      { name: 'aurora.png', data: PNG_BYTES },
      { name: 'images/boreal.jpg', data: 'this is text, not a JPEG' },
      { name: 'cirrus.png', data: PNG_BYTES },
    ]);
    const id = await startImport(csv(...goodRows), zip);
    const { seen, last } = await walk(id);
    expect(seen).toEqual([...STAGES, 'failure']);
    expect(last.status_message).toBe(
      'Row 2: the file images/boreal.jpg is not a valid image; the import stopped after 1 product(s).',
    );
    expect(JSON.parse(last.result!)).toMatchObject({ total: 3, imported: 1, skipped: 2 });
    expect(listWizartProducts(h.db).map((p) => p.vendorCode)).toEqual(['W-1']);
  });

  it('obeys a forced failure and a stuck stage for the next import only', async () => {
    forceWizartNextImport(h.db, {
      status: 'failure',
      stage: 'waiting_queue',
      message: 'No workers available.',
    });
    const failed = await walk(await startImport(csv(...goodRows), goodZip()));
    expect(failed.seen.at(-1)).toBe('failure');
    expect(failed.seen).not.toContain('importing_data');
    expect(failed.last.status_message).toBe('No workers available.');

    forceWizartNextImport(h.db, { status: 'stuck', stage: 'waiting_queue' });
    const stuckId = await startImport(csv(...goodRows), goodZip());
    h.clock.advance(24 * 3600 * 1000);
    const stuck = await getImport(stuckId);
    expect(stuck.status).toBe('waiting_queue');
    // It entered waiting_queue after four one-second stages and never left.
    const entered = Date.parse(`${stuck.created_at.replace(' ', 'T')}Z`) + 4 * STAGE_MS;
    expect(stuck.updated_at).toBe(new Date(entered).toISOString().slice(0, 19).replace('T', ' '));

    const normal = await walk(await startImport(csv(...goodRows), goodZip()));
    expect(normal.seen.at(-1)).toBe('success');
  });

  it('keeps imports across a restart on the same data file', async () => {
    const id = await startImport(csv(...goodRows), goodZip());
    h.clock.advance(2.5 * STAGE_MS);
    expect((await getImport(id)).status).toBe('unpacking_archive');
    await h.restart();
    expect((await getImport(id)).status).toBe('unpacking_archive');
    h.clock.now = START_MS + 10 * STAGE_MS;
    expect((await getImport(id)).status).toBe('success');
    expect(listWizartProducts(h.db)).toHaveLength(3);
  });
});
