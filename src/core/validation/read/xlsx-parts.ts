/**
 * The workbook parts the worksheet reader (sheet-xml.ts) needs: the shared strings (streamed, with
 * a memory budget), the styles' date formats, and the workbook's 1904 flag. Hand-written on the
 * same byte scanner for the reasons in sheet-xml.ts; the results match what exceljs's streaming
 * reader gave (rich text runs concatenated; dates by exceljs's built-in format table and isDateFmt).
 */
import { getHeapStatistics } from 'node:v8';
import { resourceLimits } from 'node:worker_threads';
import { UnreadableError } from './csv';
import { MAX_ROW_TEXT } from './sheet-xml';
import { XmlScanner, attrOf, decodeXEscapes, findByte, nameIs, textOf, GT, LT, SLASH } from './xml-scan';

const CH_t = 0x74;

/** Share of the heap the shared strings may take (the rows, the checker and V8 need the rest). */
const SHARED_STRINGS_HEAP_SHARE = 0.6;
/** Heap bytes per string besides its characters (header, array slot), a little generously. */
const STRING_OVERHEAD = 40;

/**
 * The heap this thread may use: a validation worker's old-generation cap (resourceLimits, set by
 * worker/spawn.ts), else V8's limit for the process.
 */
function heapBytes(): number {
  const capMb = resourceLimits.maxOldGenerationSizeMb;
  return capMb ? capMb * 2 ** 20 : getHeapStatistics().heap_size_limit;
}

/**
 * xl/sharedStrings.xml, chunk by chunk: each `<si>` becomes one string, all its `<t>` runs joined
 * (phonetic `<rPh>` runs left out), `_xHHHH_` escapes decoded. The strings stay in memory for the
 * whole sheet, so their size is budgeted against the heap this thread may use: a file built to
 * exhaust memory is refused with a reason before V8 runs out.
 */
export class SharedStringsParser extends XmlScanner {
  readonly strings: string[] = [];
  private inSi = false;
  private si = '';
  private t = '';
  private tBytes = 0;
  private siBytes = 0;
  private phonetic = 0;
  private heapBytes = 0;
  private readonly budget: number;

  /** `heapLimit`: the bytes this thread's heap may hold (default: its worker's cap, see heapBytes). */
  constructor(heapLimit = heapBytes()) {
    super(MAX_ROW_TEXT + 64 * 1024);
    this.budget = heapLimit * SHARED_STRINGS_HEAP_SHARE;
  }

  protected tooLarge(bytes: number): Error {
    return new UnreadableError(
      `The workbook's shared strings hold a value of more than ${Math.floor(bytes / 2 ** 20)} MB: the file is damaged or built to exhaust memory.`,
    );
  }

  protected malformed(what: string): Error {
    return new UnreadableError(
      `The workbook's shared strings cannot be read: the XML ${what}. The file is damaged; open and save it in Excel.`,
    );
  }

  protected onOpen(buf: Buffer, name: number, nameEnd: number): void {
    const len = nameEnd - name;
    if (len === 2 && nameIs(buf, name, nameEnd, 'si')) {
      this.inSi = true;
      this.si = '';
      this.siBytes = 0;
      this.phonetic = 0;
    } else if (len === 1 && buf[name] === CH_t && this.inSi && this.phonetic === 0) {
      this.capturing = true;
      this.t = '';
      this.tBytes = 0;
    } else if (len === 3 && nameIs(buf, name, nameEnd, 'rPh')) this.phonetic++;
  }

  /** The commonest item, `<si><t>text</t></si>` wholly in this chunk, in one go (see XmlScanner). */
  protected override fastTag(buf: Buffer, at: number, n: number): number {
    if (this.inSi || !nameIs(buf, at + 1, at + 3, 'si') || buf[at + 3] !== GT) return -1;
    if (buf[at + 4] !== LT || buf[at + 5] !== CH_t || buf[at + 6] !== GT) return -1;
    const start = at + 7;
    const end = findByte(buf, LT, start, n);
    if (end === -1 || buf[end + 1] !== SLASH || buf[end + 2] !== CH_t || buf[end + 3] !== GT) return -1;
    if (
      buf[end + 4] !== LT ||
      buf[end + 5] !== SLASH ||
      !nameIs(buf, end + 6, end + 8, 'si') ||
      buf[end + 8] !== GT
    )
      return -1;
    this.inSi = true;
    this.si = '';
    this.siBytes = 0;
    this.t = '';
    this.tBytes = 0;
    this.capturing = true;
    if (end > start) this.onText(buf, start, end, false);
    this.endT();
    this.endSi();
    return end + 9;
  }

  protected onClose(buf: Buffer, name: number, nameEnd: number): void {
    const len = nameEnd - name;
    if (len === 1 && buf[name] === CH_t) {
      if (this.capturing) this.endT();
    } else if (len === 2 && nameIs(buf, name, nameEnd, 'si')) {
      if (this.inSi) this.endSi();
    } else if (len === 3 && nameIs(buf, name, nameEnd, 'rPh') && this.phonetic > 0) this.phonetic--;
  }

  private endT(): void {
    this.capturing = false;
    this.si += decodeXEscapes(this.t);
    this.siBytes += this.tBytes;
  }

  private endSi(): void {
    this.inSi = false;
    this.capturing = false;
    const s = this.si;
    this.si = '';
    this.strings.push(s);
    // A string of ASCII takes a byte per character, any other two.
    this.heapBytes += (this.siBytes === s.length ? s.length : 2 * s.length) + STRING_OVERHEAD;
    if (this.heapBytes > this.budget) {
      const limit = Math.round(this.budget / SHARED_STRINGS_HEAP_SHARE / 2 ** 20);
      throw new UnreadableError(
        `The file needs more memory than validation may use (${limit} MB per worker): its shared strings alone (${this.strings.length.toLocaleString('en-US')} read so far, ${Math.round(this.heapBytes / 2 ** 20)} MB) would not fit. It is too large or built to exhaust memory. Save it as CSV, or split it.`,
      );
    }
  }

  protected onText(buf: Buffer, start: number, end: number, cdata: boolean): void {
    this.tBytes += end - start;
    if (this.siBytes + this.tBytes > MAX_ROW_TEXT) throw this.tooLarge(this.siBytes + this.tBytes);
    this.t += textOf(buf, start, end, cdata);
  }
}

/**
 * exceljs's utils.isDateFmt: after removing `[...]` and `"..."`, any of y m d h M s b. (So `mmss.0`
 * is a date and `[Red]0.00` is not.)
 */
export function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * The built-in formats exceljs knows a code for (defaultnumformats.js, ids with an `f`) that
 * isDateFmt calls dates. exceljs has no code for the East Asian ids 27-36 and 50-58, so it read
 * them as numbers; so does this reader.
 */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * xl/styles.xml, chunk by chunk (a bloated one can be large): for each cell style (cellXfs index, a
 * cell's `s`), whether its number format is a date. A custom format (numFmts) overrides a built-in
 * id, as in exceljs's StyleManager.
 */
export class StylesParser extends XmlScanner {
  private readonly custom = new Map<number, string>();
  private readonly xfs: number[] = [];
  private inNumFmts = false;
  private inCellXfs = false;

  constructor() {
    super(1024 * 1024);
  }

  /** 1 for each cell style whose number format is a date, once the whole part was written. */
  dateStyles(): Uint8Array {
    const out = new Uint8Array(this.xfs.length);
    this.xfs.forEach((id, i) => {
      if (id === 0) return;
      const custom = this.custom.get(id);
      if (custom !== undefined ? isDateFmt(custom) : BUILT_IN_DATES.has(id)) out[i] = 1;
    });
    return out;
  }

  protected tooLarge(): Error {
    return this.malformed('has a tag of more than 1 MB');
  }

  protected malformed(what: string): Error {
    return new UnreadableError(`The workbook's styles cannot be read: the XML ${what}.`);
  }

  protected onOpen(buf: Buffer, name: number, nameEnd: number, end: number): void {
    if (nameIs(buf, name, nameEnd, 'numFmts')) this.inNumFmts = true;
    else if (nameIs(buf, name, nameEnd, 'cellXfs')) this.inCellXfs = true;
    else if (this.inNumFmts && nameIs(buf, name, nameEnd, 'numFmt')) {
      const id = parseInt(attrOf(buf, nameEnd, end, 'numFmtId') ?? '', 10);
      const code = attrOf(buf, nameEnd, end, 'formatCode');
      if (!Number.isNaN(id) && code !== undefined) this.custom.set(id, code);
    } else if (this.inCellXfs && nameIs(buf, name, nameEnd, 'xf')) {
      const id = parseInt(attrOf(buf, nameEnd, end, 'numFmtId') ?? '', 10);
      this.xfs.push(Number.isNaN(id) ? 0 : id);
    }
  }

  protected onClose(buf: Buffer, name: number, nameEnd: number): void {
    if (nameIs(buf, name, nameEnd, 'numFmts')) this.inNumFmts = false;
    else if (nameIs(buf, name, nameEnd, 'cellXfs')) this.inCellXfs = false;
  }

  protected onText(): void {}
}

/** StylesParser on a whole styles.xml. */
export function readDateStyles(xml: Buffer): Uint8Array {
  const p = new StylesParser();
  p.write(xml);
  p.end();
  return p.dateStyles();
}

/** xl/workbook.xml's `<workbookPr date1904="1">`: serial days count from 1904-01-01. */
export function isDate1904(workbookXml: string): boolean {
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbookXml)?.[0];
  return pr !== undefined && /\sdate1904\s*=\s*["'](1|true)["']/.test(pr);
}

/**
 * The parts xl/_rels/workbook.xml.rels names for the shared strings and the styles (usually
 * xl/sharedStrings.xml and xl/styles.xml; a few writers name them otherwise).
 */
export function partPaths(relsXml: string): { sharedStrings: string; styles: string } {
  const out = { sharedStrings: 'xl/sharedStrings.xml', styles: 'xl/styles.xml' };
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const type = /\sType\s*=\s*"([^"]*)"/.exec(m[0])?.[1] ?? '';
    const target = /\sTarget\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    if (!target) continue;
    const path = target.replace(/^\/?(xl\/)?/, 'xl/');
    if (type.endsWith('/sharedStrings')) out.sharedStrings = path;
    else if (type.endsWith('/styles')) out.styles = path;
  }
  return out;
}
