/**
 * XLSX reading. Before anything is parsed, the ZIP container is checked like an image archive (an
 * XLSX is a ZIP: a zip bomb in disguise is refused), and the sheet list is read from
 * xl/workbook.xml so a sheet can be picked by name. Rows are streamed by a hand-written reader of
 * the worksheet XML (sheet-xml.ts; why: docs/adr/0003-xlsx-sheet-reader.md): rows are never all in
 * memory; shared strings are, budgeted against the heap cap of the worker this runs in.
 * Cells become the text a remote importer would read, with notes on what Excel did to them.
 */
import { createInflateRaw } from 'node:zlib';
import type { ZlibOptions } from 'node:zlib';
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { Entry } from 'yauzl';
import type { CellNote } from '../engine/row-checker';
import { inspectZipFile } from '../zip/inspect';
import { UnreadableError } from './csv';
import { SheetXmlParser } from './sheet-xml';
import type { SheetValue, XlsxRow } from './sheet-xml';
import { SharedStringsParser, StylesParser, isDate1904, partPaths } from './xlsx-parts';

export type { SheetValue, XlsxRow } from './sheet-xml';

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

/** Inflate in large pieces: fewer chunks, fewer promise hops. */
const INFLATE_CHUNK = 256 * 1024;
/** zlib inflates this far ahead (on libuv's pool) while this thread parses the chunk before. */
const INFLATE_AHEAD = 4 * INFLATE_CHUNK;
/** Of workbook.xml and its rels, this much is read (the 1904 flag and the part names come first). */
const PART_HEAD = 1024 * 1024;

/**
 * The bytes of one entry, inflated in chunks. A ZIP entry can lie about its size (the container
 * check refused impossible ratios); more bytes than it declares end the read.
 */
async function* entryChunks(zip: yauzl.ZipFile, entry: Entry): AsyncGenerator<Buffer> {
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw new UnreadableError(
      `${entry.fileName} is compressed with method ${entry.compressionMethod}, which Excel never uses: the file cannot be read.`,
    );
  const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  // zlib streams pass their options on to stream.Transform (not in ZlibOptions' type).
  const options: ZlibOptions & { readableHighWaterMark: number } = {
    chunkSize: INFLATE_CHUNK,
    readableHighWaterMark: INFLATE_AHEAD,
  };
  const stream = entry.compressionMethod === 8 ? raw.pipe(createInflateRaw(options)) : raw;
  raw.on('error', (err) => stream.destroy(err));
  try {
    let seen = 0;
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      seen += buf.length;
      if (seen > entry.uncompressedSize)
        throw new UnreadableError(
          `${entry.fileName} unpacks to more than the ${entry.uncompressedSize} bytes it declares: the file is damaged or hostile.`,
        );
      yield buf;
    }
  } finally {
    raw.destroy();
    stream.destroy();
  }
}

/** The first `limit` bytes of an entry (all of it when smaller), or undefined without the entry. */
async function readHead(
  zip: yauzl.ZipFile,
  entry: Entry | undefined,
  limit: number,
): Promise<Buffer | undefined> {
  if (!entry) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of entryChunks(zip, entry)) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks);
}

/**
 * Streams the rows of one sheet, in batches (one per inflated chunk of its XML). `onBytes` gets the
 * sheet's progress in compressed bytes; `merges` collects merged ranges from the same pass. The
 * shared strings, the styles' date formats and the 1904 flag are read first (sheet-xml.ts,
 * xlsx-parts.ts: hand-written readers; exceljs is not involved).
 */
export async function* sheetRowBatches(
  file: string,
  sheet: SheetRef,
  onBytes: (n: number) => void,
  merges: string[] = [],
): AsyncGenerator<XlsxRow[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const rels = await readHead(zip, entries.get('xl/_rels/workbook.xml.rels'), PART_HEAD);
    const paths = partPaths(rels?.toString('utf8') ?? '');
    const book = await readHead(zip, entries.get('xl/workbook.xml'), PART_HEAD);
    const date1904 = book ? isDate1904(book.toString('utf8')) : false;
    const styles = new StylesParser();
    const stylesEntry = entries.get(paths.styles);
    if (stylesEntry) for await (const chunk of entryChunks(zip, stylesEntry)) styles.write(chunk);
    styles.end();
    const strings = new SharedStringsParser();
    const stringsEntry = entries.get(paths.sharedStrings);
    if (stringsEntry) {
      for await (const chunk of entryChunks(zip, stringsEntry)) strings.write(chunk);
      strings.end();
    }
    const entry = entries.get(sheet.path);
    if (!entry)
      throw new Error(
        `The workbook lists the sheet "${sheet.name}" but its data (${sheet.path}) is missing.`,
      );
    const parser = new SheetXmlParser({
      sharedStrings: strings.strings,
      dateStyles: styles.dateStyles(),
      date1904,
      sheetName: sheet.name,
      merges,
    });
    const ratio = entry.compressedSize / Math.max(1, entry.uncompressedSize);
    for await (const chunk of entryChunks(zip, entry)) {
      onBytes(Math.round(chunk.length * ratio));
      parser.write(chunk);
      const rows = parser.take();
      if (rows.length > 0) yield rows;
    }
    parser.end();
    const rows = parser.take();
    if (rows.length > 0) yield rows;
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
  // The shortest form of n has at most 15 significant digits when it is this short; rounding to 15
  // digits would give it back unchanged.
  const s = String(n);
  if (s.length <= 15) return s;
  return String(Number(n.toPrecision(15)));
}

export interface CellText {
  text: string;
  note?: Omit<CellNote, 'col'>;
  formula?: boolean;
}

/**
 * The text of a cell; `dateColumn` says whether the template expects a date there. Takes the
 * reader's values and, for callers that still hold them, exceljs's (rich text, hyperlinks).
 */
export function cellText(value: SheetValue | ExcelJS.CellValue, dateColumn: boolean): CellText {
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
    const f = value as { formula?: string; result?: SheetValue | ExcelJS.CellValue };
    const result = f.result;
    if (result === undefined || result === null) {
      return {
        text: '',
        formula: true,
        note: {
          rule: 'excel.formula',
          severity: 'error',
          message: `The formula =${f.formula || '…'} has no saved result (the program that wrote the file did not calculate it): open and save the file in Excel, or paste the values.`,
        },
      };
    }
    return { ...cellText(result, dateColumn), formula: true };
  }
  if ('text' in value) return { text: String((value as { text: unknown }).text) };
  return { text: '' };
}
