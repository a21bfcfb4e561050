/**
 * The hostile archive and workbook corpus: zip slip, classic and overlapping zip bombs, an archive
 * that lies about its sizes, symlinks, encrypted entries, ".jpg" files that are not images,
 * case-insensitive name collisions, and XLSX files with formulas, dates, merged cells, many sheets,
 * a zip bomb inside, and shared strings built to exhaust memory (the worker's resourceLimits end
 * the worker, the test process carries on).
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeValidationWorkers, inspectZipFile, validateFile } from '../../../src/core/validation';
import { JPEG_BYTES, PNG_BYTES, writeZip } from '../demo-pim/zip-writer';
import type { ZipInput } from '../demo-pim/zip-writer';
import { byRule, rules, tempDir } from './helpers';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await closeValidationWorkers();
});

/** Edits the central directory record of `name`: the writer cannot make symlinks or encryption. */
function patchCentral(zip: Buffer, name: string, patch: (buf: Buffer, at: number) => void): Buffer {
  const out = Buffer.from(zip);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(signature); at !== -1; at = out.indexOf(signature, at + 4)) {
    const len = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + len) === name) patch(out, at);
  }
  return out;
}

const zipOnly = (name: string, inputs: ZipInput[] | Buffer) => {
  const data = Buffer.isBuffer(inputs) ? inputs : writeZip(inputs);
  return validateFile({ file: tmp.file(name, data) });
};

describe('hostile ZIP archives (checked from the central directory)', () => {
  it('zip slip entries are refused one by one; the rest is still checked', async () => {
    const report = await zipOnly('slip.zip', [
      { name: 'ok.jpg', data: JPEG_BYTES },
      { name: '../../evil.jpg', data: JPEG_BYTES },
      { name: '/etc/passwd', data: 'root' },
      { name: 'C:/Windows/evil.png', data: PNG_BYTES },
    ]);
    expect(report.fatal).toBeNull();
    expect(byRule(report, 'zip.slip').map((i) => i.value)).toEqual([
      '../../evil.jpg',
      '/etc/passwd',
      'C:/Windows/evil.png',
    ]);
    expect(report.zip?.files).toBe(4);
  });

  it('a classic bomb (impossible ratio) and a liar (more bytes than declared) are caught without unpacking', async () => {
    const report = await zipOnly('bombs.zip', [
      { name: 'a.jpg', data: JPEG_BYTES },
      { name: 'bomb.jpg', data: Buffer.alloc(1_000_000), deflate: true, declaredSize: 4_000_000_000 },
      { name: 'liar.jpg', data: Buffer.alloc(5_000_000), deflate: true, declaredSize: 100 },
    ]);
    expect(byRule(report, 'zip.bomb')[0]?.value).toBe('bomb.jpg');
    const liar = byRule(report, 'zip.size-mismatch')[0];
    expect(liar?.value).toBe('liar.jpg');
    expect(liar?.message).toContain('100 bytes');
  });

  it('overlapping entries (one stream counted a thousand times) are caught', async () => {
    const inputs: ZipInput[] = [{ name: 'base.jpg', data: Buffer.alloc(1_000_000), deflate: true }];
    for (let i = 0; i < 1000; i++) inputs.push({ name: `copy${i}.jpg`, data: '', sameDataAs: 'base.jpg' });
    const report = await zipOnly('overlap.zip', inputs);
    expect(byRule(report, 'zip.overlap')).toHaveLength(1000);
  });

  it('symlinks, encrypted entries, impostor images and case collisions', async () => {
    let zip = writeZip([
      { name: 'link.jpg', data: '/etc/shadow' },
      { name: 'secret.jpg', data: JPEG_BYTES },
      { name: 'fake.jpg', data: '<html><body>not an image</body></html>' },
      { name: 'doc.png', data: '%PDF-1.7 ...' },
      { name: 'Photo.JPG', data: JPEG_BYTES },
      { name: 'photo.jpg', data: JPEG_BYTES },
      { name: 'real.png', data: PNG_BYTES, deflate: true },
    ]);
    zip = patchCentral(zip, 'link.jpg', (b, at) => {
      b.writeUInt16LE(0x0314, at + 4); // made by Unix
      b.writeUInt32LE((0o120777 << 16) >>> 0, at + 38);
    });
    zip = patchCentral(zip, 'secret.jpg', (b, at) => b.writeUInt16LE(b.readUInt16LE(at + 8) | 1, at + 8));
    const report = await zipOnly('mixed.zip', zip);
    expect(report.fatal).toBeNull();
    expect(byRule(report, 'zip.symlink')[0]?.value).toBe('link.jpg');
    expect(byRule(report, 'zip.encrypted')[0]?.value).toBe('secret.jpg');
    const impostors = byRule(report, 'image.not-image');
    expect(impostors.map((i) => i.value)).toEqual(['fake.jpg', 'doc.png']);
    expect(impostors[0]?.message).toContain('HTML');
    expect(impostors[1]?.message).toContain('PDF');
    expect(byRule(report, 'zip.collision')[0]?.message).toContain('"Photo.JPG" and "photo.jpg"');
  });

  it('truncated archives and too many entries end the check with a reason', async () => {
    const good = writeZip([{ name: 'a.jpg', data: JPEG_BYTES }]);
    const truncated = await zipOnly('truncated.zip', good.subarray(0, good.length - 10));
    expect(truncated.fatal).toContain('cannot be read');
    const many = writeZip(Array.from({ length: 30 }, (_, i) => ({ name: `i${i}.jpg`, data: JPEG_BYTES })));
    const report = await validateFile({ file: tmp.file('many.zip', many), zipLimits: { maxEntries: 20 } });
    expect(report.fatal).toContain('30 entries');
  });

  it('reads only the central directory and the first bytes of each entry', async () => {
    const inputs: ZipInput[] = Array.from({ length: 50 }, (_, i) => ({
      name: `img/${i}.jpg`,
      data: Buffer.concat([JPEG_BYTES, Buffer.alloc(50_000, i)]),
    }));
    const path = tmp.file('heads.zip', writeZip(inputs));
    const inspection = await inspectZipFile(path);
    expect(inspection.entries.every((e) => e.kind === 'image')).toBe(true);
    expect(inspection.timings.verifyMs).toBeLessThan(
      inspection.timings.directoryMs + inspection.timings.headsMs + 1000,
    );
  });
});

async function workbook(build: (wb: ExcelJS.Workbook) => void, name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = join(tmp.dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('hostile and tricky XLSX', () => {
  it('formulas, dates, lost zeros, merged cells and many sheets', async () => {
    const file = await workbook((wb) => {
      for (let i = 1; i <= 40; i++) wb.addWorksheet(`Notes ${i}`).getCell('A1').value = 'x';
      const ws = wb.addWorksheet('Products');
      ws.addRow(['code', 'name', 'price', 'ean', 'stock', 'supplier_code', 'labels']);
      ws.addRow([
        'a-1',
        'One',
        { formula: 'C3*2', result: 3.98 },
        4006381333931,
        5,
        new Date(Date.UTC(2024, 2, 1)),
        'x',
      ]);
      ws.addRow(['a-2', 'Two', 1.99, 12345678905, { formula: 'E2+1' }, 'S2', 'y']);
      ws.addRow(['a-3', 'Three', 2, 4006381333931, 1, 'S3', 'z']);
      ws.addRow(['', '', 2, '', 1, 'S4', 'z']);
      ws.mergeCells('A4:A5');
      ws.mergeCells('B4:B5');
    }, 'tricky.xlsx');
    const report = await validateFile({ file, sheet: 'Products', template: 'wexbo-products' });
    expect(report.fatal).toBeNull();
    expect(report.source).toMatchObject({ format: 'xlsx', sheet: 'Products' });
    expect(report.source.sheets).toHaveLength(41);
    expect(report.rows).toBe(4);
    expect(rules(report)).toEqual(
      expect.arrayContaining([
        'excel.formula',
        'excel.formulas',
        'excel.date-in-text',
        'excel.leading-zeros',
        'excel.merged',
        'file.sheets',
        'required',
      ]),
    );
    expect(byRule(report, 'excel.formula')[0]).toMatchObject({ row: 2, column: 'stock' });
    expect(byRule(report, 'excel.merged').map((i) => i.value)).toEqual(['A4:A5', 'B4:B5']);
    expect(byRule(report, 'excel.merged')[0]?.row).toBe(3);
    expect(byRule(report, 'excel.leading-zeros')[0]?.message).toContain('012345678905');
  });

  it('a sheet can be chosen by position; an unknown sheet is a clear reason', async () => {
    const file = await workbook((wb) => {
      wb.addWorksheet('A').addRow(['code', 'name']);
      const b = wb.addWorksheet('B');
      b.addRow(['code', 'name']);
      b.addRow(['x-1', 'Second sheet']);
    }, 'sheets.xlsx');
    const second = await validateFile({ file, sheet: 2 });
    expect(second.source.sheet).toBe('B');
    expect(second.rows).toBe(1);
    const none = await validateFile({ file, sheet: 'Nope' });
    expect(none.fatal).toContain('no sheet "Nope"');
  });

  it('an XLSX that is a zip bomb is refused before exceljs opens it', async () => {
    const zip = writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: Buffer.alloc(1_000_000),
        deflate: true,
        declaredSize: 4_000_000_000,
      },
    ]);
    const report = await validateFile({ file: tmp.file('bomb.xlsx', zip) });
    expect(report.fatal).toContain('damaged or hostile');
  });

  it('shared strings built to exhaust memory end the worker, not the test process', async () => {
    // 300,000 distinct 200-character strings: ~60 MB of text a reader must hold, 1 MB compressed.
    const strings: string[] = [];
    for (let i = 0; i < 300_000; i++) strings.push(`<si><t>s${i}${'x'.repeat(200)}</t></si>`);
    const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="300000" uniqueCount="300000">${strings.join('')}</sst>`;
    const ns =
      'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const zip = writeZip([
      {
        name: '[Content_Types].xml',
        data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      },
      {
        name: 'xl/workbook.xml',
        data: `<?xml version="1.0"?><workbook ${ns}><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      },
      { name: 'xl/sharedStrings.xml', data: sst, deflate: true },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: `<?xml version="1.0"?><worksheet ${ns}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
        deflate: true,
      },
    ]);
    const file = tmp.file('strings.xlsx', zip);
    const report = await validateFile({ file, memoryLimitMb: 24 });
    expect(report.fatal).toContain('more memory than validation may use');
    // The process is fine: the next run works.
    const after = await validateFile({ file: tmp.file('after.csv', 'a,b\n1,2\n') });
    expect(after.fatal).toBeNull();
    expect(after.rows).toBe(1);
  });
});
