/**
 * Decides what a Wizart import will do by actually reading the uploaded CSV and ZIP, stage by stage,
 * as seeds/000_e06ea13dbfabb382.txt describes them:
 * - validating_csv: structure must equal the template and required fields must be filled (fatal);
 * - unpacking_archive: the ZIP must be readable and safe to extract (fatal);
 * - checking_images: every image the CSV names must be in the ZIP (fatal);
 * - importing_data: bad values skip the row (warning); an image that is not an image is a fatal
 *   error that stops the import, keeping the products imported before it (failure).
 */
import Papa from 'papaparse';
import { baseName, inspectZip, looksLikeImage } from './zip-inspect';
import type { ZipEntryInfo } from './zip-inspect';
import type { FinalStatus, ProductType, Stage } from './schema';

export interface RowIssue {
  row: number;
  vendor_code?: string;
  column?: string;
  value?: string;
  message: string;
}

export interface Analysis {
  rows: number;
  images: number;
  final: FinalStatus;
  /** The stage a failure happens in (absent unless final is failure). */
  failedAt?: Stage;
  message: string;
  products: Record<string, string>[];
  issues: RowIssue[];
}

const MAX_LISTED = 20;
const NUMBER = /^-?\d+(\.\d+)?$/;

interface Table {
  header: string[];
  rows: string[][];
}

function failure(failedAt: Stage, issues: RowIssue[], rows = 0, images = 0): Analysis {
  const listed = issues.slice(0, MAX_LISTED).map((i) => i.message);
  const more = issues.length > MAX_LISTED ? ` (and ${issues.length - MAX_LISTED} more)` : '';
  return { rows, images, final: 'failure', failedAt, message: listed.join(' ') + more, products: [], issues };
}

function parseCsv(buf: Buffer): Table | RowIssue {
  let text: string;
  try {
    // TextDecoder drops a leading BOM by default.
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { row: 0, message: 'The CSV file is not UTF-8 encoded.' };
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: 'greedy' });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    // Papaparse counts the header as row 0, so its index is already our 1-based data row.
    const row = quoteError.row ?? 0;
    return { row, message: `Row ${row}: ${quoteError.message}.` };
  }
  const [header, ...rows] = parsed.data;
  if (!header) return { row: 0, message: 'The CSV file is empty.' };
  return { header: header.map((h) => h.trim()), rows };
}

function validateCsv(type: ProductType, table: Table): RowIssue[] {
  const missing = type.columns.filter((c) => !table.header.includes(c));
  const unknown = table.header.filter((c) => !type.columns.includes(c));
  if (missing.length || unknown.length) {
    const parts = [];
    if (missing.length) parts.push(`missing column(s) ${missing.join(', ')}`);
    if (unknown.length) parts.push(`unknown column(s) ${unknown.join(', ')}`);
    return [
      { row: 0, message: `The CSV structure differs from the ${type.code} template: ${parts.join('; ')}.` },
    ];
  }
  if (table.rows.length === 0) return [{ row: 0, message: 'The CSV file contains no products.' }];
  const issues: RowIssue[] = [];
  table.rows.forEach((cells, i) => {
    const row = i + 1;
    if (cells.length !== table.header.length) {
      issues.push({
        row,
        message: `Row ${row} has ${cells.length} fields, the template has ${table.header.length}.`,
      });
      return;
    }
    for (const column of type.required) {
      const value = cells[table.header.indexOf(column)] ?? '';
      if (value.trim() === '') {
        issues.push({ row, column, value, message: `Row ${row}: the ${column} field is required.` });
      }
    }
  });
  return issues;
}

function toRecord(header: string[], cells: string[]): Record<string, string> {
  const rec: Record<string, string> = {};
  header.forEach((h, i) => (rec[h] = (cells[i] ?? '').trim()));
  return rec;
}

function findEntry(entries: Map<string, ZipEntryInfo>, byBase: Map<string, ZipEntryInfo>, ref: string) {
  return entries.get(ref) ?? byBase.get(baseName(ref));
}

function importRows(
  type: ProductType,
  records: Record<string, string>[],
  resolve: (ref: string) => ZipEntryInfo | undefined,
  heads: Map<string, Buffer>,
  rejectFor: (vendorCode: string) => string | undefined,
): Pick<Analysis, 'final' | 'failedAt' | 'message' | 'products' | 'issues'> {
  const products: Record<string, string>[] = [];
  const issues: RowIssue[] = [];
  for (const [i, rec] of records.entries()) {
    const row = i + 1;
    const vendor_code = rec[type.keyColumn] ?? '';
    const rejected = rejectFor(vendor_code);
    if (rejected) {
      issues.push({ row, vendor_code, message: rejected });
      continue;
    }
    const bad = type.numeric.find((c) => rec[c] !== '' && rec[c] !== undefined && !NUMBER.test(rec[c]));
    if (bad) {
      issues.push({
        row,
        vendor_code,
        column: bad,
        value: rec[bad],
        message: `The ${bad} must be a number.`,
      });
      continue;
    }
    const image = rec[type.imageColumn] ?? '';
    const head = heads.get(resolve(image)?.name ?? '');
    if (!head || !looksLikeImage(head)) {
      const message = `Row ${row}: the file ${image} is not a valid image; the import stopped after ${products.length} product(s).`;
      return {
        final: 'failure',
        failedAt: 'importing_data',
        message,
        products,
        issues: [...issues, { row, vendor_code, column: type.imageColumn, value: image, message }],
      };
    }
    products.push(rec);
  }
  if (issues.length === 0) {
    return {
      final: 'success',
      message: 'All the products have been successfully imported.',
      products,
      issues,
    };
  }
  const message = `${issues.length} of ${records.length} product(s) were skipped because of errors.`;
  return { final: 'warning', message, products, issues };
}

export async function analyzeImport(
  type: ProductType,
  csv: Buffer,
  zip: Buffer,
  rejectFor: (vendorCode: string) => string | undefined,
): Promise<Analysis> {
  const table = parseCsv(csv);
  if (!('header' in table)) return failure('validating_csv', [table]);
  const csvIssues = validateCsv(type, table);
  if (csvIssues.length) return failure('validating_csv', csvIssues, table.rows.length);

  const records = table.rows.map((cells) => toRecord(table.header, cells));
  const refs = new Set(records.map((r) => r[type.imageColumn] ?? ''));
  const refBases = new Set([...refs].map(baseName));
  const zipInfo = await inspectZip(zip, (name) => refs.has(name) || refBases.has(baseName(name)));
  if (!zipInfo.ok) return failure('unpacking_archive', [{ row: 0, message: zipInfo.reason }], records.length);

  const files = zipInfo.entries.filter((e) => !e.isDirectory);
  const byName = new Map(files.map((e) => [e.name, e]));
  const byBase = new Map<string, ZipEntryInfo>();
  for (const e of files) if (!byBase.has(baseName(e.name))) byBase.set(baseName(e.name), e);
  const resolve = (ref: string) => findEntry(byName, byBase, ref);

  const missing = records
    .map((rec, i) => ({ row: i + 1, image: rec[type.imageColumn] ?? '', vendor_code: rec[type.keyColumn] }))
    .filter((r) => !resolve(r.image));
  if (missing.length) {
    const issues = missing.map((m) => ({
      row: m.row,
      vendor_code: m.vendor_code,
      column: type.imageColumn,
      value: m.image,
      message: `Row ${m.row}: the image ${m.image} is missing from the ZIP archive.`,
    }));
    return failure('checking_images', issues, records.length, files.length);
  }
  const outcome = importRows(type, records, resolve, zipInfo.heads, rejectFor);
  return { rows: records.length, images: files.length, ...outcome };
}
