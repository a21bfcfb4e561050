/** The catalog grid tools' pure parts: language columns, find-and-replace patterns, filters, record text. */
import { describe, expect, it } from 'vitest';
import type { GridColumn, GridRow } from '../../../src/shared/domain';
import { withFilter } from '../../../src/renderer/src/grid/filter-model';
import {
  flatten,
  imageUrls,
  readable,
  recordTitle,
  resolveImage,
} from '../../../src/renderer/src/grid/record-text';
import { buildReplace, replaceableColumns } from '../../../src/renderer/src/grid/replace';
import {
  columnsForLanguage,
  expandLanguages,
  facetColumns,
  suggestions,
} from '../../../src/renderer/src/grid/view-columns';

const col = (path: string, type: GridColumn['type'] = 'string', readonly = false): GridColumn => ({
  path,
  label: path.charAt(0).toUpperCase() + path.slice(1),
  type,
  readonly,
});
const row = (recordId: number, cells: Record<string, unknown>): GridRow => ({
  recordId,
  remoteId: String(recordId),
  state: 'clean',
  cells,
  dirtyPaths: [],
  conflictPaths: [],
  conflicts: [],
});

describe('expandLanguages', () => {
  it('turns WEXBO translations.<lang>.<field> into one column per language and field', () => {
    const columns = [col('code', 'code'), col('translations', 'object'), col('brand')];
    const sample = [
      row(1, { translations: { en: { name: 'Cable', description: 'A cable' }, de: { name: 'Kabel' } } }),
      row(2, { translations: { sk: { name: 'Kábel', description: null } } }),
    ];
    const { columns: out, languages } = expandLanguages(columns, sample);
    expect(languages).toEqual(['de', 'en', 'sk']);
    expect(out.map((c) => c.path)).toEqual([
      'code',
      'translations.de.name',
      'translations.en.name',
      'translations.en.description',
      'translations.sk.name',
      'translations.sk.description',
      'brand',
    ]);
    expect(out[2]).toMatchObject({ label: 'Name (EN)', type: 'string', lang: 'en' });
    expect(columnsForLanguage(out, 'de').map((c) => c.path)).toEqual([
      'code',
      'translations.de.name',
      'brand',
    ]);
    expect(columnsForLanguage(out, '')).toHaveLength(out.length);
  });

  it('adds ETIM overallInformation.productName.<lang> columns and keeps the object column', () => {
    const columns = [col('productId'), col('overallInformation', 'object')];
    const sample = [
      row(1, {
        overallInformation: { gtin: '123', productName: { en: 'Cable', pl: 'Kabel' }, extra: { a: 1 } },
      }),
    ];
    const { columns: out, languages } = expandLanguages(columns, sample);
    expect(languages).toEqual(['en', 'pl']);
    expect(out.map((c) => c.path)).toEqual([
      'productId',
      'overallInformation',
      'overallInformation.productName.en',
      'overallInformation.productName.pl',
    ]);
    expect(out[2]?.label).toBe('Product Name (EN)');
  });

  it('leaves objects that are not keyed by language alone', () => {
    const columns = [col('attributes', 'object')];
    const sample = [row(1, { attributes: { COLOUR: 'red', size: 'XL' } })];
    expect(expandLanguages(columns, sample)).toEqual({ columns, languages: [] });
  });
});

describe('facets', () => {
  it('uses brand and category (or category_id) and suggests distinct values alphabetically', () => {
    expect(facetColumns([col('brand'), col('category_id'), col('name')]).map((c) => c.path)).toEqual([
      'brand',
      'category_id',
    ]);
    expect(facetColumns([col('name')])).toEqual([]);
    const sample = [row(1, { brand: 'Orbis' }), row(2, { brand: 'Mostar' }), row(3, { brand: 'Orbis' })];
    expect(suggestions(sample, 'brand')).toEqual(['Mostar', 'Orbis']);
  });

  it('keeps one filter per column; an empty value removes it', () => {
    const one = withFilter([], { path: 'brand', op: 'contains', value: 'orb' });
    const two = withFilter(one, { path: 'brand', op: 'equals', value: 'Orbis' });
    expect(two).toEqual([{ path: 'brand', op: 'equals', value: 'Orbis' }]);
    expect(withFilter(two, { path: 'brand', op: 'equals', value: '' })).toEqual([]);
  });
});

describe('buildReplace', () => {
  it('matches plain text literally and replaces it literally', () => {
    const req = buildReplace({ find: 'a.b (1)', replacement: '$1 €', regex: false, matchCase: false });
    expect(req).toMatchObject({ flags: 'i', error: null });
    expect('A.B (1) and axb (1)'.replace(new RegExp(req.pattern, `${req.flags}g`), req.replacement)).toBe(
      '$1 € and axb (1)',
    );
  });

  it('passes a regular expression and its groups through, and explains a broken one', () => {
    const req = buildReplace({ find: '^(\\w+)-', replacement: '$1_', regex: true, matchCase: true });
    expect(req.flags).toBe('');
    expect('cab-100'.replace(new RegExp(req.pattern, 'g'), req.replacement)).toBe('cab_100');
    expect(buildReplace({ find: '([a-z', replacement: '', regex: true, matchCase: true }).error).toMatch(
      /Unterminated|Invalid/i,
    );
  });

  it('offers only editable text columns', () => {
    const cols = [col('id', 'integer', true), col('name'), col('price', 'float'), col('code', 'code', true)];
    expect(replaceableColumns(cols).map((c) => c.path)).toEqual(['name']);
  });
});

describe('record text', () => {
  it('flattens nested and multilingual fields into readable paths', () => {
    const doc = {
      name: 'Cable',
      translations: { de: { name: 'Kabel' } },
      labels: ['New', 'Eco'],
      variants: [{ sku: 'a' }, { sku: 'b' }],
      'odd.key': 1,
      empty: {},
    };
    expect([...flatten(doc).entries()]).toEqual([
      ['name', 'Cable'],
      ['translations.de.name', 'Kabel'],
      ['labels', ['New', 'Eco']],
      ['variants.0.sku', 'a'],
      ['variants.1.sku', 'b'],
      ['odd\\.key', 1],
      ['empty', {}],
    ]);
    expect(readable(['New', 'Eco'])).toBe('New, Eco');
    expect(readable(true)).toBe('Yes');
    expect(readable(`data:image/png;base64,${'A'.repeat(400)}`)).toBe('data:image/png;base64,… (300 bytes)');
  });

  it('names a record by its name, code or remote id', () => {
    expect(recordTitle({ name: 'Cable', code: 'c-1' }, '7', 1)).toBe('Cable');
    expect(recordTitle({ code: 'c-1' }, '7', 1)).toBe('c-1');
    expect(recordTitle({}, '7', 1)).toBe('7');
  });

  it('finds images (ETIM mime pictures, not its PDFs) and draws only what the CSP allows', () => {
    expect(
      imageUrls({
        images: ['/files/images/a.jpg', { url: 'https://cdn.example/b.png' }],
        mime: [
          { mimeCode: 'MD01', mimeSource: { en: '/files/images/c.jpg', de: '/files/images/c.jpg' } },
          { mimeCode: 'MD03', mimeSource: { en: '/files/sheet.pdf' } },
        ],
        description: 'x.jpg',
      }),
    ).toEqual(['/files/images/a.jpg', 'https://cdn.example/b.png', '/files/images/c.jpg']);
    const origin = 'http://127.0.0.1:4000';
    expect(resolveImage('/files/images/a%20b.jpg', 'http://127.0.0.1:5000/api/', origin)).toEqual({
      href: 'http://127.0.0.1:5000/files/images/a%20b.jpg',
      name: 'a b.jpg',
      inline: false,
    });
    expect(resolveImage('/local.png', origin, origin)?.inline).toBe(true);
    expect(resolveImage('data:image/png;base64,AAAA', undefined, origin)?.inline).toBe(true);
    // A relative URL without the connection's address is not guessed against this page.
    expect(resolveImage('/files/a.jpg', undefined, origin)).toBeNull();
  });
});
