/**
 * Column mapping (exact, case/space-insensitive, aliases, header families, fuzzy suggestions that
 * are offered but never applied), mappings remembered per connection and header layout in the real
 * app database, template detection with its reason, and custom JSON templates checked with zod.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/db/open';
import {
  closeValidationWorkers,
  damerauLevenshtein,
  detectTemplate,
  headerSignature,
  listTemplates,
  loadTemplate,
  mappingRecaller,
  recallMapping,
  rememberMapping,
  suggestMapping,
  validateFile,
} from '../../../src/core/validation';
import { isStewardError } from '../../../src/shared/errors';
import { byRule, tempDir } from './helpers';

const tmp = tempDir();
afterAll(async () => {
  tmp.cleanup();
  await closeValidationWorkers();
});
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/validation/${name}`, import.meta.url));

describe('column mapping', () => {
  const broadleaf = loadTemplate('broadleaf-product');
  const custom = loadTemplate(fixture('supplier-feed.template.json'));

  it('matches exact, case- and space-insensitive spellings, aliases and header families', () => {
    const r = suggestMapping(
      ['SKU Number', 'product  TITLE', 'ProductAttribute[Size]', 'Product Title(GERMAN)'],
      broadleaf,
    );
    expect(r.mapping).toEqual(['SKU Number', 'Product Title', 'ProductAttribute[…]', 'Product Title(…)']);
    expect(r.matches.map((m) => m.how)).toEqual(['exact', 'normalized', 'pattern', 'pattern']);
    const c = suggestMapping(['Article No', 'Title', 'EAN'], custom);
    expect(c.matches.map((m) => [m.header, m.target, m.how])).toEqual([
      ['Article No', 'sku', 'alias'],
      ['Title', 'title', 'normalized'],
      ['EAN', 'ean', 'normalized'],
    ]);
  });

  it('suggests near spellings without applying them', () => {
    const r = suggestMapping(['SKU Number', 'Prodcut Titel', 'Retial Price'], broadleaf);
    expect(r.mapping).toEqual(['SKU Number', null, null]);
    expect(r.suggestions.map((s) => [s.header, s.candidates[0]?.target])).toEqual([
      ['Prodcut Titel', 'Product Title'],
      ['Retial Price', 'Retail Price'],
    ]);
    expect(r.missing).toContain('Product Title');
    expect(damerauLevenshtein('prodcut', 'product')).toBe(1);
  });

  it('a remote that matches headers letter for letter gets a rename error; others an info', async () => {
    const strict = await validateFile({
      file: tmp.file('lower.csv', 'sku number,product title\n1,A\n'),
      template: 'broadleaf-product',
    });
    expect(byRule(strict, 'header.rename').map((i) => [i.column, i.fix, i.severity])).toEqual([
      ['sku number', 'SKU Number', 'error'],
      ['product title', 'Product Title', 'error'],
    ]);
    const lenient = await validateFile({
      file: tmp.file('alias.csv', 'Article No,Title\nab-1,A\n'),
      template: custom,
    });
    expect(byRule(lenient, 'header.mapped').map((i) => i.severity)).toEqual(['info', 'info']);
    const missing = await validateFile({
      file: tmp.file('typo.csv', 'SKU Number,Prodcut Title\n1,A\n'),
      template: 'broadleaf-product',
    });
    expect(byRule(missing, 'header.missing')[0]?.message).toContain('"Prodcut Title" looks like it');
  });

  it('remembers a mapping per connection and header layout, and offers it next time', async () => {
    const store = openStore(join(tmp.dir, 'steward.sqlite'));
    try {
      await store.db
        .insertInto('connection')
        .values({
          id: 'c1',
          name: 'Shop',
          kind: 'broadleaf',
          base_url: 'http://x',
          created_at: new Date().toISOString(),
        })
        .execute();
      const headers = ['Artikelnummer', 'Bezeichnung'];
      const signature = headerSignature(headers);
      expect(headerSignature(['artikelnummer ', 'BEZEICHNUNG'])).toBe(signature);
      await rememberMapping(store.db, {
        connectionId: 'c1',
        signature,
        template: 'broadleaf-product',
        headers,
        mapping: ['SKU Number', 'Product Title'],
      });
      expect((await recallMapping(store.db, 'c1', signature))?.mapping).toEqual([
        'SKU Number',
        'Product Title',
      ]);
      const setting = await store.db.selectFrom('setting').select('key').executeTakeFirstOrThrow();
      expect(setting.key).toBe(`mapping:c1:${signature}`);
      const recall = await mappingRecaller(store.db, 'c1');
      const report = await validateFile({
        file: tmp.file('german.csv', 'Artikelnummer,Bezeichnung\n1,Hammer\n2,\n'),
        template: 'broadleaf-product',
        recall,
      });
      expect(report.mapping.matches.map((m) => m.how)).toEqual(['remembered', 'remembered']);
      expect(byRule(report, 'required')[0]).toMatchObject({ row: 2, column: 'Bezeichnung' });
      // Remembered for Broadleaf only: another template is not offered it.
      expect(recall(signature, loadTemplate('wexbo-products'))).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

describe('templates', () => {
  it('lists the built-in templates of every target', () => {
    const ids = listTemplates().map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'broadleaf-product',
        'wizart-wallpaper',
        'wizart-flooring',
        'printxpand-customers',
        'printxpand-categories',
        'printxpand-products',
        'printxpand-orders',
        'etim-products',
        'wexbo-products',
      ]),
    );
    expect(listTemplates().find((t) => t.id === 'broadleaf-product')?.required).toEqual(['Product Title']);
  });

  it('detects the template from the headers and says why', () => {
    const d = detectTemplate([
      'vendor_code',
      'name',
      'brand',
      'collection',
      'image',
      'width',
      'length',
      'thickness',
      'material',
      'price',
    ]);
    expect(d.template.id).toBe('wizart-flooring');
    expect(d.reason).toContain('10 of 10 headers match wizart-flooring');
    expect(d.reason).toContain('next: wizart-wallpaper');
    const none = detectTemplate(['foo', 'bar']);
    expect(none.template.id).toBe('generic');
    expect(none.reason).toContain('no built-in template');
  });

  it('loads a custom JSON template and validates with it', async () => {
    const template = loadTemplate(fixture('supplier-feed.template.json'));
    expect(template).toMatchObject({ id: 'custom-supplier-feed.template', system: 'custom' });
    const body =
      'sku,title,price,ean,color,batch,launch\nab-1,Hammer,3.99,4006381333931,red,B0001,2024-01-31\nAB 2,,-1,123,pink,X1,31.01.2024\n';
    const report = await validateFile({ file: tmp.file('custom.csv', body), template });
    const row2 = report.issues
      .filter((i) => i.row === 2)
      .map((i) => i.rule)
      .sort();
    expect(row2).toEqual(['enum', 'gtin.format', 'pattern', 'range', 'required', 'type.code', 'type.date']);
    expect(byRule(report, 'pattern')[0]?.message).toBe('A batch is B and four digits (B0042).');
    expect(byRule(report, 'type.date')[0]?.message).toContain('write 2024-01-31');
  });

  it('reports every problem of a broken template file, clearly', () => {
    let message = '';
    try {
      loadTemplate(fixture('broken.template.json'));
    } catch (err) {
      expect(isStewardError(err)).toBe(true);
      message = (err as Error).message;
    }
    expect(message).toContain('broken.template.json is not valid');
    expect(message).toContain('template.columns.0.type');
    expect(message).toContain('requierd');
    expect(message).toContain('min must not exceed max');
    expect(message).toContain('range needs type integer or float');
    expect(message).toContain('template.columns.2.pattern: not a valid regular expression');
    expect(message).toContain('"sku" is listed twice');
    expect(() => loadTemplate('no-such-template')).toThrow(/Built-in templates: broadleaf-product/);
  });
});
