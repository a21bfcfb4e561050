/**
 * Checks the rows of one byte range of a CSV file. Rows are numbered as the remotes number them:
 * data rows from 1, header and blank lines not counted (Broadleaf's and Wizart's parsers skip
 * blank lines "greedily", so a row of only delimiters is blank too).
 */
import type Papa from 'papaparse';
import type { RowChecker } from '../engine/row-checker';
import { streamCsv } from '../read/csv';
import type { Sink } from './sink';

export function isBlankRow(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as string;
    if (c !== '' && c.trim() !== '') return false;
  }
  return true;
}

const QUOTE_MESSAGES: Record<string, string> = {
  MissingQuotes:
    'A quoted value that starts on this row is never closed: everything after it is read as one value. Close the quote, and double any quote inside a value ("").',
  InvalidQuotes:
    'A quote inside a quoted value is not doubled, so the value ends early: write "" for a quote inside a value (e.g. "12"" screen").',
};

export interface CsvRange {
  file: string;
  encoding: string;
  delimiter: string;
  newline: string;
  start: number;
  end: number;
  /** Non-blank rows to skip first (title lines and the header, in the lead's part). */
  skipRows: number;
  part: number;
}

export async function checkCsvRange(
  range: CsvRange,
  checker: RowChecker,
  sink: Sink,
): Promise<{ rows: number }> {
  let row = 0;
  let skip = range.skipRows;
  const quoteIssues = (errors: Papa.ParseError[], numbers: Int32Array) => {
    for (const e of errors) {
      if (e.type !== 'Quotes') continue;
      const at = numbers[e.row ?? 0] ?? 0;
      sink.emit({
        part: range.part,
        row: at > 0 ? at : null,
        column: null,
        value: null,
        rule: 'row.quotes',
        severity: 'error',
        message: QUOTE_MESSAGES[e.code] ?? `${e.message}.`,
      });
    }
  };
  const { overlong } = await streamCsv({
    path: range.file,
    encoding: range.encoding,
    delimiter: range.delimiter,
    newline: range.newline,
    start: range.start,
    end: range.end,
    onBytes: (n) => sink.addBytes(n),
    onChunk({ rows, errors }) {
      const numbers = errors.length > 0 ? new Int32Array(rows.length + 1) : null;
      for (let i = 0; i < rows.length; i++) {
        const cells = rows[i] as string[];
        if (isBlankRow(cells)) continue;
        if (skip > 0) {
          skip--;
          continue;
        }
        row++;
        if (numbers) numbers[i] = row;
        checker.check(cells, row);
      }
      if (numbers) quoteIssues(errors, numbers);
      sink.progress(row);
    },
  });
  if (overlong) {
    sink.emit({
      part: range.part,
      row: row + 1,
      column: null,
      value: null,
      rule: 'row.quotes',
      severity: 'error',
      message: `Reading stopped here: the record after row ${row} runs on for more than 16 MB, so a quote is almost certainly never closed. The rows after it were not checked.`,
    });
  }
  return { rows: row };
}
