/**
 * The engine: issues arrive while the run goes on, progress reports rows and bytes, a large CSV
 * split across workers gives the same report as one worker (uniqueness across the cut included),
 * counts stay exact past the issue cap, cancelling works, and a run is stored in the app database
 * in batches.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/db/open';
import {
  closeValidationWorkers,
  listRunIssues,
  loadRun,
  saveRun,
  validateFile,
} from '../../../src/core/validation';
import type { Issue, Progress, Template } from '../../../src/core/validation';
import {
  createUniqueTable,
  FULL,
  insertUnique,
  isDisplaced,
  NEW,
} from '../../../src/core/validation/engine/unique-table';
import { byRule, tempDir } from './helpers';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await closeValidationWorkers();
});

const TEMPLATE: Template = {
  id: 'engine-test',
  name: 'Engine test',
  system: 'custom',
  unknownColumns: 'warning',
  columns: [
    { column: 'sku', required: true, unique: true },
    { column: 'name', required: true },
    { column: 'price', type: 'float' },
    { column: 'ean', type: 'gtin' },
    { column: 'note' },
  ],
};

/** ~18 MB: above the size at which a CSV is split between workers. */
function bigCsv(rows: number): string {
  const lines = ['sku,name,price,ean,note'];
  for (let i = 1; i <= rows; i++) {
    const sku = i % 50_000 === 0 ? 'SKU-7' : `SKU-${i}`; // a duplicate of row 7 every 50,000 rows
    const price = i % 10_000 === 0 ? '"1,5"' : `${i % 100}.99`;
    const name = i % 25_000 === 0 ? '' : `"Product ${i}, a long enough name to make the file large"`;
    lines.push(`${sku},${name},${price},4006381333931,"note with ""quotes"" inside ${i}"`);
  }
  return `${lines.join('\n')}\n`;
}

const key = (i: Issue) => `${i.row}|${i.column}|${i.rule}`;

describe('streaming and parallel parts', () => {
  const file = tmp.file('big.csv', bigCsv(170_000));

  it('gives the same report with one worker and with the file cut between workers', async () => {
    const progress: Progress[] = [];
    let firstIssueAtRows = -1;
    const streamed: Issue[] = [];
    const split = await validateFile({
      file,
      template: TEMPLATE,
      workers: 2,
      onProgress: (p) => progress.push(p),
      onIssue: (i) => {
        if (firstIssueAtRows === -1) firstIssueAtRows = progress.at(-1)?.rows ?? 0;
        streamed.push(i);
      },
    });
    const single = await validateFile({ file, template: TEMPLATE, workers: 1 });
    expect(split.parts).toBe(2);
    expect(single.parts).toBe(1);
    expect(split.rows).toBe(170_000);
    expect(single.rows).toBe(170_000);
    expect(split.issues.map(key).sort()).toEqual(single.issues.map(key).sort());
    expect(split.counts).toEqual(single.counts);
    // Repeats across the cut are found; each repeat is reported once and names an earlier row
    // holding the same value (which one depends on which worker got there first).
    const dups = byRule(split, 'unique');
    expect(dups.map((d) => d.row)).toEqual([50_000, 100_000, 150_000]);
    for (const d of dups) {
      const named = Number(/row (\d+):/.exec(d.message)?.[1]);
      expect([7, 50_000, 100_000]).toContain(named);
      expect(named).toBeLessThan(d.row as number);
    }
    expect(byRule(split, 'excel.decimal-comma')).toHaveLength(17);
    expect(byRule(split, 'required')).toHaveLength(6);
    // Issues reached the caller before the run ended, progress counted rows and bytes.
    expect(firstIssueAtRows).toBeLessThan(170_000);
    expect(streamed).toHaveLength(split.issues.length);
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.bytesTotal).toBe(split.source.size);
    expect(last.bytesDone).toBe(last.bytesTotal);
  });

  it('keeps counts exact past the issue cap', async () => {
    const report = await validateFile({ file, template: TEMPLATE, issueCap: 5, workers: 2 });
    expect(report.issues).toHaveLength(5);
    expect(report.truncated).toBe(true);
    const total = report.summary.reduce((n, s) => n + s.count, 0);
    expect(total).toBe(report.counts.error + report.counts.warning + report.counts.info);
    expect(report.summary.find((s) => s.rule === 'excel.decimal-comma')?.count).toBe(17);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const running = validateFile({
      file,
      template: TEMPLATE,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(running).rejects.toThrow('cancelled');
  });
});

describe('uniqueness table', () => {
  it('finds repeats, lets the earlier position win, and says when it is full', () => {
    const t = createUniqueTable(10, 1 << 16, false);
    expect(insertUnique(t, 'a', 5)).toBe(NEW);
    expect(insertUnique(t, 'a', 9)).toBe(5);
    const earlier = insertUnique(t, 'a', 2);
    expect(isDisplaced(earlier)).toBe(true);
    expect(insertUnique(t, 'a', 3)).toBe(2);
    for (let i = 0; i < 5000; i++) insertUnique(t, `v${i}`, i);
    expect(t.mask + 1).toBeGreaterThan(1024 * 4);
    const capped = createUniqueTable(10, 1024, true);
    let full = 0;
    for (let i = 0; i < 2000; i++) if (insertUnique(capped, `w${i}`, i) === FULL) full++;
    expect(full).toBeGreaterThan(0);
    expect(insertUnique(capped, 'w1', 5000)).toBe(1);
  });
});

describe('runs in the app database', () => {
  it('stores a run with its issues in batches, counts exact past the stored cap', async () => {
    const store = openStore(join(tmp.dir, 'steward.sqlite'));
    try {
      const rows = ['sku,name,price'];
      for (let i = 0; i < 1500; i++) rows.push(`S${i},,x${i}`);
      const report = await validateFile({
        file: tmp.file('many-issues.csv', `${rows.join('\n')}\n`),
        template: TEMPLATE,
      });
      expect(report.counts.error).toBe(3000);
      const id = await saveRun(store.db, report, { maxIssues: 1200 });
      const run = await store.db
        .selectFrom('validation_run')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({ status: 'done', rows: 1500, errors: 3000, template: 'engine-test' });
      const stored = await store.db
        .selectFrom('validation_issue')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('run_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(1200);
      const page = await listRunIssues(store.db, id, { offset: 10, limit: 5 });
      expect(page).toHaveLength(5);
      expect(page[0]).toMatchObject({ rule: expect.any(String), severity: 'error' });
      const loaded = await loadRun(store.db, id);
      expect(loaded?.counts.error).toBe(3000);
      expect(loaded?.mapping.mapping).toEqual(['sku', 'name', 'price']);
      const unreadable = await validateFile({ file: join(tmp.dir, 'nothing.csv') });
      const failed = await saveRun(store.db, unreadable);
      const f = await store.db
        .selectFrom('validation_run')
        .select('status')
        .where('id', '=', failed)
        .executeTakeFirstOrThrow();
      expect(f.status).toBe('failed');
    } finally {
      await store.close();
    }
  });
});
