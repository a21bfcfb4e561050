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
  createUniqueLog,
  findDuplicates,
  packPos,
  recordUnique,
  sealLog,
  textAt,
  unpackPos,
} from '../../../src/core/validation/engine/unique-table';
import type { Duplicate, UniqueLog } from '../../../src/core/validation/engine/unique-table';
import { duplicateIssues } from '../../../src/core/validation/run/duplicates';
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
    // Repeats across the cut are found; each repeat is reported once, with its value, and names
    // the first row holding the value, whichever worker got there first.
    for (const report of [split, single]) {
      const dups = byRule(report, 'unique');
      expect(dups.map((d) => d.row)).toEqual([50_000, 100_000, 150_000]);
      for (const d of dups) {
        expect(d.value).toBe('SKU-7');
        expect(d.message).toBe('The same sku as row 7: each row needs its own value.');
      }
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

describe('uniqueness logs', () => {
  const found = (logs: UniqueLog[]) => {
    const out: Duplicate[] = [];
    findDuplicates(logs, (d) => out.push(d));
    return out
      .map((d) => ({ ...unpackPos(d.pos), first: unpackPos(d.first) }))
      .sort((a, b) => a.part - b.part || a.row - b.row);
  };

  it('finds every repeat among 200,000 values, names the first occurrence, keeps the texts', () => {
    const log = createUniqueLog(1000, 1 << 20);
    for (let row = 1; row <= 200_000; row++) {
      const v = row % 40_000 === 0 ? 'SKU-123' : `SKU-${row}`;
      expect(recordUnique(log, v, v, packPos(0, row))).toBe(true);
    }
    expect(log.count).toBe(200_000);
    expect(found([log])).toEqual(
      [40_000, 80_000, 120_000, 160_000, 200_000].map((row) => ({
        part: 0,
        row,
        first: { part: 0, row: 123 },
      })),
    );
    const sealed = sealLog(log);
    for (const row of [1, 123, 1024, 1025, 2048, 199_999, 200_000])
      expect(textAt(sealed, row - 1)).toBe(row % 40_000 === 0 ? 'SKU-123' : `SKU-${row}`);
    expect(textAt(sealed, 200_000)).toBeNull();
  });

  it('between parts: the first occurrence in the file wins, with the value as written', async () => {
    const part0 = createUniqueLog(100, 1 << 16);
    const part1 = createUniqueLog(100, 1 << 16);
    // Case-insensitive columns compare lower case and report the text as written.
    recordUnique(part1, 'a', 'A', packPos(1, 3));
    recordUnique(part1, 'b', 'b', packPos(1, 4));
    recordUnique(part1, 'a', 'a', packPos(1, 9));
    recordUnique(part0, 'a', 'a', packPos(0, 5));
    recordUnique(part0, 'c', 'c', packPos(0, 6));
    expect(found([part0, part1])).toEqual([
      { part: 1, row: 3, first: { part: 0, row: 5 } },
      { part: 1, row: 9, first: { part: 0, row: 5 } },
    ]);
    // The coordinator asks the worker that read a repeat for its text, and only for that.
    const sealed = [part0, part1].map((l) => sealLog(l));
    const asked: string[] = [];
    const issues = await duplicateIssues(
      sealed.map((l, worker) => ({
        worker,
        logs: [
          { column: 'sku', header: 'SKU', severity: 'error' as const, entries: l.entries, count: l.count },
        ],
      })),
      100,
      async (worker, requests) => {
        asked.push(`${worker}:${requests.map((r) => `${r.column}@${r.indexes.join('+')}`).join()}`);
        return requests.map((r) => r.indexes.map((i) => textAt(sealed[worker]!, i)));
      },
    );
    expect(asked).toEqual(['1:sku@0+2']);
    expect(issues.map((i) => [i.part, i.row, i.value, i.ref, i.message])).toEqual([
      [1, 3, 'A', packPos(0, 5), 'The same SKU as row {{row}}: each row needs its own value.'],
      [1, 9, 'a', packPos(0, 5), 'The same SKU as row {{row}}: each row needs its own value.'],
    ]);
  });

  it('stops logging at its cap and says so to the caller', () => {
    const log = createUniqueLog(10, 1024);
    let refused = 0;
    for (let i = 0; i < 2000; i++) if (!recordUnique(log, `w${i}`, `w${i}`, i + 1)) refused++;
    expect(refused).toBe(2000 - 1024);
    expect(log.count).toBe(1024);
  });

  it('keeps a bounded copy of a long value', () => {
    const long = 'x'.repeat(5000);
    const log = createUniqueLog(10, 1024);
    recordUnique(log, long, long, 1);
    recordUnique(log, long, long, 2);
    expect(textAt(sealLog(log), 1)).toBe(`${'x'.repeat(64)}…`);
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
