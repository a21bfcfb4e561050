/**
 * The Broadleaf and Wizart templates reject exactly what the demo simulators of those remotes
 * reject (seeds/002_dd6ca172e7a2ab05.txt, seeds/000_e06ea13dbfabb382.txt): the same files go
 * through the simulators' own parsers and validators and through validateFile.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/demo-pim/broadleaf/parse';
import { SPECIFICATIONS } from '../../../src/core/demo-pim/broadleaf/specs';
import { validateTable } from '../../../src/core/demo-pim/broadleaf/validate';
import { analyzeImport } from '../../../src/core/demo-pim/wizart/analyze';
import { productType } from '../../../src/core/demo-pim/wizart/schema';
import { closeValidationWorkers, validateFile } from '../../../src/core/validation';
import type { ValidationReport } from '../../../src/core/validation';
import { JPEG_BYTES, PNG_BYTES, writeZip } from '../demo-pim/zip-writer';
import type { ZipInput } from '../demo-pim/zip-writer';
import { byRule, errorsOf, tempDir } from './helpers';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await closeValidationWorkers();
});

const SEED_CSV = readFileSync(
  new URL('../../fixtures/validation/broadleaf-seed-products.csv', import.meta.url),
  'utf8',
);

const PRODUCT_SPEC = SPECIFICATIONS.find((s) => s.name === 'DefaultProductImportSpecification')!;

/** The simulator's verdict as (row, column) keys: row 0 for headers, "" column for whole records. */
function simulatorErrors(body: string | Buffer): Set<string> {
  const table = parseCsv(Buffer.from(body));
  if (!table) return new Set(['file']);
  const v = validateTable(PRODUCT_SPEC, table, () => undefined);
  return new Set([...v.headerValidation, ...v.recordValidation].map((e) => `${e.rowNumber}|${e.fieldName}`));
}

function ourErrors(report: ValidationReport): Set<string> {
  return new Set(
    errorsOf(report).map((i) => {
      if (i.rule === 'file.encoding') return 'file';
      if (i.rule.startsWith('header.')) return `0|${i.column ?? ''}`;
      if (i.column === null) return `${i.row}|`;
      return `${i.row}|${i.column}`;
    }),
  );
}

describe('Broadleaf DefaultProductImportSpecification', () => {
  it('accepts the seed example as the simulator does', async () => {
    const file = tmp.file('seed.csv', SEED_CSV);
    const report = await validateFile({ file });
    expect(report.template.id).toBe('broadleaf-product');
    expect(report.rows).toBe(3);
    expect(errorsOf(report)).toEqual([]);
    expect(simulatorErrors(SEED_CSV)).toEqual(new Set());
  });

  it('reports the seed\'s "Missing Required Data" for an empty Product Title on row 1', async () => {
    const body = SEED_CSV.replace(',ProductB2011,ProductB2011 is', ',,ProductB2011 is');
    const report = await validateFile({
      file: tmp.file('missing-title.csv', body),
      template: 'broadleaf-product',
    });
    const [issue] = byRule(report, 'required');
    expect(issue).toMatchObject({ row: 1, column: 'Product Title', severity: 'error' });
    expect(issue?.message).toContain('Missing Required Data');
    expect(ourErrors(report)).toEqual(simulatorErrors(body));
  });

  it('finds the same header and record errors as the simulator, cell for cell', async () => {
    const lines = SEED_CSV.trim().split('\n');
    const body = [
      lines[0],
      lines[1],
      '2012,,ProductB2012,d,e,20x7,/p,3.99,1,300,Blue',
      '2013,,ProductB2013,d,e,2007,/p,"3,99",1,many,Black',
      '2014,,,d,e,2007,/p,1.00,1,3,Red',
      '2015,,"Unclosed, title,d,e,2007,/p,1.00,1,3,Red',
    ].join('\n');
    const report = await validateFile({ file: tmp.file('defects.csv', body), template: 'broadleaf-product' });
    const sim = simulatorErrors(body);
    expect(sim.size).toBeGreaterThan(0);
    expect(ourErrors(report)).toEqual(sim);
  });

  it('finds an unknown header like the simulator (which then rejects the whole file)', async () => {
    const lines = SEED_CSV.trim().split('\n');
    const body = [`${lines[0]},Warehouse`, ...lines.slice(1).map((l) => `${l},A1`)].join('\n');
    const report = await validateFile({ file: tmp.file('unknown.csv', body), template: 'broadleaf-product' });
    expect(byRule(report, 'header.unknown')[0]).toMatchObject({ column: 'Warehouse', severity: 'error' });
    expect(ourErrors(report)).toEqual(simulatorErrors(body));
  });

  it('finds a missing required header and a Windows-1252 body like the simulator', async () => {
    const noTitle = SEED_CSV.replace('Product Title,', 'Title,');
    const a = await validateFile({ file: tmp.file('no-title.csv', noTitle), template: 'broadleaf-product' });
    expect(byRule(a, 'header.missing').map((i) => i.column)).toContain('Product Title');
    expect(ourErrors(a)).toEqual(simulatorErrors(noTitle));

    const latin = iconv.encode(SEED_CSV, 'windows-1252');
    const b = await validateFile({ file: tmp.file('latin.csv', latin), template: 'broadleaf-product' });
    expect(byRule(b, 'file.encoding')[0]?.severity).toBe('error');
    expect(simulatorErrors(latin)).toEqual(new Set(['file']));
    // Decoded correctly all the same: the Spanish text survives.
    expect(b.rows).toBe(3);
  });
});

const WALLPAPER_HEADER = 'vendor_code,name,brand,collection,image,width,length,pattern_repeat,color,price';
const goodRows = [
  'W1,Rose,B,Spring,w1.jpg,0.53,10.05,64,red,19.99',
  'W2,Lily,B,Spring,img/w2.png,0.53,10,64,white,21',
];
const goodZip: ZipInput[] = [
  { name: 'w1.jpg', data: JPEG_BYTES },
  { name: 'img/w2.png', data: PNG_BYTES, deflate: true },
];

async function both(name: string, rows: string[], zip: ZipInput[], header = WALLPAPER_HEADER) {
  const body = `${header}\n${rows.join('\n')}\n`;
  const zipBuf = writeZip(zip);
  const sim = await analyzeImport(productType('wallpaper')!, Buffer.from(body), zipBuf, () => undefined);
  const report = await validateFile({
    file: tmp.file(`${name}.csv`, body),
    images: tmp.file(`${name}.zip`, zipBuf),
    template: 'wizart-wallpaper',
  });
  return { sim, report, errors: errorsOf(report).map((i) => i.rule) };
}

describe('Wizart wallpaper CSV + image ZIP', () => {
  it('passes a good import that the simulator imports with success', async () => {
    const { sim, report } = await both('good', goodRows, goodZip);
    expect(sim.final).toBe('success');
    expect(errorsOf(report)).toEqual([]);
    expect(report.zip).toMatchObject({ files: 2, referenced: 2, unreferenced: 0, missing: 0 });
  });

  const cases: [string, string[], ZipInput[], string, string[], string?][] = [
    [
      'missing-column',
      goodRows.map((r) => r.replace(/,red|,white/, '')),
      goodZip,
      'validating_csv',
      ['header.missing'],
      WALLPAPER_HEADER.replace(',color', ''),
    ],
    [
      'unknown-column',
      goodRows.map((r) => `${r},x`),
      goodZip,
      'validating_csv',
      ['header.unknown'],
      `${WALLPAPER_HEADER},extra`,
    ],
    [
      'empty-required',
      ['W1,,B,Spring,w1.jpg,0.53,10,64,red,19', goodRows[1]!],
      goodZip,
      'validating_csv',
      ['required'],
    ],
    [
      'ragged-row',
      ['W1,Rose,B,Spring,w1.jpg,0.53,10,64,red', goodRows[1]!],
      goodZip,
      'validating_csv',
      ['row.fields'],
    ],
    ['no-rows', [], goodZip, 'validating_csv', ['file.no-rows']],
    [
      'zip-slip',
      goodRows,
      [...goodZip, { name: '../../etc/evil.jpg', data: JPEG_BYTES }],
      'unpacking_archive',
      ['zip.slip'],
    ],
    [
      'zip-bomb',
      goodRows,
      [
        ...goodZip,
        { name: 'bomb.jpg', data: Buffer.alloc(100_000), deflate: true, declaredSize: 2_000_000_000 },
      ],
      'unpacking_archive',
      ['zip.bomb'],
    ],
    [
      'overlap',
      goodRows,
      [...goodZip, { name: 'copy.jpg', data: '', sameDataAs: 'w1.jpg' }],
      'unpacking_archive',
      ['zip.overlap'],
    ],
    [
      'missing-image',
      [goodRows[0]!, 'W2,Lily,B,Spring,nope.png,0.53,10,64,white,21'],
      goodZip,
      'checking_images',
      ['image.missing'],
    ],
    [
      'not-an-image',
      goodRows,
      [{ name: 'w1.jpg', data: 'just some text, not a JPEG' }, goodZip[1]!],
      'importing_data',
      ['image.not-image'],
    ],
  ];
  it.each(cases)(
    '%s: the simulator fails at %s and the pre-flight reports it',
    async (name, rows, zip, stage, expected, header) => {
      const { sim, errors } = await both(name, rows, zip, header);
      expect(sim.final).toBe('failure');
      expect(sim.failedAt).toBe(stage);
      for (const rule of expected) expect(errors).toContain(rule);
    },
  );

  it('a decimal comma skips the row in the simulator (warning) and is an error here, with its fix', async () => {
    const { sim, report } = await both(
      'comma',
      ['W1,Rose,B,Spring,w1.jpg,"0,53",10,64,red,19', goodRows[1]!],
      goodZip,
    );
    expect(sim.final).toBe('warning');
    expect(sim.issues[0]).toMatchObject({ row: 1, column: 'width' });
    expect(byRule(report, 'excel.decimal-comma')[0]).toMatchObject({
      row: 1,
      column: 'width',
      severity: 'error',
      fix: '0.53',
    });
  });

  it('an XLSX is refused for Wizart, which imports CSV only', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(WALLPAPER_HEADER.split(','));
    ws.addRow(goodRows[0]!.split(','));
    const file = `${tmp.dir}/wallpaper.xlsx`;
    await wb.xlsx.writeFile(file);
    const report = await validateFile({ file, template: 'wizart-wallpaper' });
    expect(byRule(report, 'file.format')[0]?.severity).toBe('error');
  });
});
