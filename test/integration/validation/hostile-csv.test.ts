/**
 * The hostile CSV corpus (DESIGN.md, reliability targets): malformed and ragged rows, unbalanced
 * quotes, byte-order marks, UTF-16, Windows-1250, a 10 MB field, 10,000 columns, empty files.
 * Each gets a clear issue or a clear reason, never a crash; large inputs are generated here.
 */
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { closeValidationWorkers, validateFile } from '../../../src/core/validation';
import { byRule, tempDir } from './helpers';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await closeValidationWorkers();
});

const HEADER = 'sku,name,price,description';

describe('malformed CSV', () => {
  it('reports ragged rows, saying when the extra fields are only trailing delimiters', async () => {
    const body = `${HEADER}\nA1,One,1.00,ok\nA2,Two,2.00\nA3,Three,3.00,x,y\nA4,Four,4.00,fine,,\n`;
    const report = await validateFile({ file: tmp.file('ragged.csv', body) });
    const fields = byRule(report, 'row.fields');
    expect(fields.map((i) => i.row)).toEqual([2, 3, 4]);
    expect(fields[0]?.message).toContain('has 3 fields, the header has 4');
    expect(fields[2]?.message).toContain('trailing delimiters');
    expect(report.rows).toBe(4);
  });

  it('reports a quote that is never closed and one that is not doubled', async () => {
    const unclosed = await validateFile({
      file: tmp.file('unclosed.csv', `${HEADER}\nA1,One,1,ok\nA2,"Two,2,never closed\nA3,Three,3,x\n`),
    });
    expect(byRule(unclosed, 'row.quotes')[0]).toMatchObject({ row: 2, severity: 'error' });
    expect(byRule(unclosed, 'row.quotes')[0]?.message).toContain('never closed');

    const stray = await validateFile({
      file: tmp.file('stray.csv', `${HEADER}\nA1,"12"" screen",1,ok\nA2,"24" screen",2,x\n`),
    });
    expect(byRule(stray, 'row.quotes').map((i) => i.row)).toEqual([2]);
  });

  it('stops cleanly when an unclosed quote would swallow a large file', async () => {
    const row = 'A,plain text without any quote character at all,1.00,more plain text here\n';
    const body = `${HEADER}\nA0,"opened,1,x\n${row.repeat(Math.ceil((17 * 1024 * 1024) / row.length))}`;
    const report = await validateFile({ file: tmp.file('swallow.csv', body) });
    expect(report.fatal).toBeNull();
    const stop = byRule(report, 'row.quotes').find((i) => i.message.startsWith('Reading stopped'));
    expect(stop?.row).toBe(1);
    expect(report.rows).toBe(0);
  });
});

describe('encodings', () => {
  const czech = 'kód,název,cena\nŽ1,Žluťoučký kůň úpěl ďábelské ódy,12.50\nŠ2,Příliš šťastná čeština,3.20\n';

  it('reads a UTF-8 file with a byte-order mark and notes it', async () => {
    const report = await validateFile({
      file: tmp.file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(czech)])),
    });
    expect(report.source).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(report.source.headers[0]).toBe('kód');
    expect(byRule(report, 'file.bom')[0]?.severity).toBe('info');
  });

  it('reads Excel "Unicode text": UTF-16 LE with a mark, tab-separated', async () => {
    const text = czech.replace(/,/g, '\t');
    const report = await validateFile({
      file: tmp.file('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])),
    });
    expect(report.source).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(report.source.headers).toEqual(['kód', 'název', 'cena']);
    expect(report.rows).toBe(2);
  });

  it('reads UTF-16 without a mark (big-endian too)', async () => {
    const report = await validateFile({ file: tmp.file('utf16be.csv', iconv.encode(czech, 'utf-16be')) });
    expect(report.source.encoding).toBe('utf-16be');
    expect(report.source.headers).toEqual(['kód', 'název', 'cena']);
  });

  it('detects Windows-1250 and decodes Czech letters; a UTF-8-only remote gets an error', async () => {
    const body = iconv.encode(czech.repeat(20), 'windows-1250');
    const report = await validateFile({ file: tmp.file('cp1250.csv', body), template: 'broadleaf-product' });
    expect(report.source.encoding).toBe('windows-1250');
    expect(report.source.headers).toEqual(['kód', 'název', 'cena']);
    const enc = byRule(report, 'file.encoding')[0];
    expect(enc).toMatchObject({ severity: 'error', value: 'Windows-1250' });
    expect(enc?.message).toContain('UTF-8');
    const generic = await validateFile({ file: tmp.file('cp1250b.csv', body) });
    expect(byRule(generic, 'file.encoding')[0]?.severity).toBe('info');
  });
});

describe('sizes and shapes', () => {
  it("a 10 MB field is read and flagged as beyond Excel's cell limit", async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const report = await validateFile({
      file: tmp.file('field.csv', `${HEADER}\nA1,One,1.00,"${huge}"\nA2,Two,2.00,short\n`),
    });
    expect(report.fatal).toBeNull();
    expect(report.rows).toBe(2);
    const long = byRule(report, 'text.too-long')[0];
    expect(long).toMatchObject({ row: 1, column: 'description', severity: 'warning' });
    expect(long?.value?.length).toBeLessThan(100);
  });

  it('10,000 columns are read, with one issue per unknown column', async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `col${i}`);
    const row = header.map((_, i) => String(i));
    const body = `${header.join(',')}\n${row.join(',')}\n${row.join(',')}\n`;
    const report = await validateFile({ file: tmp.file('wide.csv', body), template: 'wexbo-products' });
    expect(report.rows).toBe(2);
    expect(report.source.headers).toHaveLength(10_000);
    expect(byRule(report, 'header.unknown')).toHaveLength(10_000);
    expect(byRule(report, 'header.missing').map((i) => i.column)).toContain('name');
  });

  it('empty files and files without data get a reason, not a crash', async () => {
    const empty = await validateFile({ file: tmp.file('empty.csv', '') });
    expect(empty.fatal).toContain('empty');
    const blank = await validateFile({ file: tmp.file('blank.csv', '\n\r\n   \n') });
    expect(blank.fatal).toContain('no text');
    const headerOnly = await validateFile({ file: tmp.file('header.csv', `${HEADER}\n`) });
    expect(headerOnly.fatal).toBeNull();
    expect(byRule(headerOnly, 'file.no-rows')).toHaveLength(1);
    const missing = await validateFile({ file: `${tmp.dir}/does-not-exist.csv` });
    expect(missing.fatal).toContain('does not exist');
    const xls = await validateFile({
      file: tmp.file('old.xls', Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex')),
    });
    expect(xls.fatal).toContain('97-2003');
    const fakeXlsx = await validateFile({ file: tmp.file('fake.xlsx', 'a,b\n1,2\n') });
    expect(fakeXlsx.fatal).toContain('not a ZIP');
  });
});
