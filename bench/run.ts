/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and writes their
 * figures to bench/RESULTS.md. Each bench measures its own baseline in the same run and reports
 * ratios, so figures compare across machines; none of them is a pass/fail test.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface BenchResult {
  name: string;
  lines: string[];
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

// Each bench's latest section is kept in bench/results/, so running one bench keeps the others' figures.
const resultsDir = join(dir, 'results');
mkdirSync(resultsDir, { recursive: true });
for (const file of files) {
  console.log(`== ${file}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => Promise<BenchResult> };
  const started = Date.now();
  const result = await mod.run();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const line of result.lines) console.log(`   ${line}`);
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const quick = process.env.BENCH_QUICK ? ', BENCH_QUICK=1: reduced sizes' : '';
  const body = result.lines.map((l) => `- ${l}`).join('\n');
  writeFileSync(
    join(resultsDir, file.replace(/\.bench\.ts$/, '.md')),
    `## ${result.name}\n\n_${file}, ${when} UTC, ${seconds} s${quick}_\n\n${body}\n`,
  );
}
const sections = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.md') && existsSync(join(dir, f.replace(/\.md$/, '.bench.ts'))))
  .sort()
  .map((f) => readFileSync(join(resultsDir, f), 'utf8'));

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = `# Benchmark results\n\nWritten by \`npm run bench\` (each section says when it last ran) on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.\nFigures are ratios against a baseline measured in the same run wherever a target is a ratio.\n`;
writeFileSync(join(dir, 'RESULTS.md'), `${header}\n${sections.join('\n')}`);
console.log(`wrote ${join(dir, 'RESULTS.md')}`);
