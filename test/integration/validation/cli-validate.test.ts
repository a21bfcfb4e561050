/**
 * `steward validate` (validateCommand): exit 0 clean, 1 issues, 2 unreadable file or template
 * with the reason; the JSON report; the chosen template and why; a connection's templates and
 * remembered mappings; the run saved in the data folder's database.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../../../src/cli/commands/validate';
import { openStore } from '../../../src/core/db/open';
import { closeValidationWorkers, headerSignature, rememberMapping } from '../../../src/core/validation';
import type { ValidationReport } from '../../../src/core/validation';
import { JPEG_BYTES, writeZip } from '../demo-pim/zip-writer';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await closeValidationWorkers();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

const SEED = 'SKU Number,Product Title,Retail Price\n2011,ProductB2011,3.99\n2012,ProductB2012,3.99\n';

describe('steward validate', () => {
  it('exits 0 on a clean file and says which template it chose and why', async () => {
    const c = capture();
    const code = await validateCommand({ file: tmp.file('clean.csv', SEED), json: false }, c.io);
    expect(code).toBe(0);
    expect(c.out.join('\n')).toContain(
      'Template: broadleaf-product (detected: 3 of 3 headers match broadleaf-product',
    );
    expect(c.out.join('\n')).toContain('0 errors, 0 warnings');
  });

  it('exits 1 when issues are found and lists them', async () => {
    const c = capture();
    const code = await validateCommand(
      { file: tmp.file('bad.csv', `${SEED}2013,,"3,99"\n`), json: false, template: 'broadleaf-product' },
      c.io,
    );
    expect(code).toBe(1);
    const text = c.out.join('\n');
    expect(text).toContain(
      'row 3, Product Title: Product Title is empty but required (the remote answers "Missing Required Data")',
    );
    expect(text).toContain('write 3.99');
  });

  it('exits 2 with the reason when the file or the template cannot be read', async () => {
    const a = capture();
    expect(await validateCommand({ file: join(tmp.dir, 'nope.csv'), json: false }, a.io)).toBe(2);
    expect(a.err.join('\n')).toContain('does not exist');
    const b = capture();
    const template = tmp.file('t.json', '{"name":"x","columns":[{"column":"a","type":"decimal"}]}');
    expect(await validateCommand({ file: tmp.file('x.csv', 'a\n1\n'), json: false, template }, b.io)).toBe(2);
    expect(b.err.join('\n')).toContain('template.columns.0.type');
    const c = capture();
    expect(await validateCommand({ file: tmp.file('empty.csv', ''), json: true }, c.io)).toBe(2);
    expect((JSON.parse(c.out.join('')) as ValidationReport).fatal).toContain('empty');
  });

  it('--json holds the row count, counts by severity and every issue', async () => {
    const c = capture();
    const zip = tmp.file(
      'img.zip',
      writeZip([
        { name: 'a.jpg', data: JPEG_BYTES },
        { name: 'b.jpg', data: 'text' },
      ]),
    );
    const body =
      'vendor_code,name,brand,collection,image,width,length,pattern_repeat,color,price\nW1,Rose,B,C,a.jpg,1,1,1,red,1\nW2,Lily,B,C,b.jpg,1,1,1,red,x\n';
    const code = await validateCommand({ file: tmp.file('wall.csv', body), images: zip, json: true }, c.io);
    expect(code).toBe(1);
    const report = JSON.parse(c.out.join('')) as ValidationReport;
    expect(report.rows).toBe(2);
    expect(report.counts.error).toBeGreaterThanOrEqual(2);
    expect(report.template.id).toBe('wizart-wallpaper');
    for (const issue of report.issues)
      expect(Object.keys(issue)).toEqual(
        expect.arrayContaining(['row', 'column', 'value', 'rule', 'severity', 'message']),
      );
    expect(report.issues.map((i) => i.rule)).toEqual(
      expect.arrayContaining(['image.not-image', 'type.float']),
    );
  });

  it('with a connection: its templates, its remembered mapping, and the run saved', async () => {
    const dataDir = join(tmp.dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const store = openStore(join(dataDir, 'steward.sqlite'));
    const headers = ['Code', 'Nazev'];
    try {
      await store.db
        .insertInto('connection')
        .values({
          id: 'px',
          name: 'Print shop',
          kind: 'printxpand',
          base_url: 'http://x',
          created_at: new Date().toISOString(),
        })
        .execute();
      await rememberMapping(store.db, {
        connectionId: 'px',
        signature: headerSignature(headers),
        template: 'printxpand-categories',
        headers,
        mapping: ['id', 'name'],
      });
    } finally {
      await store.close();
    }
    const c = capture();
    const code = await validateCommand(
      {
        file: tmp.file('cats.csv', 'Code,Nazev\n101,Stationery\n102,\n'),
        json: true,
        dataDir,
        connection: 'Print shop',
        template: 'printxpand-categories',
      },
      c.io,
    );
    expect(code).toBe(1);
    const report = JSON.parse(c.out.join('')) as ValidationReport;
    expect(report.mapping.matches.map((m) => m.how)).toEqual(['remembered', 'remembered']);
    expect(report.issues.find((i) => i.rule === 'required')).toMatchObject({ row: 2, column: 'Nazev' });
    const again = openStore(join(dataDir, 'steward.sqlite'));
    try {
      const runs = await again.db.selectFrom('validation_run').selectAll().execute();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({
        connection_id: 'px',
        template: 'printxpand-categories',
        status: 'done',
        rows: 2,
        errors: 1,
      });
    } finally {
      await again.close();
    }
    const d = capture();
    expect(
      await validateCommand(
        { file: tmp.file('c2.csv', 'id,name\n1,a\n'), json: false, dataDir, connection: 'Nobody' },
        d.io,
      ),
    ).toBe(2);
    expect(d.err.join('\n')).toContain('No connection "Nobody"');
  });
});
