/**
 * XLSX validation of 100k rows (BENCH_QUICK=1: 10k): peak memory under 500 MB and time at most 5x
 * the same data as CSV (DESIGN.md). The workbook is written with exceljs's streaming writer with
 * shared strings, numbers and dates as real cells (as a supplier's Excel file has them). Each
 * measurement runs in a child process; CSV and XLSX alternate, three rounds, medians reported.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { BENCH_TEMPLATE, child, median, peakRssMb, writeCatalogCsv } from './validate-csv.bench';
import type { ChildResult } from './validate-csv.bench';

const SELF = fileURLToPath(import.meta.url);
const ROUNDS = 3;

export async function writeCatalogXlsx(path: string, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = book.addWorksheet('Products');
  sheet.columns = BENCH_TEMPLATE.columns.map((c) => ({
    header: c.column,
    key: c.column,
    style:
      c.type === 'date'
        ? { numFmt: 'yyyy-mm-dd' }
        : c.type === 'datetime'
          ? { numFmt: 'yyyy-mm-dd hh:mm:ss' }
          : {},
  }));
  for (let i = 1; i <= rows; i++) {
    const bad = i % 2000 === 0;
    sheet
      .addRow([
        `SKU-${i}`,
        `Product ${i}`,
        `A fine product, number ${i}`,
        bad ? '3,99' : (i % 1000) / 10 + 1,
        (i % 500) / 10,
        4006381333931,
        `Brand${i % 50}`,
        i % 300,
        ['Red', 'Blue', 'Green'][i % 3],
        ['S', 'M', 'L'][i % 3],
        (i % 70) / 10,
        i % 1000,
        'true',
        new Date(Date.UTC(2024, 0, (i % 28) + 1)),
        new Date(Date.UTC(2024, 1, 1, 10)),
        'EUR',
        'DE',
        'en',
        `https://example.com/p/${i}`,
        `sales${i % 100}@example.com`,
      ])
      .commit();
  }
  sheet.commit();
  await book.commit();
}

async function childMain(file: string): Promise<void> {
  const v = await import('../src/core/validation');
  // Warm the pool this format uses (XLSX workers get the larger heap cap), as after a first drop.
  const xlsx = file.endsWith('.xlsx');
  const memoryLimitMb = xlsx ? 448 : 192;
  v.prewarmValidationWorkers(xlsx ? 1 : 2, memoryLimitMb);
  const warmFile = join(file, '..', 'warm.csv');
  await writeCatalogCsv(warmFile, 100);
  await v.validateFile({ file: warmFile, template: BENCH_TEMPLATE, memoryLimitMb });
  await new Promise((r) => setTimeout(r, 1000));
  const start = performance.now();
  const cpu = process.cpuUsage();
  const r = await v.validateFile({ file, template: BENCH_TEMPLATE });
  const used = process.cpuUsage(cpu);
  if (r.fatal) throw new Error(r.fatal);
  const result: ChildResult = {
    ms: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    rows: r.rows,
    peakMb: peakRssMb(),
    parts: r.parts,
    errors: r.counts.error,
  };
  console.log(JSON.stringify(result));
  await v.closeValidationWorkers();
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const quick = process.env.BENCH_QUICK === '1';
  const rows = quick ? 10_000 : 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-validate-xlsx-'));
  try {
    const csv = join(dir, 'catalog.csv');
    const xlsx = join(dir, 'catalog.xlsx');
    await writeCatalogCsv(csv, rows);
    await writeCatalogXlsx(xlsx, rows);
    const c: ChildResult[] = [];
    const x: ChildResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      c.push(child(SELF, [csv]));
      x.push(child(SELF, [xlsx]));
    }
    const cm = median(c.map((r) => r.ms));
    const xm = median(x.map((r) => r.ms));
    const peak = Math.max(...x.map((r) => r.peakMb));
    const ratio = xm / cm;
    return {
      name: 'XLSX validation (100k rows x 20 columns) against the same data as CSV',
      lines: [
        `files: ${rows.toLocaleString('en-US')} rows; XLSX ${(statSync(xlsx).size / 2 ** 20).toFixed(1)} MB, CSV ${(statSync(csv).size / 2 ** 20).toFixed(1)} MB; ${x[0]?.errors ?? 0} errors found in each`,
        `CSV (median of ${ROUNDS}, warm workers): ${(cm / 1000).toFixed(2)} s; XLSX: ${(xm / 1000).toFixed(2)} s, ${Math.round(rows / (xm / 1000)).toLocaleString('en-US')} rows/s`,
        `time ratio XLSX/CSV: ${ratio.toFixed(2)}x (target <= 5x) ${ratio <= 5 ? 'MET' : `MISSED by ${((ratio / 5 - 1) * 100).toFixed(0)} %`}`,
        `peak RSS of the validating process (VmHWM, all threads): XLSX ${peak} MB (target < 500 MB) ${peak < 500 ? 'MET' : 'MISSED'}; CSV ${Math.max(...c.map((r) => r.peakMb))} MB`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF && process.argv[2] === '--child') {
  await childMain(process.argv[3] as string);
}
