/**
 * An incremental, byte-level scanner for the XML inside an XLSX (worksheets, shared strings,
 * styles): see sheet-xml.ts for why the reader is hand-written. It is not a general XML parser; it
 * knows what SpreadsheetML needs: start/end/self-closing tags with quoted attributes (a `>` inside
 * quotes does not end a tag), namespace prefixes (`x:c` is `c`), text, CDATA, comments and
 * processing instructions (skipped). A DOCTYPE is refused: OPC forbids DTDs, and no spreadsheet
 * program writes one (no entity expansion, so no billion laughs).
 *
 * Chunks may end anywhere. Only whole tokens are handed on: an unfinished tag, comment, CDATA
 * section or (while the subclass captures text) an unfinished text run is kept and joined with the
 * next chunk, so entities and multi-byte UTF-8 characters are never split. A kept token longer than
 * `maxToken` bytes ends the read with the subclass's message. Text the subclass does not capture
 * is skipped with one indexOf, never decoded.
 */

export const LT = 0x3c;
export const GT = 0x3e;
export const SLASH = 0x2f;
export const QUOT = 0x22;
export const APOS = 0x27;
export const EQ = 0x3d;
const BANG = 0x21;
const QMARK = 0x3f;
const COLON = 0x3a;

export const isSpace = (c: number | undefined): boolean =>
  c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

const startsWith = (buf: Buffer, at: number, s: string): boolean => {
  if (at + s.length > buf.length) return false;
  for (let i = 0; i < s.length; i++) if (buf[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

/**
 * The index of byte `c` in buf from `from` on, -1 if none. Most runs here are a few bytes (a value,
 * an end tag, an attribute value): a loop beats the native call's overhead; long runs go native.
 */
export function findByte(buf: Buffer, c: number, from: number, n: number): number {
  const near = Math.min(n, from + 32);
  for (let i = from; i < near; i++) if (buf[i] === c) return i;
  if (near >= n) return -1;
  const at = buf.indexOf(c, near);
  return at >= n ? -1 : at;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's five named entities and numeric character references; anything else is left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e.charCodeAt(0) !== 0x23) return NAMED[e] ?? m;
    const code = e.charCodeAt(1) === 0x78 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/**
 * Excel's escapes for characters XML cannot carry (`_x000D_` is a carriage return, `_x005F_` an
 * underscore), decoded the way exceljs's TextXform does: four upper-case hex digits, left to right,
 * so `_x005F_x000D_` reads as the literal `_x000D_`.
 */
export function decodeXEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * The text of bytes [start, end): UTF-8, entities decoded (not in CDATA), line ends normalised to
 * `\n` as every XML parser does (XML 1.0 §2.11).
 */
export function textOf(buf: Buffer, start: number, end: number, cdata: boolean): string {
  let s = buf.toString('utf8', start, end);
  if (!cdata) s = decodeEntities(s);
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  return s;
}

/**
 * The value of the unprefixed attribute `name` in a start tag's attribute bytes [from, to), entities
 * decoded; undefined when absent. For tags read once in a while (the hot ones parse inline).
 */
export function attrOf(buf: Buffer, from: number, to: number, name: string): string | undefined {
  let i = from;
  while (i < to) {
    while (i < to && isSpace(buf[i])) i++;
    const nameStart = i;
    while (i < to && buf[i] !== EQ && !isSpace(buf[i])) i++;
    const nameEnd = i;
    while (i < to && isSpace(buf[i])) i++;
    if (buf[i] !== EQ) return undefined;
    i++;
    while (i < to && isSpace(buf[i])) i++;
    const q = buf[i];
    if (q !== QUOT && q !== APOS) return undefined;
    const valueEnd = findByte(buf, q, i + 1, to);
    if (valueEnd === -1) return undefined;
    if (nameEnd - nameStart === name.length && startsWith(buf, nameStart, name))
      return decodeEntities(buf.toString('utf8', i + 1, valueEnd).replace(/[\t\n\r]/g, ' '));
    i = valueEnd + 1;
  }
  return undefined;
}

/** Whether the local name at [start, end) is `name`. */
export const nameIs = (buf: Buffer, start: number, end: number, name: string): boolean =>
  end - start === name.length && startsWith(buf, start, name);

export abstract class XmlScanner {
  private carry: Buffer | null = null;
  /** While true, text between tags is handed to onText; otherwise it is skipped unread. */
  protected capturing = false;

  constructor(private readonly maxToken: number) {}

  /**
   * A start tag: local name at [name, nameEnd), attributes in [nameEnd, end) (for a self-closing
   * tag the range includes its `/`), `end` is the index of its `>`.
   */
  protected abstract onOpen(buf: Buffer, name: number, nameEnd: number, end: number): void;
  /** An end tag (also called right after onOpen for a self-closing tag). */
  protected abstract onClose(buf: Buffer, name: number, nameEnd: number): void;
  /** Captured text [start, end); `cdata`: a CDATA section (no entities to decode). */
  protected abstract onText(buf: Buffer, start: number, end: number, cdata: boolean): void;
  /**
   * A fast path for the commonest elements: given a start tag's `<` at `at` (buf is whole up to
   * `n`), the subclass may read the tag, and maybe its content and end tag, itself and return where
   * scanning goes on; or return -1, having changed nothing, to leave it to the general path.
   */
  protected fastTag(_buf: Buffer, _at: number, _n: number): number {
    return -1;
  }

  /** The error for a token longer than maxToken. */
  protected abstract tooLarge(bytes: number): Error;
  /** The error for a DOCTYPE or a document that ends inside a token. */
  protected abstract malformed(what: string): Error;

  /** Scans the next chunk of the document. */
  write(chunk: Uint8Array): void {
    let buf: Buffer;
    if (this.carry) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    } else {
      buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    const stop = this.scan(buf);
    if (stop < buf.length) {
      if (buf.length - stop > this.maxToken) throw this.tooLarge(buf.length - stop);
      this.carry = buf.subarray(stop);
    }
  }

  /** The document ended: anything kept must be blank. */
  end(): void {
    const rest = this.carry;
    this.carry = null;
    if (rest && rest.some((c) => !isSpace(c))) throw this.malformed('ends in the middle of a tag or text');
  }

  /** Hands on every whole token of buf; returns where the unfinished rest starts (buf.length if none). */
  private scan(buf: Buffer): number {
    const n = buf.length;
    let pos = 0;
    while (pos < n) {
      if (buf[pos] !== LT) {
        const lt = findByte(buf, LT, pos, n);
        if (lt === -1) return this.capturing ? pos : n;
        if (this.capturing) this.onText(buf, pos, lt, false);
        pos = lt;
      }
      if (pos + 1 >= n) return pos;
      const c1 = buf[pos + 1];
      if (c1 === SLASH) {
        const gt = findByte(buf, GT, pos + 2, n);
        if (gt === -1) return pos;
        let name = pos + 2;
        let i = name;
        for (; i < gt; i++) {
          const c = buf[i];
          if (c === COLON) name = i + 1;
          else if (isSpace(c)) break;
        }
        this.onClose(buf, name, i);
        pos = gt + 1;
        continue;
      }
      if (c1 === QMARK) {
        const end = buf.indexOf('?>', pos + 2, 'latin1');
        if (end === -1) return pos;
        pos = end + 2;
        continue;
      }
      if (c1 === BANG) {
        if (n - pos < 4) return pos;
        if (startsWith(buf, pos, '<!--')) {
          const end = buf.indexOf('-->', pos + 4, 'latin1');
          if (end === -1) return pos;
          pos = end + 3;
          continue;
        }
        if (n - pos < 9) return pos;
        if (startsWith(buf, pos, '<![CDATA[')) {
          const end = buf.indexOf(']]>', pos + 9, 'latin1');
          if (end === -1) return pos;
          if (this.capturing) this.onText(buf, pos + 9, end, true);
          pos = end + 3;
          continue;
        }
        throw this.malformed('declares a DOCTYPE, which spreadsheet files never do');
      }
      const fast = this.fastTag(buf, pos, n);
      if (fast >= 0) {
        pos = fast;
        continue;
      }
      let i = pos + 1;
      let name = i;
      for (; i < n; i++) {
        const c = buf[i];
        if (c === COLON) name = i + 1;
        else if (c === GT || c === SLASH || isSpace(c)) break;
      }
      const nameEnd = i;
      let q = 0;
      for (; i < n; i++) {
        const c = buf[i] as number;
        if (q !== 0) {
          if (c === q) q = 0;
        } else if (c === GT) break;
        else if (c === QUOT || c === APOS) q = c;
      }
      if (i >= n) return pos;
      this.onOpen(buf, name, nameEnd, i);
      if (buf[i - 1] === SLASH) this.onClose(buf, name, nameEnd);
      pos = i + 1;
    }
    return n;
  }
}
