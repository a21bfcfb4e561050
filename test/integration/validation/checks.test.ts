/**
 * The WEXBO data types and the spreadsheet pitfalls, value by value: what passes, what fails,
 * and that each failure says exactly what to write instead. Also the encoding detector and the
 * safe cut points of a CSV split between workers.
 */
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compileValueCheck,
  isDate,
  isDateTime,
  isFloat,
  isGtin,
  isInteger,
} from '../../../src/core/validation/checks/values';
import { decimalCommaFix, serialToIso } from '../../../src/core/validation/checks/pitfalls';
import { detectEncoding } from '../../../src/core/validation/read/encoding';
import { findCuts } from '../../../src/core/validation/run/split';
import type { ColumnRule, ValueType } from '../../../src/core/validation';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const check = (rule: Omit<ColumnRule, 'column'>) => {
  const c = compileValueCheck({ column: 'x', ...rule });
  return (v: string) => c?.(v) ?? null;
};
const passes = (type: ValueType, values: string[]) =>
  values.forEach((v) => expect(check({ type })(v), `${type} ${v}`).toBeNull());
const fails = (type: ValueType, v: string) => check({ type })(v);

describe('WEXBO data types', () => {
  it('numbers, dates and GTINs by hand-written scanners agree with the spec', () => {
    expect(['0', '-12', '007'].every(isInteger)).toBe(true);
    expect(['', '-', '1.0', '+1', '1e3', ' 1'].some(isInteger)).toBe(false);
    expect(['0', '-1.5', '3.99', '10'].every(isFloat)).toBe(true);
    expect(['.5', '1.', '1,5', '1e3', '-', '1.2.3'].some(isFloat)).toBe(false);
    expect(['2024-02-29', '2000-02-29', '1999-12-31'].every(isDate)).toBe(true);
    expect(
      ['2023-02-29', '1900-02-29', '2024-13-01', '2024-04-31', '24-01-01', '2024-1-01'].some(isDate),
    ).toBe(false);
    expect(isDateTime('2024-02-29 23:59:59')).toBe(true);
    expect(['2024-02-29T23:59:59', '2024-02-29 24:00:00', '2024-02-29 10:60:00'].some(isDateTime)).toBe(
      false,
    );
    expect(['4006381333931', '96385074', '036000291452', '10614141000415'].every(isGtin)).toBe(true);
    expect(['4006381333932', '400638133393', 'abcdefghijklm'].some(isGtin)).toBe(false);
  });

  it('every type accepts its valid forms', () => {
    passes('boolean', ['true', 'false', '1', '0']);
    passes('uuid', ['123e4567-e89b-12d3-a456-426614174000', '00000000-0000-0000-0000-000000000000']);
    passes('code', ['sku-1', 'a.b_c']);
    passes('url', ['https://example.com/a?b=1', '/mens/ProductB2011', 'images/a.jpg']);
    passes('email', ['office@supplier1name.com', 'a.b+c@x.co.uk']);
    passes('language', ['en', 'pl', 'sk']);
    passes('currency', ['EUR', 'CZK', 'USD']);
    passes('country', ['PL', 'DE', 'GB']);
    passes('image', [
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    ]);
  });

  it('each failure says what to write', () => {
    expect(fails('boolean', 'TRUE')?.message).toContain('must be written true');
    expect(fails('code', 'SKU-1')?.message).toContain('write sku-1');
    expect(fails('url', 'https://x.com/a b')?.message).toContain('%20');
    expect(fails('email', 'streakstyris@10@gmail.com')?.message).toContain('2 "@"');
    expect(fails('language', 'EN')?.message).toContain('must be written en');
    expect(fails('currency', '€')?.message).toContain('write EUR');
    expect(fails('country', 'UK')?.message).toContain('write GB');
    expect(fails('uuid', 'nope')?.rule).toBe('type.uuid');
    expect(fails('image', 'data:image/png;base64,/9j/4AAQSkZJRgABAQ==')?.message).toContain(
      'its bytes are not',
    );
    expect(fails('integer', '3.0')?.message).toContain('write 3');
    expect(fails('float', '+5')?.message).toContain('write 5');
    expect(fails('float', '.5')?.message).toContain('write 0.5');
    expect(fails('float', '€ 3.99')?.message).toContain('write 3.99');
    expect(fails('float', '1e3')).toMatchObject({ rule: 'excel.scientific' });
  });

  it('enum, pattern, range, length and lists', () => {
    expect(check({ enum: ['Red', 'Blue'] })('red')?.message).toBe('"red" must be written Red.');
    expect(check({ enum: ['Red'], enumIgnoreCase: true })('RED')).toBeNull();
    expect(check({ enum: ['12" screen'] })('12” screen')?.message).toBe(
      '"12” screen" must be written 12" screen.',
    );
    expect(check({ type: 'float', range: { min: 0, max: 10 } })('11')?.rule).toBe('range');
    expect(check({ length: { max: 3 } })('abcd')?.message).toContain('shorten it by 1');
    expect(check({ length: { max: 3 } })('😀😀😀')).toBeNull();
    expect(check({ type: 'integer', list: ',' })('1, 2,x')?.message).toContain('In the list "1, 2,x"');
    expect(check({ type: 'integer', list: ',' })('1,,2')?.rule).toBe('list');
  });
});

describe('spreadsheet pitfalls', () => {
  it('decimal commas are fixed only when they can mean one number', () => {
    expect(decimalCommaFix('3,99')).toBe('3.99');
    expect(decimalCommaFix('-0,5')).toBe('-0.5');
    expect(decimalCommaFix('1.234,56')).toBe('1234.56');
    expect(decimalCommaFix('1 234,5')).toBe('1234.5');
    expect(decimalCommaFix('1,234')).toBeUndefined();
    expect(decimalCommaFix('1,2,3')).toBeUndefined();
  });

  it('serial dates, scientific and short GTINs, and date formats get exact advice', () => {
    expect(serialToIso(45123).date).toBe('2023-07-16');
    expect(fails('date', '45123')?.message).toContain('write 2023-07-16');
    expect(fails('datetime', '45123.5')?.message).toContain('write 2023-07-16 12:00:00');
    expect(fails('date', '16.07.2023')?.message).toContain('write 2023-07-16');
    expect(fails('datetime', '2023-07-16T10:00:00')?.message).toContain('write 2023-07-16 10:00:00');
    const sci = fails('gtin', '4.00638E+12');
    expect(sci?.rule).toBe('excel.scientific');
    expect(sci?.message).toContain('not fixable automatically');
    expect(sci).not.toHaveProperty('fix');
    expect(fails('gtin', '36000291452')?.message).toContain('036000291452 or 0036000291452');
    expect(fails('gtin', '4006381333932')?.message).toContain('should be 1');
    expect(fails('gtin', '4006381 333931')?.message).toContain('write 4006381333931');
  });
});

describe('encoding detection', () => {
  it('tells Windows-1250 from Windows-1252 and UTF-8', () => {
    const cz = 'Žluťoučký kůň úpěl ďábelské ódy; příliš šťastná';
    expect(detectEncoding(iconv.encode(cz.repeat(30), 'windows-1250'), true).encoding).toBe('windows-1250');
    const fr = "Crème brûlée à la française, œuvre d'été — naïve façade";
    expect(detectEncoding(iconv.encode(fr.repeat(30), 'windows-1252'), true).encoding).toBe('windows-1252');
    expect(detectEncoding(Buffer.from(cz), true)).toMatchObject({ encoding: 'utf-8', how: 'utf8-valid' });
    // A sample cut in the middle of a two-byte character is still UTF-8.
    const cut = Buffer.from('abc ž').subarray(0, 5);
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
  });
});

describe('cutting a CSV for parallel workers', () => {
  it('cuts only at line breaks outside quotes, and not at all when quoting is irregular', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},"multi\nline ""quoted"" ${i}",x`).join('\n');
    const file = tmp.file('cuts.csv', `id,text,z\n${rows}\n`);
    const size = Buffer.byteLength(`id,text,z\n${rows}\n`);
    const cuts = await findCuts(file, 0, size, 4, ',');
    expect(cuts).toHaveLength(3);
    const text = Buffer.from(`id,text,z\n${rows}\n`);
    for (const cut of cuts) {
      // Every cut starts a record: the line before ends with ",x".
      expect(text.toString('utf8', cut - 3, cut)).toBe(',x\n');
    }
    const stray = tmp.file('stray.csv', `id,text\n1,12" screen\n${'2,plain\n'.repeat(500)}`);
    expect(await findCuts(stray, 0, 8 + 14 + 8 * 500, 2, ',')).toEqual([]);
  });
});
