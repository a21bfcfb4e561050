/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and writes their
 * figures to bench/RESULTS.md. Each bench measures its own baseline in the same run and reports
 * ratios, so figures compare across machines; none of them is a pass/fail test.
 */
import { readdirSync, writeFileSync } from 'node:fs';
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

const sections: string[] = [];
for (const file of files) {
  console.log(`== ${file}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => Promise<BenchResult> };
  const started = Date.now();
  const result = await mod.run();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const line of result.lines) console.log(`   ${line}`);
  sections.push(
    `## ${result.name}\n\n_${file}, ${seconds} s_\n\n${result.lines.map((l) => `- ${l}`).join('\n')}\n`,
  );
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = `# Benchmark results\n\nWritten by \`npm run bench\` on ${new Date().toISOString()} (${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}${process.env.BENCH_QUICK ? ', BENCH_QUICK=1: reduced sizes' : ''}).\nFigures are ratios against a baseline measured in the same run wherever a target is a ratio.\n`;
writeFileSync(join(dir, 'RESULTS.md'), `${header}\n${sections.join('\n')}`);
console.log(`wrote ${join(dir, 'RESULTS.md')}`);
