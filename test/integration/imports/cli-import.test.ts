/**
 * `steward import` and `steward jobs` (src/cli/commands/import.ts) called with an in-memory io on
 * the harness's core and tracker: the printed job, the stage changes (live on a TTY, as a history
 * otherwise), the issues of a warning or failure, JSON output, and the exit codes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCommand, jobsCommand } from '../../../src/cli/commands/import';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../../../src/cli/io';
import type { CliIo } from '../../../src/cli/io';
import { addWizartRowRejection } from '../../../src/core/demo-pim/wizart';
import { ImportJobDetail, ImportJobSummary } from '../../../src/core/imports';
import { startImportHarness } from './harness';
import type { ImportHarness } from './harness';
import { WIZART_ROWS, broadleafCsv, evenWizartStages, quickBroadleaf, wizartFiles } from './fixtures';

let h: ImportHarness;

beforeEach(async () => {
  h = await startImportHarness();
  evenWizartStages(h, 3000);
  quickBroadleaf(h);
});
afterEach(async () => {
  await h.close();
});

function memoryIo(isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, isTTY };
  return { io, out, err };
}

const deps = () => ({ tracker: h.tracker });

describe('steward import', () => {
  it('--follow --json prints the final job and exits 0 on success', async () => {
    const { csv, zip } = wizartFiles(h);
    const { io, out, err } = memoryIo();
    const code = await importCommand(
      h.core,
      io,
      { follow: true, json: true, images: zip },
      ['Wizart', csv],
      deps(),
    );
    expect(code).toBe(EXIT_OK);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    const job = ImportJobDetail.parse(JSON.parse(out[0]!));
    expect(job).toMatchObject({
      status: 'succeeded',
      stage: 'success',
      percent: 100,
      entity: 'wallpaper',
      issues: [],
    });
    expect(job.history.at(-1)?.stage).toBe('success');
  });

  it('--follow --json exits 1 on a warning, with the skipped rows in the output', async () => {
    addWizartRowRejection(h.demoDb, 'W-2', 'Duplicate vendor code.');
    const { csv, zip } = wizartFiles(h);
    const { io, out } = memoryIo();
    const code = await importCommand(
      h.core,
      io,
      { follow: true, json: true, images: zip },
      ['Wizart', csv],
      deps(),
    );
    expect(code).toBe(EXIT_FAILURE);
    const job = ImportJobDetail.parse(JSON.parse(out[0]!));
    expect(job.status).toBe('warning');
    expect(job.issues).toEqual([{ severity: 'warning', row: 2, message: 'Duplicate vendor code.' }]);
  });

  it('--follow off a TTY prints the stage history, the outcome and each issue, and exits 1 on failure', async () => {
    const rows = [WIZART_ROWS[0]!, 'W-2,Boreal,Acme,Spring,missing.jpg,53,1005,,green,21.50'];
    const { csv, zip } = wizartFiles(h, rows);
    const { io, out, err } = memoryIo(false);
    const code = await importCommand(h.core, io, { follow: true, images: zip }, ['Wizart', csv], deps());
    expect(code).toBe(EXIT_FAILURE);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^Job \d+: products\.csv → Wizart \(wallpaper\), remote id \d+$/);
    expect(out.filter((l) => l.startsWith('job ')).map((l) => /\((\w+)\)/.exec(l)?.[1])).toEqual([
      'uploading_files',
      'validating_csv',
      'unpacking_archive',
      'checking_images',
      'failure',
    ]);
    expect(out).toContain(
      '  error: row 2, image, "missing.jpg": Row 2: the image missing.jpg is missing from the ZIP archive.',
    );
    expect(out.some((l) => /^Job \d+ failed: /.test(l))).toBe(true);
  });

  it('--follow on a TTY prints each stage change as it happens', async () => {
    const { io, err, out } = memoryIo(true);
    const path = h.file('p.csv', broadleafCsv());
    const code = await importCommand(h.core, io, { follow: true }, ['Broadleaf', path], deps());
    expect(code).toBe(EXIT_OK);
    expect(err.map((l) => /\((\w+)\)/.exec(l)?.[1])).toEqual(['IN_PROCESS', 'COMPLETED']);
    expect(out.at(-1)).toMatch(/^Job \d+ succeeded/);
  });

  it('without --follow prints the accepted job and exits 0; usage mistakes exit through UsageError', async () => {
    const { io, out } = memoryIo();
    const path = h.file('p.csv', broadleafCsv());
    expect(await importCommand(h.core, io, { json: true }, ['Broadleaf', path], deps())).toBe(EXIT_OK);
    expect(ImportJobSummary.parse(JSON.parse(out[0]!))).toMatchObject({
      status: 'running',
      stage: 'START_REQUESTED',
    });
    await expect(importCommand(h.core, io, {}, ['Broadleaf'], deps())).rejects.toThrow(UsageError);
    await expect(importCommand(h.core, io, {}, ['Broadleaf', path, 'x.csv'], deps())).rejects.toThrow(
      UsageError,
    );
    await expect(importCommand(h.core, io, { option: ['bad'] }, ['Broadleaf', path], deps())).rejects.toThrow(
      UsageError,
    );
  });
});

describe('steward jobs', () => {
  it('lists jobs newest first with stage, status and percent, refreshing open ones; filters by connection', async () => {
    const { csv, zip } = wizartFiles(h);
    const run = memoryIo();
    await importCommand(h.core, run.io, { follow: true, images: zip }, ['Wizart', csv], deps());
    await importCommand(h.core, run.io, {}, ['Broadleaf', h.file('p.csv', broadleafCsv())], deps());

    const { io, out } = memoryIo();
    expect(await jobsCommand(h.core, io, { json: true }, [], deps())).toBe(EXIT_OK);
    const jobs = ImportJobSummary.array().parse(JSON.parse(out[0]!));
    expect(jobs.map((j) => [j.system, j.status])).toEqual([
      ['broadleaf', expect.stringMatching(/running|succeeded/)],
      ['wizart', 'succeeded'],
    ]);
    expect(jobs[1]).toMatchObject({ stage: 'success', percent: 100 });

    const text = memoryIo();
    expect(await jobsCommand(h.core, text.io, {}, ['Wizart'], deps())).toBe(EXIT_OK);
    expect(text.out).toHaveLength(1);
    expect(text.out[0]).toMatch(/^\s+\d+ {2}succeeded {2}100% {2}success\s+Wizart {2}products\.csv$/);
  });
});
