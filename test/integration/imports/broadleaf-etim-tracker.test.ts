/**
 * The tracker following Broadleaf admin imports (seeds/002) and ETIM synchronizations (seeds/004)
 * on the demo PIM: percentComplete read as progress, the error document's recordValidation (JSON
 * inside a string) parsed into row, field, value and message, an XLSX import to COMPLETED, and
 * synchronization triggers followed to done and to error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listActivity } from '../../../src/core/lists';
import { CONN, stagesSeen, startImportHarness } from './harness';
import type { ImportHarness } from './harness';
import { PNG_BYTES, writeZip } from '../demo-pim/zip-writer';
import { BROADLEAF_ROWS, broadleafCsv, broadleafXlsx, quickBroadleaf } from './fixtures';

let h: ImportHarness;

beforeEach(async () => {
  h = await startImportHarness();
  quickBroadleaf(h);
});
afterEach(async () => {
  await h.close();
});

const percentsOf = (jobId: number) =>
  h.events.flatMap((e) => (e.event === 'job:updated' && e.payload.id === jobId ? [e.payload.percent] : []));

describe('Broadleaf imports', () => {
  it('follows an XLSX product import through START_REQUESTED and IN_PROCESS to COMPLETED', async () => {
    const path = h.file('products.xlsx', await broadleafXlsx());
    const started = await h.tracker.start('Broadleaf', { files: [{ path }] });
    expect(started).toMatchObject({
      system: 'broadleaf',
      entity: 'PRODUCT',
      stage: 'START_REQUESTED',
      status: 'running',
      fileName: 'products.xlsx',
    });
    const done = await h.tracker.follow(started.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      stage: 'COMPLETED',
      percent: 100,
      total: 3,
      issues: [],
    });
    expect(stagesSeen(h.events, started.id)).toEqual(['START_REQUESTED', 'IN_PROCESS', 'COMPLETED']);
    const percents = percentsOf(started.id).filter((p): p is number => p !== null);
    // percentComplete grows through several readings while IN_PROCESS.
    expect(new Set(percents.filter((p) => p > 0 && p < 100)).size).toBeGreaterThanOrEqual(3);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(done.files).toEqual([
      { name: 'products.xlsx', format: 'xlsx', role: 'data', bytes: expect.any(Number) },
    ]);
  });

  it('parses recordValidation out of its JSON string into row, field, value and message', async () => {
    const rows = [
      BROADLEAF_ROWS[0]!,
      ['2012', '', 'No title', '4.99', '120'],
      ['2013', 'ProductB2013', 'x', 'cheap', '80'],
    ];
    const path = h.file('bad.csv', broadleafCsv(rows));
    const started = await h.tracker.start('Broadleaf', { files: [{ path }], type: 'product' });
    const done = await h.tracker.follow(started.id);
    expect(done).toMatchObject({ status: 'failed', stage: 'ERROR', entity: 'PRODUCT', errors: 2 });
    expect(done.message).toBe("Error in the uploaded file (2 errors; see the job's issues.)");
    expect(done.issues).toEqual([
      { severity: 'error', row: 2, column: 'Product Title', value: '', message: 'Missing Required Data' },
      { severity: 'error', row: 3, column: 'Retail Price', value: 'cheap', message: 'Invalid Number Format' },
    ]);
    // The error document has no percentComplete: the last one seen is kept.
    expect(done.percent).not.toBeNull();
    const [activity] = await listActivity(h.core.store.db, 1);
    expect(activity).toMatchObject({ kind: 'import', status: 'failed', connectionId: CONN.broadleaf });
  });

  it('takes a lone ZIP as an ASSET import and refuses images beside a product file', async () => {
    const csv = h.file('p.csv', broadleafCsv());
    const zip = h.file(
      'assets.zip',
      writeZip([
        { name: 'b2011.png', data: PNG_BYTES },
        { name: 'b2012.png', data: PNG_BYTES },
      ]),
    );
    await expect(
      h.tracker.start('Broadleaf', { files: [{ path: csv }], images: { path: zip } }),
    ).rejects.toThrow(/takes no ZIP of images/);
    const asset = await h.tracker.start('Broadleaf', { files: [{ path: zip }] });
    expect(asset).toMatchObject({ entity: 'ASSET', fileName: 'assets.zip' });
    const done = await h.tracker.follow(asset.id);
    expect(done).toMatchObject({ status: 'succeeded', stage: 'COMPLETED', total: 2 });
  });
});

describe('ETIM synchronizations', () => {
  it('follows a trigger to done with its growing progress and report', async () => {
    const started = await h.tracker.runSynchronization('ETIM', 'tr-quick');
    expect(started).toMatchObject({
      system: 'etim',
      kind: 'synchronization',
      entity: 'tr-quick',
      fileName: 'synchronization tr-quick',
      stage: 'in progress',
      status: 'running',
    });
    const done = await h.tracker.follow(started.id);
    expect(done).toMatchObject({ status: 'succeeded', stage: 'done', percent: 100, total: 20 });
    expect(done.message).toMatch(/Selected products: 20/);
    const running = percentsOf(started.id).filter((p): p is number => p !== null && p < 100);
    expect(running.length).toBeGreaterThanOrEqual(2);
    expect(h.events.find((e) => e.event === 'job:finished')?.payload.title).toBe(
      'Synchronization tr-quick succeeded',
    );
  });

  it('fails with the remote error of a failing trigger, and at once for a second run in progress', async () => {
    const failing = await h.tracker.runSynchronization('ETIM', 'tr-fail');
    const second = await h.tracker.runSynchronization('ETIM', 'tr-fail');
    expect(second).toMatchObject({ status: 'failed', stage: 'error', finishedAt: expect.any(String) });
    expect(second.message).toMatch(/already in progress/);
    const done = await h.tracker.follow(failing.id);
    expect(done).toMatchObject({ status: 'failed', stage: 'error', errors: 1 });
    expect(done.issues[0]?.message).toBe(done.message);
  });

  it('says plainly when a connection has no synchronizations or imports', async () => {
    await expect(h.tracker.runSynchronization('Wizart', 'tr67')).rejects.toThrow(
      /does not support runSynchronization/,
    );
    const csv = h.file('p.csv', broadleafCsv());
    await expect(h.tracker.start('ETIM', { files: [{ path: csv }] })).rejects.toThrow(
      /does not support importFile/,
    );
  });
});
