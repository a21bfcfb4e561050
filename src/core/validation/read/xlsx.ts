/**
 * XLSX reading with exceljs's streaming WorkbookReader (rows are never all in memory; shared strings
 * and styles are, which is why it runs in a worker with a heap cap). Before exceljs sees the file,
 * its ZIP container is checked like an image archive (an XLSX is a ZIP: a zip bomb in disguise is
 * refused), and the sheet list is read from xl/workbook.xml so a sheet can be picked by name.
 * Cells become the text a remote importer would read, with notes on what Excel did to them.
 */
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { Entry } from 'yauzl';
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
  s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string,
  );
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
  const byNumber =
    typeof wanted === 'number' || /^\d+$/.test(wanted) ? sheets[Number(wanted) - 1] : undefined;
  const found =
    byNumber ??
    sheets.find((s) => s.name === wanted) ??
    sheets.find((s) => s.name.toLowerCase() === String(wanted).toLowerCase());
  if (!found)
    throw new Error(
      `The workbook has no sheet "${wanted}". Its sheets: ${sheets.map((s) => s.name).join(', ')}.`,
    );
  return found;
}

export interface XlsxRow {
  number: number;
  values: ExcelJS.CellValue[];
}

/**
 * The parts of exceljs's streaming WorkbookReader used here. Its public iterator reads the XLSX
 * through unzipper in ZIP order and loses sheets when they come before xl/workbook.xml and the
 * shared strings (exceljs's own writer orders big workbooks that way: a 41-sheet file yielded 20).
 * So yauzl reads the entries this reader needs, in the order it needs them, and hands each one to
 * the reader's own parsers (exceljs 4.x internals, pinned by package.json's ^4.4).
 */
interface ReaderInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<Buffer>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: SheetInternals }>;
}

/** WorksheetReader.parse(): the rows of each parsed chunk in one array (no await per row). */
interface SheetInternals {
  parse(): AsyncIterable<{ eventType: string; value: ExcelJS.Row }[]>;
}

/** Inflate in large pieces: fewer chunks through the SAX parser, fewer promise hops. */
const INFLATE_CHUNK = 256 * 1024;

const MERGE = /<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g;

/**
 * Streams the rows of one sheet, in batches (one per parsed chunk). `onBytes` gets the sheet's
 * progress in compressed bytes; `merges` collects merged ranges, which exceljs's streaming reader
 * skips, from the same pass.
 */
export async function* sheetRowBatches(
  file: string,
  sheet: SheetRef,
  onBytes: (n: number) => void,
  merges: string[] = [],
): AsyncGenerator<XlsxRow[]> {
  // Loaded on demand: exceljs takes ~0.4 s to import, which a CSV run should not pay.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderInternals;
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const open = async (name: string) => {
      const entry = entries.get(name);
      return entry ? zip.openReadStreamPromise(entry) : undefined;
    };
    const rels = await open('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    const book = await open('xl/workbook.xml');
    if (book) await reader._parseWorkbook(book);
    const strings = await open('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;
    const styles = await open('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    const entry = entries.get(sheet.path);
    if (!entry)
      throw new Error(
        `The workbook lists the sheet "${sheet.name}" but its data (${sheet.path}) is missing.`,
      );
    const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
    const stream =
      entry.compressionMethod === 8 ? raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK })) : raw;
    const ratio = entry.compressedSize / Math.max(1, entry.uncompressedSize);
    async function* tapped(): AsyncGenerator<Buffer> {
      let tail = '';
      let seen = 0;
      for await (const chunk of stream) {
        const buf = chunk as Buffer;
        // The container check refused impossible ratios; this stops a sheet that lies about its size.
        seen += buf.length;
        if (seen > entry!.uncompressedSize)
          throw new Error(
            `${sheet.path} unpacks to more than the ${entry!.uncompressedSize} bytes it declares.`,
          );
        onBytes(Math.round(buf.length * ratio));
        const text = tail + buf.toString('latin1');
        if (merges.length < 10_000) for (const m of text.matchAll(MERGE)) merges.push(m[1] as string);
        tail = text.slice(-64);
        yield buf;
      }
    }
    const sheetNo = /sheet(\d+)\.xml$/.exec(sheet.path)?.[1] ?? String(sheet.position);
    for (const event of reader._parseWorksheet(tapped(), sheetNo)) {
      if (event.eventType !== 'worksheet') continue;
      for await (const events of event.value.parse()) {
        const batch: XlsxRow[] = [];
        for (const e of events) {
          if (e.eventType === 'row')
            batch.push({ number: e.value.number, values: e.value.values as ExcelJS.CellValue[] });
        }
        if (batch.length > 0) yield batch;
      }
    }
  } finally {
    zip.close();
  }
}

/** The rows of one sheet one by one (see sheetRowBatches). */
export async function* sheetRows(
  file: string,
  sheet: SheetRef,
  onBytes: (n: number) => void,
  merges: string[] = [],
): AsyncGenerator<XlsxRow> {
  for await (const batch of sheetRowBatches(file, sheet, onBytes, merges)) yield* batch;
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
    return {
      text: String(value.error),
      note: {
        rule: 'excel.error',
        severity: 'error',
        message: `The cell shows the Excel error ${String(value.error)}: fix its formula or type the value.`,
      },
    };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const f = value as ExcelJS.CellFormulaValue;
    const result = f.result as ExcelJS.CellValue | undefined;
    if (result === undefined || result === null) {
      return {
        text: '',
        formula: true,
        note: {
          rule: 'excel.formula',
          severity: 'error',
          message: `The formula =${f.formula ?? '…'} has no saved result (the program that wrote the file did not calculate it): open and save the file in Excel, or paste the values.`,
        },
      };
    }
    return { ...cellText(result, dateColumn), formula: true };
  }
  if ('text' in value) return { text: String((value as { text: unknown }).text) };
  return { text: '' };
}
