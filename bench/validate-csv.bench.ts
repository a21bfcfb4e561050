/**
 * CSV validation throughput and memory (DESIGN.md: at least 0.8x a bare papaparse parse of the
 * same file in the same run; peak memory under 300 MB). A 1M-row, 20-column file (BENCH_QUICK=1:
 * 100k rows) is generated in a temp folder. Each measurement runs in its own child process so its
 * peak RSS (VmHWM: the whole process, worker threads included) is its own; bare parses and
 * validations alternate, three rounds, medians reported. "warm" validations reuse pooled workers
 * (as the desktop app does after the first drop); "cold" includes starting them.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { Template } from '../src/core/validation';

const SELF = fileURLToPath(import.meta.url);
const ROUNDS = 3;

export const BENCH_TEMPLATE: Template = {
  id: 'bench-20',
  name: 'Benchmark, 20 typed columns',
  system: 'custom',
  unknownColumns: 'warning',
  columns: [
    { column: 'sku', required: true, unique: true },
    { column: 'name', required: true },
    { column: 'description' },
    { column: 'price', type: 'float', range: { min: 0 } },
    { column: 'sale_price', type: 'float' },
    { column: 'gtin', type: 'gtin' },
    { column: 'brand' },
    { column: 'category', type: 'integer' },
    { column: 'color', enum: ['Red', 'Blue', 'Green'] },
    { column: 'size', enum: ['S', 'M', 'L'] },
    { column: 'weight', type: 'float' },
    { column: 'stock', type: 'integer' },
    { column: 'active', type: 'boolean' },
    { column: 'created', type: 'date' },
    { column: 'modified', type: 'datetime' },
    { column: 'currency', type: 'currency' },
    { column: 'country', type: 'country' },
    { column: 'language', type: 'language' },
    { column: 'url', type: 'url' },
    { column: 'email', type: 'email' },
  ],
};

/** Writes `rows` catalog rows; about one in 2,000 carries a defect, so issues are realistic. */
export async function writeCatalogCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${BENCH_TEMPLATE.columns.map((c) => c.column).join(',')}\n`);
  let buf = '';
  for (let i = 1; i <= rows; i++) {
    const bad = i % 2000 === 0;
    const day = String((i % 28) + 1).padStart(2, '0');
    buf +=
      `SKU-${i},Product ${i},"A fine product, number ${i}",${bad ? '"3,99"' : `${(i % 1000) / 10 + 1}`},${(i % 500) / 10},` +
      `4006381333931,Brand${i % 50},${i % 300},${['Red', 'Blue', 'Green'][i % 3]},${['S', 'M', 'L'][i % 3]},${(i % 70) / 10},${i % 1000},true,` +
      `2024-01-${day},2024-02-01 10:00:00,EUR,DE,en,https://example.com/p/${i},sales${i % 100}@example.com\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.on('finish', () => r()));
}

/** Peak resident memory of this process (all threads), MB. */
export function peakRssMb(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  } catch {
    // not Linux: the sampled figure below
  }
  return Math.round(process.memoryUsage().rss / 2 ** 20);
}

export interface ChildResult {
  ms: number;
  cpuMs: number;
  rows: number;
  peakMb: number;
  parts?: number;
  errors?: number;
}

/** Runs one measurement in a fresh Node process (tsx), returns its JSON result. */
export function child(script: string, args: string[]): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env },
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as ChildResult;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function childMain(mode: string, file: string, template?: string): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let result: Omit<ChildResult, 'ms' | 'cpuMs' | 'peakMb'>;
  if (mode === 'bare') {
    let rows = 0;
    await new Promise<void>((resolve, reject) =>
      Papa.parse(createReadStream(file, 'utf8') as unknown as File, {
        chunk: (r: Papa.ParseResult<string[]>) => {
          rows += r.data.length;
        },
        complete: () => resolve(),
        error: reject,
      }),
    );
    result = { rows };
  } else {
    const v = await import('../src/core/validation');
    const tpl = template === 'bench' ? BENCH_TEMPLATE : template;
    if (mode === 'warm') {
      // Fill the worker pool as the desktop app does at the first drop, then measure the next.
      v.prewarmValidationWorkers(2, 192);
      const small = join(file, '..', 'warm.csv');
      await writeCatalogCsv(small, 100);
      await v.validateFile({ file: small, template: tpl, workers: 2 });
    }
    const start = performance.now();
    const cpu = process.cpuUsage();
    const r = await v.validateFile({ file, template: tpl });
    const used = process.cpuUsage(cpu);
    const report = {
      ms: performance.now() - start,
      cpuMs: (used.user + used.system) / 1000,
      rows: r.rows,
      parts: r.parts,
      errors: r.counts.error,
      fatal: r.fatal,
    };
    if (r.fatal) throw new Error(r.fatal);
    console.log(JSON.stringify({ ...report, peakMb: peakRssMb() }));
    await v.closeValidationWorkers();
    return;
  }
  const used = process.cpuUsage(c0);
  console.log(
    JSON.stringify({
      ...result,
      ms: performance.now() - t0,
      cpuMs: (used.user + used.system) / 1000,
      peakMb: peakRssMb(),
    }),
  );
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const quick = process.env.BENCH_QUICK === '1';
  const rows = quick ? 100_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-validate-csv-'));
  try {
    const file = join(dir, 'catalog.csv');
    await writeCatalogCsv(file, rows);
    const mb = statSync(file).size / 2 ** 20;
    const cold = child(SELF, ['cold', file, 'bench']);
    const bare: ChildResult[] = [];
    const warm: ChildResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      bare.push(child(SELF, ['bare', file]));
      warm.push(child(SELF, ['warm', file, 'bench']));
    }
    const b = median(bare.map((r) => r.ms));
    const w = median(warm.map((r) => r.ms));
    const bCpu = median(bare.map((r) => r.cpuMs));
    const wCpu = median(warm.map((r) => r.cpuMs));
    const peak = Math.max(...warm.map((r) => r.peakMb), cold.peakMb);
    const ratio = b / w;
    return {
      name: 'CSV validation (1M rows x 20 columns, 20 typed rules)',
      lines: [
        `file: ${rows.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB; ${warm[0]?.errors ?? 0} errors found; read as ${warm[0]?.parts ?? 1} part(s) in parallel`,
        `bare papaparse parse (median of ${ROUNDS}): ${(b / 1000).toFixed(2)} s, ${Math.round(rows / (b / 1000)).toLocaleString('en-US')} rows/s`,
        `validation, warm workers (median of ${ROUNDS}): ${(w / 1000).toFixed(2)} s, ${Math.round(rows / (w / 1000)).toLocaleString('en-US')} rows/s`,
        `validation, cold (workers started in the run): ${(cold.ms / 1000).toFixed(2)} s`,
        `throughput ratio validation/bare: ${ratio.toFixed(2)}x warm, ${(b / cold.ms).toFixed(2)}x cold (target >= 0.8x) ${ratio >= 0.8 ? 'MET' : `MISSED by ${(((0.8 - ratio) / 0.8) * 100).toFixed(0)} %`}`,
        `CPU time: bare ${(bCpu / 1000).toFixed(2)} s, validation ${(wCpu / 1000).toFixed(2)} s over all threads (${(wCpu / bCpu).toFixed(2)}x the work, spread over the workers)`,
        `peak RSS of the validating process (VmHWM, all threads): ${peak} MB (target < 300 MB) ${peak < 300 ? 'MET' : 'MISSED'}; bare parse process: ${median(bare.map((r) => r.peakMb))} MB`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF && process.argv[2] === '--child') {
  await childMain(process.argv[3] as string, process.argv[4] as string, process.argv[5]);
}
