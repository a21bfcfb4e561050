/**
 * Re-reads a validated file's data rows exactly as the run read them (encoding, delimiter, sheet and
 * header row from the report) and numbers them the way the report does: data rows from 1, blank rows
 * and the rows above and including the header not counted (worker/check-csv.ts). The dry-run diff,
 * the apply and "fix and validate again" all read through here, so a row number in an issue is the
 * row they act on.
 */
import { streamCsv } from '../read/csv';
import { cellText, chooseSheet, openWorkbookIndex, sheetRows } from '../read/xlsx';
import type { ValidationReport } from '../types';
import { isBlankRow } from '../worker/check-csv';

/** Stop reading early by returning false. */
export type RowVisitor = (row: number, cells: string[]) => boolean | void;

class Stop extends Error {}

export async function readDataRows(
  report: Pick<ValidationReport, 'file' | 'source' | 'fatal'>,
  visit: RowVisitor,
  signal?: AbortSignal,
): Promise<number> {
  if (report.fatal) throw new Error(`The file could not be read: ${report.fatal}`);
  const s = report.source;
  let skip = s.headerRow ?? 1;
  let row = 0;
  const take = (cells: string[]) => {
    if (isBlankRow(cells)) return;
    if (skip > 0) {
      skip--;
      return;
    }
    row++;
    if (visit(row, cells) === false) throw new Stop();
  };
  try {
    if (s.format === 'csv') {
      await streamCsv({
        path: report.file,
        encoding: s.encoding ?? 'utf-8',
        delimiter: s.delimiter ?? ',',
        newline: s.newline ?? '\n',
        start: s.bom ? (s.encoding?.startsWith('utf-16') ? 2 : 3) : 0,
        end: s.size,
        onBytes: () => undefined,
        onChunk: ({ rows }) => rows.forEach((cells) => take(cells)),
        ...(signal ? { signal } : {}),
      });
    } else if (s.format === 'xlsx') {
      const sheet = chooseSheet(await openWorkbookIndex(report.file), s.sheet);
      for await (const r of sheetRows(report.file, sheet, () => undefined)) {
        if (signal?.aborted) throw new Error('aborted');
        const values = r.values;
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c], true).text);
        take(cells);
      }
    } else throw new Error('A ZIP archive has no rows to read.');
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  return row;
}

/** The cells of some rows (for showing and fixing them); stops after the last one wanted. */
export async function pickRows(
  report: Pick<ValidationReport, 'file' | 'source' | 'fatal'>,
  wanted: readonly number[],
): Promise<Map<number, string[]>> {
  const set = new Set(wanted);
  const last = Math.max(...wanted);
  const out = new Map<number, string[]>();
  await readDataRows(report, (row, cells) => {
    if (set.has(row)) out.set(row, cells);
    return row < last;
  });
  return out;
}
