/**
 * "Fix cells and validate again": writes a working copy of a validated file with the user's cell
 * values (and, optionally, the safe fixes of export.ts: trimming, straight quotes, a dot for a
 * decimal comma in float columns) as UTF-8 CSV with the source's delimiter, ready for a new run.
 * The copy is not an export: values are written as they are, without formula neutralisation, so
 * the next run sees exactly what the user typed.
 */
import { createWriteStream } from 'node:fs';
import Papa from 'papaparse';
import { decimalCommaFix, hasSmartQuotes, straightenQuotes, trimValue } from '../checks/pitfalls';
import type { ValidationReport } from '../types';
import { readDataRows } from './rows';

export interface CellFix {
  row: number;
  /** The file's header of the column. */
  column: string;
  value: string;
}

export async function writeFixedCopy(
  report: ValidationReport,
  out: string,
  opts: { cells: readonly CellFix[]; safeFixes: boolean; floatColumns: ReadonlySet<string> },
): Promise<{ rows: number; changed: number }> {
  const headers = report.source.headers;
  const indexOf = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!indexOf.has(h)) indexOf.set(h, i);
  });
  const byRow = new Map<number, Map<number, string>>();
  for (const c of opts.cells) {
    const col = indexOf.get(c.column);
    if (col === undefined) throw new Error(`The file has no column "${c.column}".`);
    const cells = byRow.get(c.row) ?? new Map<number, string>();
    cells.set(col, c.value);
    byRow.set(c.row, cells);
  }
  const float = headers.map((h) => opts.floatColumns.has(h));
  const delimiter = report.source.format === 'csv' ? (report.source.delimiter ?? ',') : ',';
  const stream = createWriteStream(out);
  let failed: Error | undefined;
  stream.on('error', (err) => (failed = err));
  let batch: string[][] = [headers.slice()];
  const flush = () => {
    if (batch.length === 0) return;
    stream.write(`${Papa.unparse(batch, { delimiter, newline: '\r\n', escapeFormulae: false })}\r\n`);
    batch = [];
  };
  let changed = 0;
  const rows = await readDataRows(report, (row, cells) => {
    if (failed) throw failed;
    const fixes = byRow.get(row);
    const outRow = cells.map((v, i) => {
      let next = fixes?.get(i) ?? v;
      if (opts.safeFixes) {
        next = trimValue(next);
        if (hasSmartQuotes(next)) next = straightenQuotes(next);
        if (float[i]) next = decimalCommaFix(next) ?? next;
      }
      if (next !== v) changed++;
      return next;
    });
    if (fixes) for (const [i, v] of fixes) if (i >= outRow.length) outRow[i] = v;
    for (let i = 0; i < outRow.length; i++) outRow[i] ??= '';
    batch.push(outRow);
    if (batch.length >= 1000) flush();
  });
  flush();
  await new Promise<void>((resolve, reject) =>
    stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  if (failed) throw failed;
  return { rows, changed };
}
