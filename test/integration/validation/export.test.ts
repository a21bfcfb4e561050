/**
 * The corrected file and the errors file, in CSV and XLSX: only the safe fixes are applied (trim,
 * straight quotes, decimal comma in numeric columns, header spellings, encoding and delimiter),
 * a GTIN in scientific notation is left for a person, and formula injection is neutralised on
 * export only, numbers in numeric columns excepted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeValidationWorkers,
  exportCorrected,
  exportErrors,
  loadTemplate,
  neutralizeFormula,
  validateFile,
} from '../../../src/core/validation';
import { byRule, rules, tempDir } from './helpers';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await closeValidationWorkers();
});

const template = loadTemplate('broadleaf-product');
const SOURCE = [
  'Price list of Dodávky s.r.o., week 12',
  'sku number;product title;Retail Price;UPC;Available Quantity',
  '1001; Šroubovák ;3,99;4.00638E+12;5',
  '1002;“Kleště” 160 mm;1.234,56;0012345;-5',
  '1003;=HYPERLINK("http://evil");-5;@SUM(A1);7;;',
  '1004;Pilka;1,234;+1;3',
].join('\r\n');

async function validated() {
  const file = tmp.file('supplier.csv', iconv.encode(`${SOURCE}\r\n`, 'windows-1250'));
  return validateFile({ file, template, headerRow: 2 });
}

describe('corrected file', () => {
  it('applies the safe fixes and nothing else (CSV)', async () => {
    const report = await validated();
    expect(report.source).toMatchObject({ encoding: 'windows-1250', delimiter: ';', headerRow: 2 });
    expect(rules(report)).toEqual(
      expect.arrayContaining([
        'excel.decimal-comma',
        'text.spaces',
        'text.smart-quotes',
        'header.rename',
        'file.encoding',
        'file.delimiter',
        'header.row',
        'row.fields',
      ]),
    );
    const out = join(tmp.dir, 'fixed.csv');
    const result = await exportCorrected(report, template, { out, format: 'csv' });
    expect(result.rows).toBe(4);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')).toEqual([
      'SKU Number,Product Title,Retail Price,UPC,Available Quantity',
      '1001,Šroubovák,3.99,4.00638E+12,5',
      '1002,"""Kleště"" 160 mm",1234.56,0012345,-5',
      `1003,"'=HYPERLINK(""http://evil"")",-5,'@SUM(A1),7`,
      '1004,Pilka,"1,234",\'+1,3',
      '',
    ]);
    // The corrected file passes what the fixes addressed; what needs a person remains.
    const again = await validateFile({ file: out, template });
    for (const gone of [
      'text.spaces',
      'text.smart-quotes',
      'excel.decimal-comma',
      'header.rename',
      'file.encoding',
      'file.delimiter',
      'header.row',
      'row.fields',
    ]) {
      expect(byRule(again, gone)).toEqual([]);
    }
    // "1,234" may mean 1234 or 1.234: not fixed, still reported.
    expect(byRule(again, 'type.float').map((i) => i.value)).toEqual(['1,234']);
  });

  it('writes XLSX with numbers as numbers, codes as text and formulas defused', async () => {
    const report = await validated();
    const out = join(tmp.dir, 'fixed.xlsx');
    await exportCorrected(report, template, { out, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'SKU Number',
      'Product Title',
      'Retail Price',
      'UPC',
      'Available Quantity',
    ]);
    expect(ws.getCell('C2').value).toBe(3.99);
    expect(ws.getCell('D3').value).toBe('0012345');
    expect(ws.getCell('E3').value).toBe(-5);
    expect(ws.getCell('B4').value).toBe(`'=HYPERLINK("http://evil")`);
    expect(ws.getCell('C4').value).toBe(-5);
    expect(ws.getCell('D4').value).toBe("'@SUM(A1)");
  });
});

describe('errors file', () => {
  it('lists every issue with its fix, in CSV and XLSX, neutralised', async () => {
    const report = await validated();
    const csvOut = join(tmp.dir, 'errors.csv');
    await exportErrors(report, { out: csvOut, format: 'csv', bom: true });
    const text = readFileSync(csvOut, 'utf8');
    expect(text.startsWith('\ufeffRow,Column,Value,Severity,Rule,Message,Fix\r\n')).toBe(true);
    expect(text.split('\r\n').length - 2).toBe(report.issues.length);
    expect(text).toContain('excel.decimal-comma');
    // A supplier's value shown in the errors file is defused too.
    const injected = await validateFile({
      file: tmp.file('inject.csv', 'SKU Number,Product Title,Retail Price\n1,A,=1+2\n'),
      template,
    });
    const injectedOut = join(tmp.dir, 'inject-errors.csv');
    await exportErrors(injected, { out: injectedOut, format: 'csv' });
    expect(readFileSync(injectedOut, 'utf8')).toContain("1,Retail Price,'=1+2,error,type.float");
    const xlsxOut = join(tmp.dir, 'errors.xlsx');
    await exportErrors(report, { out: xlsxOut, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxOut);
    const ws = wb.getWorksheet('Issues')!;
    expect(ws.rowCount).toBe(report.issues.length + 1);
    const comma = report.issues.findIndex((i) => i.rule === 'excel.decimal-comma');
    expect(ws.getRow(comma + 2).getCell(7).value).toBe('3.99');
  });

  it('neutralises only what a spreadsheet would run', () => {
    expect(neutralizeFormula('=1+1', false)).toBe("'=1+1");
    expect(neutralizeFormula('-5', false)).toBe("'-5");
    expect(neutralizeFormula('-5', true)).toBe('-5');
    expect(neutralizeFormula('-5+A1', true)).toBe("'-5+A1");
    expect(neutralizeFormula('\tcmd', false)).toBe("'\tcmd");
    expect(neutralizeFormula('plain', false)).toBe('plain');
  });
});
