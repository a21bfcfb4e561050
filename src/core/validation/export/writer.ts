/**
 * Writes rows to CSV (papaparse's unparse, UTF-8, CRLF as RFC 4180 says) or XLSX (exceljs's
 * streaming WorkbookWriter), neutralising formula injection on the way out: a cell that starts
 * with = + - @ tab or CR gets a leading apostrophe so a spreadsheet shows it as text instead of
 * running it (OWASP "CSV injection"). Cells of numeric columns holding a plain number such as -5
 * are exempt: a number cannot be a formula, and an apostrophe would turn a valid price into text
 * the remote rejects. Neutralising happens only here, never in validated or applied data.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { isFloat } from '../checks/values';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string, numericColumn: boolean): string {
  if (!FORMULA_START.test(value)) return value;
  if (numericColumn && isFloat(value)) return value;
  return `'${value}`;
}

/**
 * Rows are written synchronously (papaparse hands a chunk of rows at a time, synchronously); the
 * output stream buffers what the disk has not taken yet, which stays small because writing a
 * file is faster than parsing one.
 */
export interface TableWriter {
  write(row: string[]): void;
  close(): Promise<void>;
}

export interface WriterOptions {
  format: 'csv' | 'xlsx';
  /** `numeric[i]`: column i is numeric (plain numbers are exempt, and written as numbers in XLSX). */
  numeric?: boolean[];
  delimiter?: string;
  /** Start the CSV with a UTF-8 byte-order mark (Excel then opens accents correctly). */
  bom?: boolean;
  sheetName?: string;
}

function csvWriter(path: string, opts: WriterOptions): TableWriter {
  const out: WriteStream = createWriteStream(path);
  let failed: Error | undefined;
  out.on('error', (err) => (failed = err));
  let batch: string[][] = [];
  let first = true;
  const flush = () => {
    if (batch.length === 0) return;
    const text = Papa.unparse(batch, {
      delimiter: opts.delimiter ?? ',',
      newline: '\r\n',
      escapeFormulae: false,
    });
    batch = [];
    const prefix = first && opts.bom ? '\ufeff' : '';
    first = false;
    out.write(`${prefix}${text}\r\n`);
  };
  return {
    write(row) {
      if (failed) throw failed;
      batch.push(row.map((v, i) => neutralizeFormula(v, opts.numeric?.[i] === true)));
      if (batch.length >= 1000) flush();
    },
    async close() {
      flush();
      await new Promise<void>((resolve, reject) =>
        out.end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
      if (failed) throw failed;
    },
  };
}

/** Numbers that survive a round trip through a double; longer digit strings stay text. */
function asNumber(v: string): number | string {
  if (!isFloat(v) || v.replace(/^-|\./g, '').length > 15) return v;
  return Number(v);
}

async function xlsxWriter(path: string, opts: WriterOptions): Promise<TableWriter> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet: ExcelJS.Worksheet = book.addWorksheet(opts.sheetName ?? 'Sheet1');
  return {
    write(row) {
      const values = row.map((v, i) => {
        const numeric = opts.numeric?.[i] === true;
        if (numeric && v !== '') {
          const n = asNumber(v);
          if (typeof n === 'number') return n;
        }
        return neutralizeFormula(v, numeric);
      });
      sheet.addRow(values).commit();
    },
    async close() {
      sheet.commit();
      await book.commit();
    },
  };
}

export async function openTableWriter(path: string, opts: WriterOptions): Promise<TableWriter> {
  return opts.format === 'csv' ? csvWriter(path, opts) : xlsxWriter(path, opts);
}
