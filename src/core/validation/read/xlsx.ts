/**
 * XLSX reading with exceljs's streaming WorkbookReader (rows are never all in memory; shared strings
 * and styles are, which is why it runs in a worker with a heap cap). Before exceljs sees the file,
 * its ZIP container is checked like an image archive (an XLSX is a ZIP: a zip bomb in disguise is
 * refused), and the sheet list is read from xl/workbook.xml so a sheet can be picked by name.
 * Cells become the text a remote importer would read, with notes on what Excel did to them.
 */
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { CellNote } from '../engine/row-checker';
import { inspectZipFile } from '../zip/inspect';

export interface SheetRef {
  name: string;
  /** 1-based position among the workbook's tabs. */
  position: number;
  hidden: boolean;
  /** Entry path, e.g. xl/worksheets/sheet3.xml. */
  path: string;
}

const MAX_XML = 8 * 1024 * 1024;

async function readEntries(file: string, wanted: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (!wanted.includes(entry.fileName) || entry.uncompressedSize > MAX_XML) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
  } finally {
    zip.close();
  }
  return out;
}

const unxml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Checks the container and lists the sheets in tab order; throws a readable message if unusable. */
export async function openWorkbookIndex(file: string): Promise<SheetRef[]> {
  const zip = await inspectZipFile(file, undefined, { heads: false });
  if (zip.fatal) throw new Error(`The XLSX file cannot be opened: ${zip.fatal}`);
  const bomb = zip.issues.find((i) => i.severity === 'error');
  if (bomb) throw new Error(`The XLSX file is damaged or hostile: ${bomb.message}`);
  const texts = await readEntries(file, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
  const book = texts.get('xl/workbook.xml');
  if (!book) throw new Error('The file is a ZIP but not an Excel workbook (no xl/workbook.xml).');
  const targets = new Map<string, string>();
  for (const m of (texts.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  return [...book.matchAll(/<sheet\b[^>]*>/g)].map((m, i) => ({
    name: unxml(attr(m[0], 'name') ?? `Sheet${i + 1}`),
    position: i + 1,
    hidden: (attr(m[0], 'state') ?? 'visible') !== 'visible',
    path: targets.get(attr(m[0], 'r:id') ?? '') ?? `xl/worksheets/sheet${i + 1}.xml`,
  }));
}

export function chooseSheet(sheets: SheetRef[], wanted: string | number | undefined): SheetRef {
  if (sheets.length === 0) throw new Error('The workbook has no sheets.');
  if (wanted === undefined) return sheets.find((s) => !s.hidden) ?? (sheets[0] as SheetRef);
  const byNumber = typeof wanted === 'number' || /^\d+$/.test(wanted) ? sheets[Number(wanted) - 1] : undefined;
  const found = byNumber ?? sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === String(wanted).toLowerCase());
  if (!found) throw new Error(`The workbook has no sheet "${wanted}". Its sheets: ${sheets.map((s) => s.name).join(', ')}.`);
  return found;
}

export interface XlsxRow {
  number: number;
  values: ExcelJS.CellValue[];
}

/** Streams the rows of one sheet; `onBytes` counts the compressed bytes read from disk. */
export async function* sheetRows(file: string, sheet: SheetRef, onBytes: (n: number) => void): AsyncGenerator<XlsxRow> {
  const input = createReadStream(file, { highWaterMark: 1024 * 1024 });
  input.on('data', (b) => onBytes(b.length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const fileNumber = /sheet(\d+)\.xml$/.exec(sheet.path)?.[1];
  for await (const ws of reader) {
    const meta = ws as unknown as { name?: string; id?: number | string };
    if (meta.name !== sheet.name && !(meta.name === `Sheet${meta.id}` && String(meta.id) === fileNumber)) continue;
    for await (const row of ws) {
      yield { number: row.number, values: row.values as ExcelJS.CellValue[] };
    }
    input.destroy();
    return;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return day;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Numbers as Excel shows them (15 significant digits), never with binary noise like 3.9899999. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(Number(n.toPrecision(15)));
}

export interface CellText {
  text: string;
  note?: Omit<CellNote, 'col'>;
  formula?: boolean;
}

/** The text of a cell; `dateColumn` says whether the template expects a date there. */
export function cellText(value: ExcelJS.CellValue, dateColumn: boolean): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: numberText(value) };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) {
    const text = dateText(value);
    if (dateColumn) return { text };
    return {
      text,
      note: {
        rule: 'excel.date-in-text',
        severity: 'warning',
        message: `Excel stores this cell as the date ${text}. If it was meant as text (a code like 1-2 or MAR1, a size like 3/4), format the column as Text and retype it.`,
      },
    };
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) {
    return { text: String(value.error), note: { rule: 'excel.error', severity: 'error', message: `The cell shows the Excel error ${String(value.error)}: fix its formula or type the value.` } };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const f = value as ExcelJS.CellFormulaValue;
    const result = f.result as ExcelJS.CellValue | undefined;
    if (result === undefined || result === null) {
      return {
        text: '',
        formula: true,
        note: { rule: 'excel.formula', severity: 'error', message: `The formula =${f.formula ?? '…'} has no saved result (the program that wrote the file did not calculate it): open and save the file in Excel, or paste the values.` },
      };
    }
    return { ...cellText(result, dateColumn), formula: true };
  }
  if ('text' in value) return { text: String((value as { text: unknown }).text) };
  return { text: '' };
}

/** Merged ranges of a sheet: exceljs's streaming reader skips <mergeCell>, so they are scanned here. */
export async function sheetMerges(file: string, sheet: SheetRef): Promise<string[]> {
  const refs: string[] = [];
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== sheet.path) continue;
      const stream = await zip.openReadStreamPromise(entry);
      let tail = '';
      for await (const chunk of stream) {
        const text = tail + (chunk as Buffer).toString('latin1');
        for (const m of text.matchAll(/<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g)) refs.push(m[1] as string);
        tail = text.slice(-64);
        if (refs.length >= 10_000) break;
      }
      break;
    }
  } finally {
    zip.close();
  }
  return [...new Set(refs)];
}
