/** What kind of file was dropped: CSV (any text), XLSX, or a ZIP of images; by magic bytes first. */
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import type { SourceFormat } from '../types';

export function detectFormat(path: string): SourceFormat | { unreadable: string } {
  const head = Buffer.alloc(8);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  const ext = extname(path).toLowerCase();
  if (n >= 4 && head.readUInt32LE(0) === 0x04034b50)
    return ext === '.xlsx' || ext === '.xlsm' ? 'xlsx' : 'zip';
  if (n >= 4 && head.readUInt32LE(0) === 0x06054b50)
    return { unreadable: 'The file is an empty ZIP archive.' };
  if (n >= 8 && head.toString('hex') === 'd0cf11e0a1b11ae1') {
    return {
      unreadable:
        'The file is an old Excel 97-2003 workbook (.xls): save it as .xlsx or as "CSV UTF-8" and check that.',
    };
  }
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.zip') {
    return {
      unreadable: `The file is named ${ext} but is not a ZIP container: it is damaged, or not what its name says.`,
    };
  }
  return 'csv';
}
