/**
 * Real import files for the tracker tests: Wizart wallpaper CSVs with a ZIP of images (the demo
 * reads the image bytes' signatures), Broadleaf product CSVs and XLSX written with exceljs.
 */
import ExcelJS from 'exceljs';
import { STAGES, setWizartTiming } from '../../../src/core/demo-pim/wizart';
import { setBroadleafTiming } from '../../../src/core/demo-pim/broadleaf';
import { JPEG_BYTES, PNG_BYTES, writeZip } from '../demo-pim/zip-writer';
import type { ImportHarness } from './harness';

export const WIZART_HEADER =
  'vendor_code,name,brand,collection,image,width,length,pattern_repeat,color,price';
export const WIZART_ROWS = [
  'W-1,Aurora,Acme,Spring,aurora.png,53,1005,64,blue,19.90',
  'W-2,Boreal,Acme,Spring,images/boreal.jpg,53,1005,,green,21.50',
  'W-3,Cirrus,Acme,Spring,cirrus.png,70.5,1000,32,white,',
];

export function wizartCsv(rows: readonly string[] = WIZART_ROWS): string {
  return [WIZART_HEADER, ...rows].join('\n') + '\n';
}

export function wizartZip(): Buffer {
  return writeZip([
    { name: 'aurora.png', data: PNG_BYTES },
    { name: 'images/boreal.jpg', data: JPEG_BYTES, deflate: true },
    { name: 'cirrus.png', data: PNG_BYTES },
  ]);
}

/** Writes the CSV and the ZIP into the test folder. */
export function wizartFiles(h: ImportHarness, rows: readonly string[] = WIZART_ROWS, tag = 'products') {
  return {
    csv: h.file(`${tag}.csv`, wizartCsv(rows)),
    zip: h.file(`${tag}-images.zip`, wizartZip()),
  };
}

/**
 * Every Wizart stage lasts `stageMs` of demo time, whatever the file size, so a tracker polling
 * about once a second while the job moves sees each one.
 */
export function evenWizartStages(
  h: ImportHarness,
  stageMs = 5000,
  overrides: Partial<Record<string, number>> = {},
) {
  setWizartTiming(h.demoDb, {
    stageMs: Object.fromEntries(STAGES.map((s) => [s, overrides[s] ?? stageMs])),
    perRowMs: 0,
    perImageMs: 0,
  });
}

export function quickBroadleaf(h: ImportHarness) {
  // START_REQUESTED for 2 s, then IN_PROCESS for at least 10 s: several percentComplete readings.
  setBroadleafTiming(h.demoDb, { startDelayMs: 2000, minProcessMs: 10_000, perRecordMs: 10 });
}

export const BROADLEAF_HEADER = [
  'SKU Number',
  'Product Title',
  'Product Description',
  'Retail Price',
  'Available Quantity',
];
export const BROADLEAF_ROWS = [
  ['2011', 'ProductB2011', 'ProductB2011 is awesome', '3.99', '300'],
  ['2012', 'ProductB2012', 'ProductB2012 is awesome', '4.99', '120'],
  ['2013', 'ProductB2013', 'ProductB2013 is awesome', '5.99', '80'],
];

export function broadleafCsv(rows: readonly (readonly string[])[] = BROADLEAF_ROWS): string {
  return [BROADLEAF_HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

export async function broadleafXlsx(rows: readonly (readonly string[])[] = BROADLEAF_ROWS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Products');
  ws.addRow([...BROADLEAF_HEADER]);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
