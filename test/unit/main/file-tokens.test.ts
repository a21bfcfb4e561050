import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDialogOptions, saveDialogOptions } from '../../../src/main/dialogs';
import {
  checkPathShape,
  checkReadableFile,
  checkSavePath,
  createFileTokenTable,
  MAX_FILES_PER_CHOICE,
  safeFileName,
} from '../../../src/main/file-tokens';
import { ChosenFiles, FileToken } from '../../../src/main/shell-schemas';
import { tempDir } from './fakes';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function folder() {
  const dir = tempDir('steward-files-');
  cleanups.push(() => dir.remove());
  const file = (name: string, content = 'sku;name\n1;Chair\n') => {
    const path = join(dir.path, name);
    writeFileSync(path, content);
    return path;
  };
  return { dir: dir.path, file };
}

describe('checkPathShape', () => {
  it('accepts absolute paths with the extensions the app reads, in any case', () => {
    for (const path of [
      '/home/a/products.csv',
      '/x/Data.XLSX',
      '/x/images.zip',
      '/x/list.tsv',
      '/x/notes.txt',
    ]) {
      expect(checkPathShape(path, 'linux')).toMatchObject({ ok: true, path });
    }
    expect(checkPathShape('C:\\Users\\a\\Products.csv', 'win32')).toMatchObject({
      ok: true,
      name: 'Products.csv',
    });
    expect(checkPathShape('\\\\server\\share\\Products.csv', 'win32')).toMatchObject({ ok: true });
  });

  it.each([
    ['relative', 'products.csv', 'linux', /not absolute/],
    ['relative on Windows', 'C:products.csv', 'win32', /not absolute/],
    ['other extension', '/home/a/id_rsa', 'linux', /Only/],
    ['executable', 'C:\\x\\setup.exe', 'win32', /Only/],
    ['NUL byte', '/x/a\0.csv', 'linux', /not valid/],
    ['device namespace', '\\\\.\\C:\\x.csv', 'win32', /Device/],
    ['verbatim namespace', '\\\\?\\C:\\x.csv', 'win32', /Device/],
  ] as const)('refuses a %s path', (_name, path, platform, reason) => {
    const checked = checkPathShape(path, platform);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toMatch(reason);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, {}, '']) expect(checkPathShape(value, 'linux').ok).toBe(false);
  });
});

describe('checkReadableFile', () => {
  it('accepts a regular file and reports its size', async () => {
    const { file } = folder();
    const path = file('products.csv', 'abc');
    expect(await checkReadableFile(path, { platform: process.platform })).toMatchObject({
      ok: true,
      name: 'products.csv',
      size: 3,
    });
  });

  it('refuses folders, missing files, and links to files the app does not read', async () => {
    const { dir, file } = folder();
    mkdirSync(join(dir, 'folder.csv'));
    expect(await checkReadableFile(join(dir, 'folder.csv'), { platform: process.platform })).toMatchObject({
      ok: false,
      reason: 'Not a regular file.',
    });
    expect(await checkReadableFile(join(dir, 'missing.csv'), { platform: process.platform })).toMatchObject({
      ok: false,
    });
    if (process.platform !== 'win32') {
      const secret = file('id_ed25519', 'PRIVATE KEY');
      symlinkSync(secret, join(dir, 'innocent.csv'));
      expect(
        await checkReadableFile(join(dir, 'innocent.csv'), { platform: process.platform }),
      ).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/links to a file/),
      });
    }
  });
});

describe('checkSavePath and safeFileName', () => {
  it('adds the kind’s extension when the dialog left it out', () => {
    expect(checkSavePath('/x/report', 'xlsx', 'linux')).toMatchObject({ ok: true, path: '/x/report.xlsx' });
    expect(checkSavePath('/x/report.XLSX', 'xlsx', 'linux')).toMatchObject({
      ok: true,
      path: '/x/report.XLSX',
    });
    expect(checkSavePath('/x/report.csv', 'xlsx', 'linux')).toMatchObject({
      ok: true,
      path: '/x/report.csv.xlsx',
    });
    expect(checkSavePath('report.csv', 'csv', 'linux').ok).toBe(false);
  });

  it('keeps a suggested name a plain file name', () => {
    expect(safeFileName('../../etc/passwd', 'csv')).toBe('passwd.csv');
    expect(safeFileName('C:\\temp\\a:b*?.xlsx', 'xlsx')).toBe('a_b__.xlsx');
    expect(safeFileName('...', 'zip')).toBe('export.zip');
    expect(safeFileName('Errors.CSV', 'csv')).toBe('Errors.CSV');
  });
});

describe('createFileTokenTable', () => {
  it('registers dropped files as opaque tokens and resolves them for reading only', async () => {
    const { dir, file } = folder();
    const csv = file('products.csv', '12345');
    const table = createFileTokenTable({ platform: process.platform });
    const chosen = await table.registerReadable([csv, join(dir, 'missing.csv'), '/etc/passwd', 42]);
    expect(ChosenFiles.safeParse(chosen).success).toBe(true);
    expect(chosen.files).toHaveLength(1);
    const ref = chosen.files[0];
    expect(ref).toMatchObject({ name: 'products.csv', size: 5 });
    expect(FileToken.safeParse(ref?.token).success).toBe(true);
    expect(JSON.stringify(chosen)).not.toContain(dir);
    expect(chosen.rejected.map((r) => r.name)).toEqual(['missing.csv', 'passwd', '']);

    expect(await table.resolve(ref?.token, 'read')).toMatch(/products\.csv$/);
    await expect(table.resolve(ref?.token, 'write')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(table.resolve('ft_AAAAAAAAAAAAAAAAAAAAAAAA', 'read')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(table.resolve({ token: 1 }, 'read')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('checks the file again when the token is used', async () => {
    const { file } = folder();
    const csv = file('products.csv');
    const table = createFileTokenTable({ platform: process.platform });
    const { files } = await table.registerReadable([csv]);
    rmSync(csv);
    await expect(table.resolve(files[0]?.token, 'read')).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/products\.csv/),
    });
  });

  it('issues write tokens for save targets, usable for writing only', async () => {
    const { dir } = folder();
    const table = createFileTokenTable({ platform: process.platform });
    const registered = table.registerWritable(join(dir, 'errors'), 'csv');
    expect(registered).toMatchObject({ ok: true, ref: { name: 'errors.csv' } });
    const token = 'ok' in registered ? registered.ref.token : '';
    expect(await table.resolve(token, 'write')).toBe(join(dir, 'errors.csv'));
    await expect(table.resolve(token, 'read')).rejects.toMatchObject({ code: 'forbidden' });
    expect(table.registerWritable('relative.csv', 'csv')).toMatchObject({ reason: expect.any(String) });
  });

  it('refuses a whole folder’s worth of files at once', async () => {
    const table = createFileTokenTable({ platform: 'linux' });
    const chosen = await table.registerReadable(
      Array.from({ length: MAX_FILES_PER_CHOICE + 1 }, (_, i) => `/x/${i}.csv`),
    );
    expect(chosen.files).toEqual([]);
    expect(chosen.rejected[0]?.reason).toMatch(/At most/);
  });

  it('expires tokens, drops the oldest beyond the cap, and forgets on request', async () => {
    const { file } = folder();
    const paths = [file('a.csv'), file('b.csv'), file('c.csv')];
    let now = 0;
    const table = createFileTokenTable({
      platform: process.platform,
      now: () => now,
      maxTokens: 2,
      ttlMs: 1000,
    });
    const a = (await table.registerReadable([paths[0]])).files[0]?.token;
    const b = (await table.registerReadable([paths[1]])).files[0]?.token;
    const c = (await table.registerReadable([paths[2]])).files[0]?.token;
    expect(table.size()).toBe(2);
    await expect(table.resolve(a, 'read')).rejects.toMatchObject({ code: 'not_found' });
    expect(table.forget(b)).toBe(true);
    expect(table.forget(b)).toBe(false);
    now = 1000;
    await expect(table.resolve(c, 'read')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('never hands out the same token twice', async () => {
    const { file } = folder();
    const csv = file('a.csv');
    const table = createFileTokenTable({ platform: process.platform });
    const tokens = new Set<string>();
    for (let i = 0; i < 50; i += 1) tokens.add((await table.registerReadable([csv])).files[0]?.token ?? '');
    expect(tokens.size).toBe(50);
  });
});

describe('dialog options', () => {
  it('opens files only, offering the catalog formats', () => {
    expect(openDialogOptions({ multiple: true })).toMatchObject({
      properties: ['openFile', 'multiSelections'],
      filters: [{ extensions: ['csv', 'tsv', 'txt', 'xlsx', 'zip'] }, { extensions: ['*'] }],
    });
    expect(openDialogOptions({ multiple: false, title: 'Import' })).toMatchObject({
      title: 'Import',
      properties: ['openFile'],
    });
  });

  it('saves under a safe default name with the kind’s filter', () => {
    const options = saveDialogOptions(
      { suggestedName: '../errors', kind: 'xlsx' },
      '/home/a/Documents',
      (...p) => p.join('/'),
    );
    expect(options).toMatchObject({
      defaultPath: '/home/a/Documents/errors.xlsx',
      filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });
});
