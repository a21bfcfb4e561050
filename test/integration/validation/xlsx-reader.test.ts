/**
 * The hand-written XLSX reader (read/sheet-xml.ts, read/xlsx-parts.ts, read/xml-scan.ts) against
 * the exceljs streaming reader it replaced: real workbooks written by exceljs give the same row
 * texts, notes and merged ranges through both. Then what exceljs got wrong (and the new reader
 * does as Excel does), hand-written sheet XML (missing `r`, inline rich text, escapes, prefixes),
 * chunk boundaries anywhere (the tokenizer fed in small pieces), and the limits on hostile files.
 */
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { Entry } from 'yauzl';
import { afterAll, describe, expect, it } from 'vitest';
import { closeValidationWorkers, validateFile } from '../../../src/core/validation';
import { SheetXmlParser, plainDecimal } from '../../../src/core/validation/read/sheet-xml';
import type { SheetValue, XlsxRow } from '../../../src/core/validation/read/sheet-xml';
import {
  SharedStringsParser,
  isDate1904,
  readDateStyles,
} from '../../../src/core/validation/read/xlsx-parts';
import { cellText, chooseSheet, openWorkbookIndex, sheetRows } from '../../../src/core/validation/read/xlsx';
import type { SheetRef } from '../../../src/core/validation/read/xlsx';
import { writeZip } from '../demo-pim/zip-writer';
import { tempDir } from './helpers';

const tmp = tempDir('steward-xlsx-reader-');
afterAll(async () => {
  tmp.cleanup();
  await closeValidationWorkers();
});

/**
 * What the engine sees of a row: each cell's text, its note's rule and whether it was a formula;
 * empty cells at the end dropped, as the engine does (exceljs dropped an empty shared string, this
 * reader keeps it as '').
 */
type RowView = { number: number; cells: string[] };
function view(number: number, values: readonly (SheetValue | ExcelJS.CellValue)[]): RowView {
  const cells: string[] = [];
  for (let c = 1; c < values.length; c++) {
    const t = cellText(values[c], false);
    cells.push(`${t.text}${t.note ? ` [${t.note.rule}]` : ''}${t.formula ? ' [f]' : ''}`);
  }
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return { number, cells };
}

/** The new reader: rows of one sheet (by name or position) and its merged ranges. */
async function readNew(
  file: string,
  wanted?: string | number,
): Promise<{ rows: RowView[]; merges: string[] }> {
  const sheet = chooseSheet(await openWorkbookIndex(file), wanted);
  const merges: string[] = [];
  const rows: RowView[] = [];
  for await (const r of sheetRows(file, sheet, () => undefined, merges)) rows.push(view(r.number, r.values));
  return { rows, merges };
}

/**
 * The reader this replaced, as it was (read/xlsx.ts before ADR 0003): exceljs's WorkbookReader
 * internals fed by yauzl, merged ranges scanned by a regular expression.
 */
interface ReaderInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<Buffer>,
    sheetNo: string,
  ): Generator<{
    eventType: string;
    value: { parse(): AsyncIterable<{ eventType: string; value: ExcelJS.Row }[]> };
  }>;
}

async function readOld(
  file: string,
  wanted?: string | number,
): Promise<{ rows: RowView[]; merges: string[] }> {
  const sheet: SheetRef = chooseSheet(await openWorkbookIndex(file), wanted);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderInternals;
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const rows: RowView[] = [];
  const merges: string[] = [];
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
    const entry = entries.get(sheet.path) as Entry;
    const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
    const stream = entry.compressionMethod === 8 ? raw.pipe(createInflateRaw()) : raw;
    async function* tapped(): AsyncGenerator<Buffer> {
      let tail = '';
      for await (const chunk of stream) {
        const text = tail + (chunk as Buffer).toString('latin1');
        for (const m of text.matchAll(/<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g))
          merges.push(m[1] as string);
        tail = text.slice(-64);
        yield chunk as Buffer;
      }
    }
    const sheetNo = /sheet(\d+)\.xml$/.exec(sheet.path)?.[1] ?? String(sheet.position);
    for (const event of reader._parseWorksheet(tapped(), sheetNo)) {
      for await (const events of event.value.parse())
        for (const e of events)
          if (e.eventType === 'row') rows.push(view(e.value.number, e.value.values as ExcelJS.CellValue[]));
    }
  } finally {
    zip.close();
  }
  return { rows, merges: [...new Set(merges)] };
}

async function book(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = join(tmp.dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A workbook from hand-written XML parts (what other writers than exceljs produce). */
function rawBook(
  name: string,
  sheetXml: string,
  opts: { strings?: string; styles?: string; workbookPr?: string; sheetName?: string } = {},
): string {
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return tmp.file(
    name,
    writeZip([
      { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' },
      {
        name: 'xl/workbook.xml',
        data: `<?xml version="1.0"?><workbook ${NS} ${NS_R}>${opts.workbookPr ?? ''}<sheets><sheet name="${opts.sheetName ?? 'Data'}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'sharedStrings', 'sharedStrings.xml')}${rel('rId3', 'styles', 'styles.xml')}</Relationships>`,
      },
      ...(opts.strings
        ? [
            {
              name: 'xl/sharedStrings.xml',
              data: `<?xml version="1.0"?><sst ${NS}>${opts.strings}</sst>`,
              deflate: true,
            },
          ]
        : []),
      ...(opts.styles
        ? [
            {
              name: 'xl/styles.xml',
              data: `<?xml version="1.0"?><styleSheet ${NS}>${opts.styles}</styleSheet>`,
            },
          ]
        : []),
      {
        name: 'xl/worksheets/sheet1.xml',
        data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${sheetXml}</worksheet>`,
        deflate: true,
      },
    ]),
  );
}

describe('the same texts as the exceljs reader', () => {
  it('strings, numbers, booleans, errors, formulas, dates, rich text, gaps and merges', async () => {
    const file = await book('kinds.xlsx', (wb) => {
      wb.addWorksheet('First').addRow(['not this one']);
      const ws = wb.addWorksheet('Kinds');
      ws.addRow(['text', 'number', 'more']);
      ws.addRow(['a<b>&"c\'', 'Grüße 😀 漢字', '  padded  ', 'two\nlines', 'crlf\r\nend', '007', '']);
      ws.addRow([
        0,
        -0.5,
        1.1,
        3.99,
        0.1 + 0.2,
        4006381333931,
        12345678901234567000, // 20 digits: more than a double holds
        1e21,
        1.5e-7,
        -2.5e-300,
      ]);
      ws.addRow([true, false, { error: '#N/A' }, { error: '#DIV/0!' }, { error: '#REF!' }]);
      ws.addRow([
        { formula: 'A2&"x"', result: 'joined' },
        { formula: 'B3*2', result: -1 },
        { formula: 'NOW()' },
        { formula: 'SUM(A1:A2)', result: 5 },
      ]);
      ws.addRow([
        { richText: [{ text: 'Bold', font: { bold: true } }, { text: ' and plain' }] },
        { text: 'a link', hyperlink: 'https://example.com/?a=1&b=2' },
      ]);
      const dates = ws.addRow([
        new Date(Date.UTC(2024, 2, 1)),
        new Date(Date.UTC(2024, 2, 1, 13, 45, 30)),
        new Date(Date.UTC(1900, 0, 1)),
        45000.25,
        45000.25,
        45000.25,
        45000.25,
      ]);
      dates.getCell(2).numFmt = 'dd/mm/yyyy hh:mm:ss';
      dates.getCell(4).numFmt = 'yyyy-mm-dd';
      dates.getCell(5).numFmt = '[Red]0.00;"d"0';
      dates.getCell(6).numFmt = 'mm:ss';
      dates.getCell(7).numFmt = '0.00%';
      const gaps = ws.getRow(9);
      gaps.getCell('A').value = 'first';
      gaps.getCell('D').value = 'fourth';
      gaps.getCell('AB').value = 'column 28';
      gaps.commit();
      ws.getRow(12).getCell(2).value = 'after two empty rows';
      ws.addRow(['m1', 'm2', 'm3']);
      ws.addRow(['', '', '']);
      ws.mergeCells('A13:A14');
      ws.mergeCells('B13:C14');
    });
    const old = await readOld(file, 'Kinds');
    const now = await readNew(file, 'Kinds');
    expect(now).toEqual(old);
    // And the texts are what a person sees in Excel.
    const byNumber = new Map(now.rows.map((r) => [r.number, r.cells]));
    expect(byNumber.get(2)).toEqual([
      'a<b>&"c\'',
      'Grüße 😀 漢字',
      '  padded  ',
      'two\nlines',
      'crlf\nend',
      '007',
    ]);
    expect(byNumber.get(3)).toEqual([
      '0',
      '-0.5',
      '1.1',
      '3.99',
      '0.3',
      '4006381333931',
      '12345678901234567000',
      '1e+21',
      '1.5e-7',
      '-2.5e-300',
    ]);
    expect(byNumber.get(4)).toEqual([
      'true',
      'false',
      '#N/A [excel.error]',
      '#DIV/0! [excel.error]',
      '#REF! [excel.error]',
    ]);
    expect(byNumber.get(5)).toEqual(['joined [f]', '-1 [f]', ' [excel.formula] [f]', '5 [f]']);
    expect(byNumber.get(6)).toEqual(['Bold and plain', 'a link']);
    expect(byNumber.get(7)).toEqual([
      '2024-03-01 [excel.date-in-text]',
      '2024-03-01 13:45:30 [excel.date-in-text]',
      '1900-01-01 [excel.date-in-text]',
      '2023-03-15 06:00:00 [excel.date-in-text]',
      '45000.25',
      '2023-03-15 06:00:00 [excel.date-in-text]',
      '45000.25',
    ]);
    expect(byNumber.get(9)?.[27]).toBe('column 28');
    expect(byNumber.get(9)?.slice(0, 4)).toEqual(['first', '', '', 'fourth']);
    expect(byNumber.get(12)).toEqual(['', 'after two empty rows']);
    expect([...now.merges].sort()).toEqual(['A13:A14', 'B13:C14']);
  });

  it('a sheet chosen by name and by position, in a workbook of many sheets', async () => {
    const file = await book('many.xlsx', (wb) => {
      for (let i = 1; i <= 12; i++) {
        const ws = wb.addWorksheet(`Sheet ${i}`);
        ws.addRow(['sheet', i]);
        ws.addRow([`row of ${i}`, i * 1.5]);
      }
    });
    for (const wanted of ['Sheet 7', 7, '7', 'sheet 7']) {
      const now = await readNew(file, wanted);
      expect(now.rows.map((r) => r.cells)).toEqual([
        ['sheet', '7'],
        ['row of 7', '10.5'],
      ]);
      expect(now).toEqual(await readOld(file, wanted));
    }
  });

  it('the 1904 date system', async () => {
    const file = await book('1904.xlsx', (wb) => {
      wb.properties.date1904 = true;
      wb.addWorksheet('D').addRow([new Date(Date.UTC(2024, 5, 30)), 'x']);
    });
    const now = await readNew(file);
    expect(now.rows[0]?.cells[0]).toBe('2024-06-30 [excel.date-in-text]');
    expect(now).toEqual(await readOld(file));
  });

  it('a streamed workbook with and without shared strings (the benchmark shape)', async () => {
    for (const useSharedStrings of [true, false]) {
      const file = join(tmp.dir, `stream-${useSharedStrings}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: file,
        useSharedStrings,
        useStyles: true,
      });
      const ws = wb.addWorksheet('Products');
      ws.columns = [
        { header: 'sku', key: 'sku' },
        { header: 'price', key: 'price' },
        { header: 'created', key: 'created', style: { numFmt: 'yyyy-mm-dd' } },
        { header: 'note', key: 'note' },
      ];
      for (let i = 1; i <= 3000; i++)
        ws.addRow([
          `SKU-${i}`,
          (i % 1000) / 10 + 1,
          new Date(Date.UTC(2024, 0, (i % 28) + 1)),
          i % 7 ? `n${i % 13}` : null,
        ]).commit();
      ws.commit();
      await wb.commit();
      const now = await readNew(file);
      expect(now.rows).toHaveLength(3001);
      expect(now).toEqual(await readOld(file));
    }
  });
});

describe('where exceljs was wrong, the reader does what Excel shows', () => {
  it('formula results keep their type; inline rich text is every run; _xHHHH_ escapes are decoded', async () => {
    const file = await book('better.xlsx', (wb) => {
      const ws = wb.addWorksheet('B');
      ws.addRow([
        { formula: 'A1=A1', result: true },
        { formula: '1/0', result: { error: '#DIV/0!' } },
        'a_x000D_b',
        'keep _x005F_x000D_ literal',
        { formula: 'A9-A9', result: 0 },
      ]);
      const d = ws.addRow([{ formula: 'TODAY()', result: new Date(Date.UTC(2024, 4, 2)) }]);
      d.getCell(1).numFmt = 'yyyy-mm-dd';
    });
    const now = await readNew(file);
    expect(now.rows.map((r) => r.cells)).toEqual([
      ['true [f]', '#DIV/0! [excel.error] [f]', 'a\rb', 'keep _x000D_ literal', '0 [f]'],
      ['2024-05-02 [excel.date-in-text] [f]'],
    ]);
    // exceljs gave 1 for TRUE, lost the results NaN and 0 (so "no saved result" errors), left the
    // escapes as written and gave the date as its serial number.
    const old = await readOld(file);
    expect(old.rows.map((r) => r.cells)).toEqual([
      ['1 [f]', ' [excel.formula] [f]', 'a_x000D_b', 'keep _x005F_x000D_ literal', ' [excel.formula] [f]'],
      ['45414 [f]'],
    ]);
  });

  it('hand-written XML: missing r, inline and rich strings, entities, prefixes, CDATA, comments, t="d"', async () => {
    const file = rawBook(
      'raw.xlsx',
      `<sheetData>
        <row><c><v>1</v></c><c t="inlineStr"><is><t>no r at all</t></is></c></row>
        <row r="3" spans="1:4"><c r="B3" t="inlineStr"><is><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="preserve">run</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c><c t="str"><v>&lt;&#x41;&#66;&amp;amp;&gt;</v></c></row>
        <row><c r="A4" t="s"><v>1</v></c><c r="C4" t="s"><v>0</v></c><c><!-- a comment --><v>2<![CDATA[5]]></v></c></row>
        <x:row r="7" xmlns:x="${NS.slice(7, -1)}"><x:c r="A7" s="1"><x:v>45000</x:v></x:c><x:c r="B7" t="d"><x:v>2024-02-29T12:00:00</x:v></x:c><x:c r="C7" t="b"><x:v>0</x:v></x:c></x:row>
        <row r="8"/>
        <row r="9"><c r="A9" t="e"><v>#VALUE!</v></c><c r="B9" s="2"><f>A9</f><v>1.5</v></c><c r="C9" t="s"><v>99</v></c><c r="D9" s="1"/></row>
      </sheetData><mergeCells count="1"><mergeCell ref="A4:B4"/></mergeCells>`,
      {
        strings:
          '<si><t>zero</t></si><si><r><t>o</t></r><r><rPr><i/></rPr><t>ne</t></r><rPh><t>x</t></rPh></si>',
        styles:
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="d&quot;.&quot;m&quot;.&quot;yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2"/></cellXfs>',
      },
    );
    const now = await readNew(file);
    expect(now.rows).toEqual([
      { number: 1, cells: ['1', 'no r at all'] },
      { number: 3, cells: ['', 'rich run', '<AB&amp;>'] },
      { number: 4, cells: ['one', '', 'zero', '25'] },
      {
        number: 7,
        cells: ['2023-03-15 [excel.date-in-text]', '2024-02-29 12:00:00 [excel.date-in-text]', 'false'],
      },
      { number: 8, cells: [] },
      // C9 points past the shared strings and D9 has only a style: no values.
      { number: 9, cells: ['#VALUE! [excel.error]', '1.5 [f]'] },
    ]);
    expect(now.merges).toEqual(['A4:B4']);
  });

  it('readDateStyles, isDate1904 and plainDecimal agree with exceljs and parseFloat', () => {
    const styles = readDateStyles(
      Buffer.from(
        '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.00"/><numFmt numFmtId="14" formatCode="0"/><numFmt numFmtId="165" formatCode="[$-409]mmm d"/></numFmts>' +
          '<cellStyleXfs><xf numFmtId="15"/></cellStyleXfs><cellXfs><xf numFmtId="14"/><xf numFmtId="15"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="30"/><xf numFmtId="47"/><xf/></cellXfs></styleSheet>',
      ),
    );
    // Only cellXfs count; a custom code replaces a built-in id (14); exceljs had no code for 30.
    expect([...styles]).toEqual([0, 1, 1, 0, 1, 0, 1, 0]);
    expect(isDate1904('<workbook><workbookPr date1904="1" defaultThemeVersion="1"/></workbook>')).toBe(true);
    expect(isDate1904('<workbook><workbookPr defaultThemeVersion="1"/></workbook>')).toBe(false);
    const samples = [
      '0',
      '-0',
      '7',
      '3.99',
      '0.1',
      '.5',
      '1.',
      '4006381333931',
      '9007199254740993',
      '45323.41666666667',
    ];
    samples.push(
      '1e21',
      '1E+21',
      '1.5e-7',
      '2.5E-300',
      '-12.75',
      '123456789.123456789',
      '1e-22',
      '3e22',
      '1e23',
    );
    for (const s of samples) {
      const b = Buffer.from(s);
      const fast = plainDecimal(b, 0, b.length);
      if (!Number.isNaN(fast)) expect(fast, s).toBe(parseFloat(s));
    }
    for (const s of ['', '-', '1,5', ' 1', '+1', '1e', 'abc', '0x10', 'Infinity'])
      expect(plainDecimal(Buffer.from(s), 0, s.length), s).toBeNaN();
  });
});

/** Feeds a document to a fresh parser in pieces of `size` bytes and returns the rows. */
function parseInPieces(xml: Buffer, size: number, strings: string[]): XlsxRow[] {
  const p = new SheetXmlParser({
    sharedStrings: strings,
    dateStyles: Uint8Array.of(0, 1),
    date1904: false,
    sheetName: 'T',
  });
  const rows: XlsxRow[] = [];
  for (let at = 0; at < xml.length; at += size) {
    p.write(xml.subarray(at, at + size));
    rows.push(...p.take());
  }
  p.end();
  rows.push(...p.take());
  return rows;
}

describe('chunk boundaries anywhere', () => {
  const sheet = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><!-- c > d --><sheetData>` +
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t>Grüße 😀 &amp; &#x1F600; &lt;tag&gt; 漢字</t></is></c>' +
      '<c r="C1" s="1"><v>45000.5</v></c><c r="D1" t="str"><f>A1&amp;"&gt;"</f><v>x &quot;y&quot; _x000D_</v></c></row>' +
      '<row r="2"><c r="A2" foo="a>b" t="s"><v>0</v></c><c r="B2"><v>-1.25E+3</v></c><c r="C2" t="b"><v>1</v></c><c r="E2"/></row>' +
      '<row r="3"><c r="B3" t="e"><v>#N/A</v></c><c t="inlineStr"><is><r><t>a</t></r><r><t>ß</t></r></is></c><c><v><![CDATA[7]]></v></c></row>' +
      '</sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>',
  );
  const strings = ['zero', 'one'];

  it('gives the same rows for every piece size, split inside tags, entities and UTF-8 characters', () => {
    const whole = parseInPieces(sheet, sheet.length, strings);
    expect(whole.map((r) => view(r.number, r.values).cells)).toEqual([
      ['one', 'Grüße 😀 & 😀 <tag> 漢字', '2023-03-15 12:00:00 [excel.date-in-text]', 'x "y" \r [f]'],
      ['zero', '-1250', 'true'],
      ['', '#N/A [excel.error]', 'aß', '7'],
    ]);
    for (let size = 1; size <= 17; size++)
      expect(parseInPieces(sheet, size, strings), `pieces of ${size}`).toEqual(whole);
  });

  it('gives the same rows cut in two at every byte', () => {
    const whole = parseInPieces(sheet, sheet.length, strings);
    for (let cut = 1; cut < sheet.length; cut++) {
      const p = new SheetXmlParser({
        sharedStrings: strings,
        dateStyles: Uint8Array.of(0, 1),
        date1904: false,
        sheetName: 'T',
      });
      p.write(sheet.subarray(0, cut));
      const rows = p.take();
      p.write(sheet.subarray(cut));
      p.end();
      rows.push(...p.take());
      expect(rows, `cut at ${cut}`).toEqual(whole);
    }
  });

  it('shared strings too', () => {
    const sst = Buffer.from(
      `<sst ${NS}><si><t>plain</t></si><si><t xml:space="preserve"> spaced é </t></si><si><r><t>ri</t></r><r><rPr><b/></rPr><t>ch😀</t></r><rPh><t>ph</t></rPh></si><si><t>&lt;&amp;&#233;_x000A_</t></si><si/><si><t></t></si></sst>`,
    );
    for (let size = 1; size <= 13; size++) {
      const p = new SharedStringsParser();
      for (let at = 0; at < sst.length; at += size) p.write(sst.subarray(at, at + size));
      p.end();
      expect(p.strings, `pieces of ${size}`).toEqual(['plain', ' spaced é ', 'rich😀', '<&é\n', '', '']);
    }
  });
});

describe('hostile and broken sheets end with a clear reason', () => {
  it('a cell beyond column XFD, a DOCTYPE, a sheet cut short', () => {
    const parse = (xml: string) => parseInPieces(Buffer.from(xml), 7, []);
    expect(() => parse('<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>')).toThrow(
      /beyond Excel's last column/,
    );
    expect(() =>
      parse('<sheetData><row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row></sheetData>'),
    ).toThrow(/beyond Excel's last column/);
    expect(() => parse('<!DOCTYPE x [<!ENTITY a "aaaa">]><sheetData/>')).toThrow(/DOCTYPE/);
    expect(() => parse('<sheetData><row r="1"><c r="A1"><v>1</v></c>')).toThrow(
      /ends in the middle of a row/,
    );
    expect(() => parse('<sheetData><row r="1"><c r="A1"><v>1</v')).toThrow(/ends in the middle/);
  });

  it('shared strings past the memory budget are refused before the heap runs out', () => {
    const p = new SharedStringsParser(1024 * 1024);
    const si = `<si><t>${'x'.repeat(1000)}</t></si>`;
    expect(() => {
      for (let i = 0; i < 1000; i++) p.write(Buffer.from(si));
    }).toThrow(/more memory than validation may use/);
    expect(p.strings.length).toBeLessThan(1000);
  });

  it('a row of more than 16 MB of text is reported, not read into memory', async () => {
    const big = 'x'.repeat(9 * 1024 * 1024);
    const file = rawBook(
      'huge-row.xlsx',
      `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${big}</t></is></c><c r="B2" t="inlineStr"><is><t>${big}</t></is></c></row></sheetData>`,
    );
    const report = await validateFile({ file });
    expect(report.fatal).toMatch(/Row 2 of the sheet "Data" holds more than 16 MB of text/);
  });

  it('validates an XLSX from another writer end to end (missing r, inline strings)', async () => {
    const file = rawBook(
      'other-writer.xlsx',
      '<sheetData><row><c t="inlineStr"><is><t>code</t></is></c><c t="inlineStr"><is><t>name</t></is></c></row>' +
        '<row><c t="inlineStr"><is><t>a-1</t></is></c><c t="inlineStr"><is><t> One</t></is></c></row>' +
        '<row><c t="inlineStr"><is><t>a-2</t></is></c><c t="inlineStr"><is><t>Two</t></is></c></row></sheetData>',
      { sheetName: 'Export' },
    );
    const report = await validateFile({ file, sheet: 'Export' });
    expect(report.fatal).toBeNull();
    expect(report.source).toMatchObject({ format: 'xlsx', sheet: 'Export', headers: ['code', 'name'] });
    expect(report.rows).toBe(2);
    expect(report.issues.find((i) => i.rule === 'text.spaces')).toMatchObject({ row: 1, column: 'name' });
  });
});
