/**
 * Outcomes of a run: a corrected copy of the file and an errors file, each as CSV or XLSX.
 * The corrected copy re-reads the source the way the run read it (encoding, delimiter, sheet,
 * header row from the report) and applies only the fixes that cannot change meaning:
 *  - trimming stray spaces (every remote trims anyway),
 *  - straight quotes for AutoCorrect's smart quotes,
 *  - a dot for an unambiguous decimal comma, in numeric (float) columns only,
 *  - header spellings the remote requires, and dropping empty trailing fields and the rows above
 *    the header; the output is UTF-8 with the template's delimiter.
 * Never fixed: GTINs in scientific notation (the digits are gone), serial-number dates and lost
 * leading zeros (the original cannot be known); the errors file lists them with what to do.
 */
import { decimalCommaFix, hasSmartQuotes, straightenQuotes, trimValue } from '../checks/pitfalls';
import { isNumericType } from '../checks/values';
import { readDataRows } from '../apply/rows';
import type { Template, ValidationReport } from '../types';
import { openTableWriter } from './writer';

export interface ExportOptions {
  /** Where to write; the format follows `format`. */
  out: string;
  format: 'csv' | 'xlsx';
  /** UTF-8 byte-order mark at the start of a CSV (for Excel). */
  bom?: boolean;
}

export interface ExportResult {
  out: string;
  rows: number;
  /** Cells changed by the safe fixes. */
  fixed: number;
}

interface Fixer {
  header: string[];
  numeric: boolean[];
  cell(v: string, col: number): string;
}

function makeFixer(report: ValidationReport, template: Template): Fixer {
  const byColumn = new Map(template.columns.map((c) => [c.column, c]));
  const mapping = report.mapping.mapping;
  const rules = report.source.headers.map((_, i) => {
    const target = mapping[i];
    return target === null || target === undefined ? undefined : byColumn.get(target);
  });
  const header = report.source.headers.map((h, i) => {
    const rule = rules[i];
    const trimmed = trimValue(h);
    return rule && !rule.headerPattern && template.exactHeaders ? rule.column : trimmed;
  });
  const numeric = rules.map((r) => isNumericType(r?.type) && r?.list === undefined);
  const float = rules.map((r) => r?.type === 'float' && r.list === undefined);
  return {
    header,
    numeric,
    cell(v, col) {
      let out = trimValue(v);
      if (hasSmartQuotes(out)) out = straightenQuotes(out);
      if (float[col]) out = decimalCommaFix(out) ?? out;
      return out;
    },
  };
}

/** Writes the corrected copy in this thread (the worker's side of exportCorrected). */
export async function exportCorrectedHere(
  report: ValidationReport,
  template: Template,
  opts: ExportOptions,
): Promise<ExportResult> {
  if (report.fatal)
    throw new Error(`The file could not be read, so there is nothing to correct: ${report.fatal}`);
  const fixer = makeFixer(report, template);
  const width = fixer.header.length;
  const writer = await openTableWriter(opts.out, {
    format: opts.format,
    numeric: fixer.numeric,
    delimiter: template.delimiter ?? ',',
    bom: opts.bom,
  });
  let rows = 0;
  let fixed = 0;
  writer.write(fixer.header);
  await readDataRows(report, (_row, cells) => {
    // A spreadsheet row ends at its last filled cell; the CSV needs every field.
    if (report.source.format === 'xlsx') while (cells.length < width) cells.push('');
    // Empty fields past the header's width are trailing delimiters: dropped.
    let end = cells.length;
    while (end > width && (cells[end - 1] as string).trim() === '') end--;
    const out = cells.slice(0, end).map((v, i) => {
      const f = fixer.cell(v, i);
      if (f !== v) fixed++;
      return f;
    });
    writer.write(out);
    rows++;
  });
  await writer.close();
  return { out: opts.out, rows, fixed };
}

const ERROR_HEADER = ['Row', 'Column', 'Value', 'Severity', 'Rule', 'Message', 'Fix'];

/** Writes the report's issues, one per row, for the supplier or a colleague to work through. */
export async function exportErrors(report: ValidationReport, opts: ExportOptions): Promise<ExportResult> {
  const writer = await openTableWriter(opts.out, {
    format: opts.format,
    numeric: [true],
    bom: opts.bom,
    sheetName: 'Issues',
  });
  writer.write(ERROR_HEADER);
  if (report.fatal) writer.write(['', '', '', 'error', 'file.unreadable', report.fatal, '']);
  for (const i of report.issues) {
    writer.write([
      i.row === null ? '' : String(i.row),
      i.column ?? '',
      i.value ?? '',
      i.severity,
      i.rule,
      i.message,
      i.fix ?? '',
    ]);
  }
  await writer.close();
  return { out: opts.out, rows: report.issues.length, fixed: 0 };
}
