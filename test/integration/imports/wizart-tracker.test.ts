/**
 * The tracker following Wizart imports (seeds/000) on the demo PIM: a real CSV and ZIP uploaded,
 * then polled on virtual time through every documented stage to success, warning (skipped rows
 * with their row, column, value and message) and failure; the job row, its activity row and the
 * events it raised on the way.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WIZART_STAGES } from '../../../src/core/connectors/wizart';
import { addWizartRowRejection, forceWizartNextImport } from '../../../src/core/demo-pim/wizart';
import { listActivity } from '../../../src/core/lists';
import { CONN, START, stagesSeen, startImportHarness } from './harness';
import type { ImportHarness } from './harness';
import { WIZART_ROWS, evenWizartStages, wizartFiles } from './fixtures';

let h: ImportHarness;

beforeEach(async () => {
  h = await startImportHarness();
  evenWizartStages(h);
});
afterEach(async () => {
  await h.close();
});

async function importAndFollow(rows: readonly string[] = WIZART_ROWS) {
  const { csv, zip } = wizartFiles(h, rows);
  const started = await h.tracker.start('Wizart', { files: [{ path: csv }], images: { path: zip } });
  const done = await h.tracker.follow(started.id);
  return { started, done };
}

const statusPolls = () =>
  Object.entries(h.pim.admin.counters('wizart').byEndpoint)
    .filter(([endpoint]) => endpoint.startsWith('GET') && endpoint.includes('/imports/'))
    .reduce((sum, [, n]) => sum + n, 0);

describe('Wizart imports', () => {
  it('uploads the CSV and ZIP, follows every stage to success, and records it', async () => {
    const { started, done } = await importAndFollow();
    expect(started).toMatchObject({
      connectionId: CONN.wizart,
      system: 'wizart',
      kind: 'import',
      entity: 'wallpaper',
      fileName: 'products.csv',
      stage: 'uploading_files',
      status: 'running',
      percent: 0,
      finishedAt: null,
    });
    expect(started.remoteId).toMatch(/^\d+$/);
    expect(stagesSeen(h.events, started.id)).toEqual([...WIZART_STAGES, 'success']);
    expect(done).toMatchObject({
      id: started.id,
      status: 'succeeded',
      stage: 'success',
      percent: 100,
      message: 'All the products have been successfully imported.',
      issues: [],
      total: 3,
      nextPollAt: null,
      files: [
        { name: 'products.csv', format: 'csv', role: 'data' },
        { name: 'products-images.zip', format: 'zip', role: 'images' },
      ],
    });
    expect(done.finishedAt).not.toBeNull();
    expect(done.history.map((x) => x.stage)).toEqual([...WIZART_STAGES, 'success']);
    // Percent only grows, in the connector's stage steps.
    const percents = done.history.map((x) => x.percent ?? -1);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    const finished = h.events.filter((e) => e.event === 'job:finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]!.payload).toMatchObject({
      title: 'Import of products.csv succeeded',
      job: { id: started.id, status: 'succeeded' },
    });
    const [activity] = await listActivity(h.core.store.db, 10);
    expect(activity).toMatchObject({
      kind: 'import',
      connectionId: CONN.wizart,
      title: 'Import products.csv to Wizart',
      status: 'succeeded',
      done: 100,
      total: 100,
    });
    expect(h.events.some((e) => e.event === 'activity:updated' && e.payload.status === 'succeeded')).toBe(
      true,
    );
  });

  it('polls about once a second while the job moves and stops polling once it ended', async () => {
    const { done } = await importAndFollow();
    const runMs = Date.parse(done.finishedAt!) - START;
    const polls = statusPolls();
    // Six 5-second stages: each is seen, yet there is no more than one poll per virtual second.
    expect(polls).toBeGreaterThanOrEqual(WIZART_STAGES.length);
    expect(polls).toBeLessThanOrEqual(Math.ceil(runMs / 1000));
    expect(await h.tracker.poll({ all: true })).toBe(0);
    expect(statusPolls()).toBe(polls);
  });

  it('ends in warning with every skipped row: row, column, value and message', async () => {
    addWizartRowRejection(h.demoDb, 'W-1', 'Vendor code W-1 is blocked for this account.');
    const rows = [...WIZART_ROWS.slice(0, 2), 'W-3,Cirrus,Acme,Spring,cirrus.png,wide,1000,32,white,9.90'];
    const { started, done } = await importAndFollow(rows);
    expect(done).toMatchObject({
      status: 'warning',
      stage: 'warning',
      percent: 100,
      errors: 0,
      warnings: 2,
      message: "2 of 3 product(s) were skipped because of errors. (2 warnings; see the job's issues.)",
    });
    expect(done.issues).toEqual([
      { severity: 'warning', row: 1, message: 'Vendor code W-1 is blocked for this account.' },
      { severity: 'warning', row: 3, column: 'width', value: 'wide', message: 'The width must be a number.' },
    ]);
    const notice = h.events.find((e) => e.event === 'job:finished');
    expect(notice?.payload).toMatchObject({
      title: 'Import of products.csv finished with warnings',
      job: { id: started.id, status: 'warning', warnings: 2 },
    });
  });

  it('ends in failure at checking_images with the rows whose images are missing', async () => {
    const rows = [WIZART_ROWS[0]!, 'W-2,Boreal,Acme,Spring,missing.jpg,53,1005,,green,21.50'];
    const { done } = await importAndFollow(rows);
    expect(done).toMatchObject({ status: 'failed', stage: 'failure', errors: 1 });
    expect(done.history.map((x) => x.stage)).toEqual([...WIZART_STAGES.slice(0, 4), 'failure']);
    expect(done.issues).toEqual([
      {
        severity: 'error',
        row: 2,
        column: 'image',
        value: 'missing.jpg',
        message: 'Row 2: the image missing.jpg is missing from the ZIP archive.',
      },
    ]);
    const [activity] = await listActivity(h.core.store.db, 1);
    expect(activity).toMatchObject({ status: 'failed' });
    expect(h.events.find((e) => e.event === 'job:finished')?.payload.title).toBe(
      'Import of products.csv failed',
    );
  });

  it('reports a failure the remote forces while importing, with its message', async () => {
    forceWizartNextImport(h.demoDb, { status: 'failure', message: 'Server error: the worker crashed.' });
    const { done } = await importAndFollow();
    expect(done).toMatchObject({ status: 'failed', stage: 'failure' });
    expect(done.message).toContain('Server error: the worker crashed.');
    expect(done.history.at(-2)?.stage).toBe('importing_data');
  });

  it('refuses what Wizart cannot take before uploading anything', async () => {
    const { csv } = wizartFiles(h);
    await expect(h.tracker.start('Wizart', { files: [{ path: csv }] })).rejects.toThrow(/ZIP of images/);
    const xlsx = h.file('products.xlsx', 'not really');
    await expect(
      h.tracker.start('Wizart', { files: [{ path: xlsx }], images: { path: csv } }),
    ).rejects.toThrow(/ZIP archive/);
    await expect(h.tracker.start('Wizart', { files: [{ path: `${h.dir}/nope.csv` }] })).rejects.toThrow(
      /Cannot read/,
    );
    expect(h.pim.admin.counters('wizart').total).toBe(0);
  });

  it('takes a CSV and a ZIP dropped together as the data file and its images', async () => {
    const { csv, zip } = wizartFiles(h);
    const started = await h.tracker.start(CONN.wizart, { files: [{ path: zip }, { path: csv }] });
    expect(started).toMatchObject({ fileName: 'products.csv', entity: 'wallpaper' });
    const done = await h.tracker.follow(started.id);
    expect(done.files.map((f) => [f.name, f.role])).toEqual([
      ['products-images.zip', 'images'],
      ['products.csv', 'data'],
    ]);
    expect(done.status).toBe('succeeded');
  });
});
