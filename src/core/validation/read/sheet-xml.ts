/**
 * The worksheet reader: one sheet's XML (xl/worksheets/sheetN.xml) to rows of cell values, chunk by
 * chunk as it is inflated.
 *
 * Why hand-written (docs/adr/0003-xlsx-sheet-reader.md): exceljs's streaming WorksheetReader runs
 * every byte through saxes (a general, validating XML parser), builds a Row and Cell object with
 * style models per cell and costs ~60 µs per row: validating an XLSX took 21x the time of the same
 * data as CSV. A worksheet is a small, well-defined subset of XML (`<row r>`, `<c r t s>`, `<v>`,
 * `<f>`, `<is>` with `<t>`/`<r><t>` runs), so this reader scans bytes (xml-scan.ts), decodes only
 * the text it keeps and parses integers straight from the bytes. exceljs stays for writing XLSX.
 *
 * Values are the ones exceljs's reader gave (the text of a cell is unchanged, see cellText in
 * xlsx.ts): strings, numbers (parseFloat of `<v>`), booleans, `{ error }`, Dates for numbers whose
 * style has a date format (exceljs's built-in table and isDateFmt), `{ formula, result }` with the
 * cached result. Where exceljs was wrong this reader does what Excel shows, deliberately:
 *  - inline rich text (`<is><r><t>a</t></r><r><t>b</t></r></is>`) is all runs, not only the last;
 *  - phonetic runs (`<rPh>`) are not part of the text;
 *  - `_xHHHH_` escapes are decoded in every string (exceljs's streaming reader left them);
 *  - entities are decoded once (exceljs decoded `str` and inline strings twice: `&amp;lt;` gave `<`);
 *  - formula results keep their type (`t="b"` a boolean, `t="e"` an error with its note, a date
 *    format a date) where exceljs gave parseFloat (1, NaN, a serial number);
 *  - `t="d"` (ISO 8601 date cells) are dates; CDATA is text; an empty `<v>` is no value, not NaN;
 *  - rows and cells without an `r` attribute follow the previous one (exceljs failed on them).
 * Bounds: a cell's column must be within Excel's XFD (16,384) and a row's text within 16 MB (the
 * CSV record cap); past either the read ends with a clear reason.
 */
import { UnreadableError } from './csv';
import {
  XmlScanner,
  attrOf,
  decodeXEscapes,
  findByte,
  isSpace,
  nameIs,
  textOf,
  APOS,
  EQ,
  GT,
  LT,
  QUOT,
  SLASH,
} from './xml-scan';

export type SheetScalar = string | number | boolean | Date | { error: string };
export type SheetValue = SheetScalar | { formula: string; result?: SheetScalar } | null | undefined;

export interface XlsxRow {
  /** The row number in the sheet (1-based), as Excel shows it. */
  number: number;
  /** Cell values by column number (1-based, so index 0 is empty); empty cells are holes. */
  values: SheetValue[];
}

/** A row's text (and so any cell's) beyond this ends the read: the CSV record cap. */
export const MAX_ROW_TEXT = 16 * 1024 * 1024;
/** Excel's last column, XFD. */
export const MAX_COLUMNS = 16_384;
const MAX_MERGES = 10_000;
const MERGE_REF = /^[A-Z]+\d+:[A-Z]+\d+$/;

// Cell types (the `t` attribute).
const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;

// What the captured text belongs to.
const TO_NONE = 0;
const TO_V = 1;
const TO_F = 2;
const TO_T = 3;

const CH_A = 0x41;
const CH_Z = 0x5a;
const CH_a = 0x61;
const CH_z = 0x7a;
const CH_0 = 0x30;
const CH_9 = 0x39;
const CH_c = 0x63;
const CH_v = 0x76;

/** Excel's serial day number to a Date, exactly as exceljs's utils.excelToDate. */
export function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** `t="d"` cells: ISO 8601 text; without a zone it is read as UTC (as dates are shown here). */
function isoDate(text: string): Date | undefined {
  const t = text.trim();
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(t) || !t.includes('T');
  const ms = Date.parse(zoned ? t : `${t}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The column of a cell reference (`BC12` is 55), 0 if it has no letters; stops past XFD. */
function columnOf(buf: Buffer, s: number, e: number): number {
  let col = 0;
  for (let i = s; i < e && col <= MAX_COLUMNS; i++) {
    const ch = buf[i] as number;
    if (ch >= CH_A && ch <= CH_Z) col = col * 26 + (ch - CH_A + 1);
    else if (ch >= CH_a && ch <= CH_z) col = col * 26 + (ch - CH_a + 1);
    else break;
  }
  return col;
}

function typeOf(buf: Buffer, s: number, e: number): number {
  const len = e - s;
  const c = buf[s];
  if (len === 1) {
    if (c === 0x73) return T_S; // s
    if (c === 0x62) return T_B; // b
    if (c === 0x65) return T_E; // e
    if (c === 0x64) return T_D; // d
    return T_N;
  }
  if (len === 3 && nameIs(buf, s, e, 'str')) return T_STR;
  if (len === 9 && nameIs(buf, s, e, 'inlineStr')) return T_INLINE;
  return T_N;
}

/** Digits only, at most 15 of them (exact in a double): their value; otherwise -1. */
function smallInt(buf: Buffer, s: number, e: number): number {
  if (e <= s || e - s > 15) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i] as number;
    if (c < CH_0 || c > CH_9) return -1;
    v = v * 10 + (c - CH_0);
  }
  return v;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A plain decimal (`-12.5`, `4006381333931`, `1.5E-7`) read from the bytes, exactly as parseFloat
 * reads it: the digits as an integer of at most 2^53 and a power of ten up to 10^22 are both exact,
 * so one multiplication or division rounds once, correctly (Clinger's fast path). NaN for anything
 * else (more digits, spaces, a sign `+`): the caller falls back to parseFloat.
 */
export function plainDecimal(buf: Buffer, s: number, e: number): number {
  let i = s;
  const neg = buf[i] === 0x2d;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let scale = 0;
  for (; i < e; i++) {
    const c = buf[i] as number;
    if (c < CH_0 || c > CH_9) break;
    m = m * 10 + (c - CH_0);
    digits++;
  }
  if (buf[i] === 0x2e && i < e) {
    for (i++; i < e; i++) {
      const c = buf[i] as number;
      if (c < CH_0 || c > CH_9) break;
      m = m * 10 + (c - CH_0);
      digits++;
      scale--;
    }
  }
  if (digits === 0 || m > Number.MAX_SAFE_INTEGER) return NaN;
  if (i < e && (buf[i] === 0x45 || buf[i] === 0x65)) {
    i++;
    const negExp = buf[i] === 0x2d;
    if (negExp || buf[i] === 0x2b) i++;
    let exp = 0;
    const from = i;
    for (; i < e && i - from < 4; i++) {
      const c = buf[i] as number;
      if (c < CH_0 || c > CH_9) break;
      exp = exp * 10 + (c - CH_0);
    }
    if (i === from) return NaN;
    scale += negExp ? -exp : exp;
  }
  if (i !== e || scale < -22 || scale > 22) return NaN;
  const v = scale < 0 ? m / (POW10[-scale] as number) : m * (POW10[scale] as number);
  return neg ? -v : v;
}

export interface SheetXmlOptions {
  /** The workbook's shared strings (xl/sharedStrings.xml), by index. */
  sharedStrings: readonly string[];
  /** 1 for each style (cellXfs index) whose number format is a date. */
  dateStyles: Uint8Array;
  /** The workbook counts days from 1904 (workbookPr date1904). */
  date1904: boolean;
  /** The sheet's name, for messages. */
  sheetName: string;
  /** Merged ranges (`A4:A5`) are collected here (up to 10,000). */
  merges?: string[];
}

/**
 * Tokenizes one worksheet's XML incrementally: `write` each chunk (any size, cut anywhere), `take`
 * the rows finished so far, `end` at the end of the entry.
 */
export class SheetXmlParser extends XmlScanner {
  private rows: XlsxRow[] = [];
  private inData = false;
  private row: SheetValue[] | null = null;
  private rowNumber = 0;
  private rowText = 0;
  private lastCol = 0;
  // The open cell.
  private inCell = false;
  private col = 0;
  private type = T_N;
  private style = 0;
  private to = TO_NONE;
  private hasV = false;
  /** `<v>` read from the bytes when it was a plain number (vIsNum), else vText. */
  private vNum = 0;
  private vIsNum = false;
  private vText = '';
  private hasF = false;
  private fText = '';
  private hasIs = false;
  private isText = '';
  private tText = '';
  private inIs = false;
  private phonetic = 0;
  // The attribute nextAttr found: the first byte of its name when the name is one letter (r, t, s
  // are all this reader needs), else 0; its value's range.
  private attrName = 0;
  private attrStart = 0;
  private attrEnd = 0;

  constructor(private readonly opts: SheetXmlOptions) {
    super(MAX_ROW_TEXT + 64 * 1024);
  }

  /** The rows completed by the chunks written so far (handed over once). */
  take(): XlsxRow[] {
    const out = this.rows;
    this.rows = [];
    return out;
  }

  override end(): void {
    super.end();
    if (this.row !== null) throw this.malformed('ends in the middle of a row');
  }

  protected tooLarge(bytes: number): Error {
    return new UnreadableError(
      `The sheet "${this.opts.sheetName}" has a value or tag of more than ${Math.floor(bytes / 2 ** 20)} MB${this.row ? ` in row ${this.rowNumber}` : ''}: the file is damaged or built to exhaust memory. Reading stopped there.`,
    );
  }

  protected malformed(what: string): Error {
    return new UnreadableError(
      `The sheet "${this.opts.sheetName}" cannot be read: its XML ${what}${this.row ? ` (row ${this.rowNumber})` : ''}. The file is damaged; open and save it in Excel.`,
    );
  }

  private rowTooLarge(): Error {
    return new UnreadableError(
      `Row ${this.rowNumber} of the sheet "${this.opts.sheetName}" holds more than ${MAX_ROW_TEXT / 2 ** 20} MB of text: the file is damaged or built to exhaust memory. Reading stopped there.`,
    );
  }

  /**
   * The hot path: `<c r="B2" t="s" s="3">` read in one pass (name, attributes, end) and, for a
   * shared string or a plain number, its `<v>…</v></c>` with it: nothing of the cell is kept in
   * fields. Other content (formulas, inline strings, booleans…) continues on the general path with
   * the cell open; anything unusual in the tag (prefixes, spaces around `=`, the chunk ending inside)
   * is left to the general path untouched.
   */
  protected override fastTag(buf: Buffer, at: number, n: number): number {
    if (buf[at + 1] !== CH_c || this.row === null || this.inCell || !isSpace(buf[at + 2])) return -1;
    let i = at + 2;
    let col = 0;
    let type = T_N;
    let style = 0;
    for (;;) {
      let ch = buf[i];
      while (isSpace(ch)) ch = buf[++i];
      if (ch === GT || ch === SLASH || ch === undefined) break;
      // Writers put names straight before `="`: r="B2" t="s" s="3" (cm="1" is skipped).
      let eq = i + 1;
      while (eq < n && buf[eq] !== EQ && buf[eq] !== GT && !isSpace(buf[eq])) eq++;
      if (buf[eq] !== EQ) return -1;
      const q = buf[eq + 1];
      if (q !== QUOT && q !== APOS) return -1;
      const s = eq + 2;
      let e = s;
      while (e < n && buf[e] !== q) e++;
      if (e >= n) return -1;
      if (eq === i + 1) {
        if (ch === 0x72) col = columnOf(buf, s, e);
        else if (ch === 0x74) type = typeOf(buf, s, e);
        else if (ch === 0x73) style = Math.max(0, smallInt(buf, s, e));
      }
      i = e + 1;
    }
    if (i >= n) return -1;
    if (buf[i] === SLASH) {
      if (buf[i + 1] !== GT) return -1;
      this.beginCell(col, type, style);
      this.closeCell();
      return i + 2;
    }
    // `<v>text</v></c>` wholly in this chunk: a shared string or a number is stored straight away.
    const v = i + 1;
    if ((type === T_S || type === T_N) && buf[v] === LT && buf[v + 1] === CH_v && buf[v + 2] === GT) {
      const start = v + 3;
      const end = findByte(buf, LT, start, n);
      if (
        end > start &&
        buf[end + 1] === SLASH &&
        buf[end + 2] === CH_v &&
        buf[end + 3] === GT &&
        buf[end + 4] === LT &&
        buf[end + 5] === SLASH &&
        buf[end + 6] === CH_c &&
        buf[end + 7] === GT
      ) {
        const value =
          type === T_S ? this.sharedString(buf, start, end) : this.plainNumber(buf, start, end, style);
        if (value !== null) {
          if (col === 0) col = this.lastCol + 1;
          if (col > MAX_COLUMNS) throw this.beyondXfd();
          this.lastCol = col;
          this.rowText += end - start;
          if (this.rowText > MAX_ROW_TEXT) throw this.rowTooLarge();
          if (value !== undefined) (this.row as SheetValue[])[col] = value;
          return end + 8;
        }
      }
    }
    this.beginCell(col, type, style);
    return v;
  }

  /** A shared string by its index in the bytes; null when they are not a plain index. */
  private sharedString(buf: Buffer, start: number, end: number): string | undefined | null {
    const i = smallInt(buf, start, end);
    return i < 0 ? null : this.opts.sharedStrings[i];
  }

  /** A plain number (a date if its style says so); null when the bytes are not a plain decimal. */
  private plainNumber(buf: Buffer, start: number, end: number, style: number): number | Date | null {
    const n = plainDecimal(buf, start, end);
    if (Number.isNaN(n)) return null;
    return style > 0 && this.opts.dateStyles[style] === 1 ? excelToDate(n, this.opts.date1904) : n;
  }

  private beyondXfd(): Error {
    return new UnreadableError(
      `Row ${this.rowNumber} of the sheet "${this.opts.sheetName}" has a cell beyond Excel's last column (XFD, 16,384): the file is damaged or built to exhaust memory.`,
    );
  }

  protected onOpen(buf: Buffer, name: number, nameEnd: number, end: number): void {
    const len = nameEnd - name;
    const c = buf[name];
    if (len === 1) {
      if (c === CH_c) {
        if (this.row !== null) this.openCell(buf, nameEnd, end);
      } else if (!this.inCell) return;
      else if (c === CH_v) {
        this.to = TO_V;
        this.capturing = true;
        this.hasV = true;
        this.vIsNum = false;
        this.vText = '';
      } else if (c === 0x66) {
        this.to = TO_F;
        this.capturing = true;
        this.hasF = true;
        this.fText = '';
      } else if (c === 0x74 && this.inIs && this.phonetic === 0) {
        this.to = TO_T;
        this.capturing = true;
        this.tText = '';
      }
    } else if (len === 3) {
      if (nameIs(buf, name, nameEnd, 'row')) {
        if (this.inData) this.openRow(buf, nameEnd, end);
      } else if (nameIs(buf, name, nameEnd, 'rPh')) this.phonetic++;
    } else if (len === 2) {
      if (this.inCell && nameIs(buf, name, nameEnd, 'is')) {
        this.inIs = true;
        this.hasIs = true;
        this.isText = '';
      }
    } else if (len === 9) {
      if (nameIs(buf, name, nameEnd, 'sheetData')) this.inData = true;
      else if (nameIs(buf, name, nameEnd, 'mergeCell')) {
        const merges = this.opts.merges;
        const ref = attrOf(buf, nameEnd, end, 'ref');
        if (merges && ref && merges.length < MAX_MERGES && MERGE_REF.test(ref)) merges.push(ref);
      }
    }
  }

  protected onClose(buf: Buffer, name: number, nameEnd: number): void {
    const len = nameEnd - name;
    const c = buf[name];
    if (len === 1) {
      if (c === CH_c) {
        if (this.inCell) this.closeCell();
      } else if (this.to !== TO_NONE && (c === CH_v || c === 0x66 || c === 0x74)) {
        if (this.to === TO_T) this.isText += decodeXEscapes(this.tText);
        this.to = TO_NONE;
        this.capturing = false;
      }
    } else if (len === 3) {
      if (nameIs(buf, name, nameEnd, 'row')) this.closeRow();
      else if (nameIs(buf, name, nameEnd, 'rPh') && this.phonetic > 0) this.phonetic--;
    } else if (len === 2) {
      if (nameIs(buf, name, nameEnd, 'is')) this.inIs = false;
    } else if (len === 9 && nameIs(buf, name, nameEnd, 'sheetData')) this.inData = false;
  }

  protected onText(buf: Buffer, start: number, end: number, cdata: boolean): void {
    this.rowText += end - start;
    if (this.rowText > MAX_ROW_TEXT) throw this.rowTooLarge();
    const to = this.to;
    if (to === TO_V) {
      // Most values are shared-string indexes and plain numbers: read them from the bytes.
      if (!this.vIsNum && this.vText === '') {
        const type = this.type;
        const v =
          type === T_N
            ? plainDecimal(buf, start, end)
            : type === T_S || type === T_B
              ? smallInt(buf, start, end)
              : -1;
        if (v >= 0 || (type === T_N && !Number.isNaN(v))) {
          this.vNum = v;
          this.vIsNum = true;
          return;
        }
      } else if (this.vIsNum) {
        // A second piece (CDATA, a comment between): fall back to the text.
        this.vText = String(this.vNum);
        this.vIsNum = false;
      }
      this.vText += textOf(buf, start, end, cdata);
    } else if (to === TO_F) this.fText += textOf(buf, start, end, cdata);
    else if (to === TO_T) this.tText += textOf(buf, start, end, cdata);
  }

  private openRow(buf: Buffer, from: number, to: number): void {
    if (this.row !== null) this.closeRow();
    let r = -1;
    for (let i = this.nextAttr(buf, from, to); i >= 0; i = this.nextAttr(buf, i, to))
      if (this.attrName === 0x72) r = smallInt(buf, this.attrStart, this.attrEnd);
    this.rowNumber = r > 0 ? r : this.rowNumber + 1;
    this.row = [];
    this.rowText = 0;
    this.lastCol = 0;
  }

  private closeRow(): void {
    if (this.inCell) this.closeCell();
    if (this.row === null) return;
    this.rows.push({ number: this.rowNumber, values: this.row });
    this.row = null;
  }

  /** The general path's `<c>`: attributes by nextAttr. */
  private openCell(buf: Buffer, from: number, to: number): void {
    if (this.inCell) this.closeCell();
    let col = 0;
    let type = T_N;
    let style = 0;
    for (let i = this.nextAttr(buf, from, to); i >= 0; i = this.nextAttr(buf, i, to)) {
      const n = this.attrName;
      if (n === 0x72) col = columnOf(buf, this.attrStart, this.attrEnd);
      else if (n === 0x74) type = typeOf(buf, this.attrStart, this.attrEnd);
      else if (n === 0x73) style = Math.max(0, smallInt(buf, this.attrStart, this.attrEnd));
    }
    this.beginCell(col, type, style);
  }

  private beginCell(col: number, type: number, style: number): void {
    if (col === 0) col = this.lastCol + 1;
    if (col > MAX_COLUMNS) throw this.beyondXfd();
    this.lastCol = col;
    this.inCell = true;
    this.col = col;
    this.type = type;
    this.style = style;
    this.hasV = false;
    this.vIsNum = false;
    this.vText = '';
    this.hasF = false;
    this.fText = '';
    this.hasIs = false;
    this.isText = '';
    this.inIs = false;
    this.phonetic = 0;
  }

  /** Finds the next attribute from `i` (see attrName); returns where to continue, -1 at the end. */
  private nextAttr(buf: Buffer, i: number, to: number): number {
    while (i < to && isSpace(buf[i])) i++;
    const nameStart = i;
    while (i < to && buf[i] !== EQ && !isSpace(buf[i])) i++;
    const nameLen = i - nameStart;
    while (i < to && isSpace(buf[i])) i++;
    if (i >= to || buf[i] !== EQ) return -1;
    i++;
    while (i < to && isSpace(buf[i])) i++;
    const q = buf[i];
    if (q !== QUOT && q !== APOS) return -1;
    const valueEnd = findByte(buf, q, i + 1, to);
    if (valueEnd === -1) return -1;
    this.attrName = nameLen === 1 ? (buf[nameStart] as number) : 0;
    this.attrStart = i + 1;
    this.attrEnd = valueEnd;
    return valueEnd + 1;
  }

  /** The value of a `<v>` by the cell's type (also a formula's cached result). */
  private scalar(): SheetScalar | undefined {
    switch (this.type) {
      case T_S:
        return this.opts.sharedStrings[this.vIsNum ? this.vNum : parseInt(this.vText, 10)];
      case T_STR:
      case T_INLINE:
        return decodeXEscapes(this.vText);
      case T_B:
        return (this.vIsNum ? this.vNum : parseInt(this.vText, 10)) !== 0;
      case T_E:
        return { error: this.vText };
      case T_D:
        return isoDate(this.vText);
      default: {
        const n = this.vIsNum ? this.vNum : parseFloat(this.vText);
        if (Number.isNaN(n)) return undefined;
        if (this.style > 0 && this.opts.dateStyles[this.style] === 1)
          return excelToDate(n, this.opts.date1904);
        return n;
      }
    }
  }

  private closeCell(): void {
    this.inCell = false;
    this.inIs = false;
    this.to = TO_NONE;
    this.capturing = false;
    let value: SheetValue;
    if (this.type === T_INLINE && this.hasIs) value = this.isText;
    else if (this.hasV) value = this.scalar();
    if (this.hasF)
      value =
        value === undefined ? { formula: this.fText } : { formula: this.fText, result: value as SheetScalar };
    if (value !== undefined) (this.row as SheetValue[])[this.col] = value;
  }
}
