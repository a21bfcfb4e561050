import { describe, expect, it } from 'vitest';
import {
  deletePath,
  diffPaths,
  formatPath,
  getPath,
  jsonEqual,
  parsePath,
  setPath,
} from '../../../src/core/sync/json-path';

describe('path syntax', () => {
  it.each<[string, string[]]>([
    ['name', ['name']],
    ['name.en', ['name', 'en']],
    ['attributes.size', ['attributes', 'size']],
    [
      'additionalTechnicalDescription.tech data 1\\.5 name',
      ['additionalTechnicalDescription', 'tech data 1.5 name'],
    ],
    ['a\\\\b.c', ['a\\b', 'c']],
    ['a\\\\.b', ['a\\', 'b']],
    ['', ['']],
    ['a.', ['a', '']],
    ['.a', ['', 'a']],
    ['a..b', ['a', '', 'b']],
    ['__proto__.x', ['__proto__', 'x']],
  ])('%j ⇄ %j', (text, segments) => {
    expect(parsePath(text)).toEqual(segments);
    expect(formatPath(segments)).toBe(text);
  });

  it.each(['a\\b', 'a\\', '\\x.y'])('rejects the bad escape in %j', (text) => {
    expect(() => parsePath(text)).toThrow(/Bad escape/);
  });

  it('the root has no string form', () => {
    expect(() => formatPath([])).toThrow(/root/);
  });
});

describe('getPath / setPath / deletePath', () => {
  const doc = {
    name: { en: 'Chair', pl: 'Krzesło' },
    price: 10,
    attributes: null,
    images: [{ src: 'a.jpg' }],
    'a.b': { c: 1 },
  };

  it('reads nested values, keys with dots, and stops at arrays and scalars', () => {
    expect(getPath(doc, 'name.en')).toBe('Chair');
    expect(getPath(doc, ['a.b', 'c'])).toBe(1);
    expect(getPath(doc, 'a\\.b.c')).toBe(1);
    expect(getPath(doc, 'images.0')).toBeUndefined();
    expect(getPath(doc, 'price.x')).toBeUndefined();
    expect(getPath(doc, 'missing.deep')).toBeUndefined();
    expect(getPath(doc, [])).toBe(doc);
  });

  it('never reads inherited properties', () => {
    expect(getPath(doc, 'constructor')).toBeUndefined();
    expect(getPath(doc, '__proto__')).toBeUndefined();
    expect(getPath(doc, 'name.toString')).toBeUndefined();
  });

  it('sets without mutating, sharing untouched branches, creating missing or null parents', () => {
    const next = setPath(doc, 'name.de', 'Stuhl');
    expect(next.name).toEqual({ en: 'Chair', pl: 'Krzesło', de: 'Stuhl' });
    expect(doc.name).toEqual({ en: 'Chair', pl: 'Krzesło' });
    expect(next.images).toBe(doc.images);
    expect(setPath(doc, 'attributes.size', 'XL').attributes).toEqual({ size: 'XL' });
    expect(setPath(doc, 'seo.title.en', 'T').seo).toEqual({ title: { en: 'T' } });
    expect(setPath(doc, 'images', []).images).toEqual([]);
  });

  it('refuses to set through a scalar or an array', () => {
    expect(() => setPath(doc, 'price.amount', 1)).toThrow(/"price" is not an object/);
    expect(() => setPath(doc, 'images.0', {})).toThrow(/"images" is not an object/);
  });

  it('treats __proto__ as an ordinary key', () => {
    const next = setPath({}, '__proto__.polluted', true);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(Object.keys(next)).toEqual(['__proto__']);
    expect(getPath(next, '__proto__.polluted')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('deletes without mutating and returns the same object when nothing is there', () => {
    const next = deletePath(doc, 'name.pl');
    expect(next.name).toEqual({ en: 'Chair' });
    expect(doc.name.pl).toBe('Krzesło');
    expect(deletePath(doc, 'name.xx')).toBe(doc);
    expect(deletePath(doc, 'price.deep')).toBe(doc);
    expect(Object.keys(deletePath(doc, 'price'))).toEqual(['name', 'attributes', 'images', 'a.b']);
  });
});

describe('diffPaths and jsonEqual', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['equal documents', { a: 1, b: { c: [1, { d: 2 }] } }, { b: { c: [1, { d: 2 }] }, a: 1 }, []],
    ['a changed leaf', { name: { en: 'a', pl: 'b' } }, { name: { en: 'a', pl: 'c' } }, ['name.pl']],
    ['added and removed keys', { a: 1, b: 2 }, { a: 1, c: 3 }, ['b', 'c']],
    ['arrays as whole values', { tags: [1, 2] }, { tags: [2, 1] }, ['tags']],
    ['object replaced by scalar', { a: { b: 1 } }, { a: 5 }, ['a']],
    ['null vs absent', { a: null }, {}, ['a']],
    ['0 vs "0" vs false', { a: 0, b: '0' }, { a: false, b: 0 }, ['a', 'b']],
    ['dotted keys', { 'x.y': { z: 1 } }, { 'x.y': { z: 2 } }, ['x\\.y.z']],
  ])('%s', (_, a, b, paths) => {
    expect(diffPaths(a, b)).toEqual(paths);
    expect(jsonEqual(a, b)).toBe(paths.length === 0);
  });
});

describe('path round trip', () => {
  it('formatPath then parsePath returns any segments, including dots, backslashes and empty keys', () => {
    let state = 42;
    const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['.', '\\', 'a', 'ü', ' ', '_'];
    for (let i = 0; i < 500; i++) {
      const segments = Array.from({ length: 1 + Math.floor(rand() * 4) }, () =>
        Array.from(
          { length: Math.floor(rand() * 4) },
          () => alphabet[Math.floor(rand() * alphabet.length)],
        ).join(''),
      );
      expect(parsePath(formatPath(segments))).toEqual(segments);
    }
  });
});
