import { describe, expect, it } from 'vitest';
import { threeWayMerge } from '../../../src/core/sync/merge';

type Doc = Record<string, unknown>;

interface Case {
  name: string;
  base: Doc | null;
  local: Doc;
  remote: Doc;
  merged: Doc;
  conflicts?: Array<{ path: string; base: unknown; mine: unknown; theirs: unknown }>;
  changed?: string[];
  pending?: string[];
  applied?: string[];
}

const product = {
  id: '10001',
  name: { en: 'Chair', pl: 'Krzesło' },
  price: '70.12',
  status: 1,
  tier_price: [
    { price: '50', qty: '15' },
    { price: '40', qty: '20' },
  ],
};

const cases: Case[] = [
  {
    name: 'nothing changed',
    base: product,
    local: product,
    remote: product,
    merged: product,
  },
  {
    name: 'a field changed only remotely is taken',
    base: product,
    local: product,
    remote: { ...product, price: '65.00' },
    merged: { ...product, price: '65.00' },
    changed: ['price'],
    applied: ['price'],
  },
  {
    name: 'a field changed only locally is kept',
    base: product,
    local: { ...product, price: '60.00' },
    remote: product,
    merged: { ...product, price: '60.00' },
    changed: ['price'],
    pending: ['price'],
  },
  {
    name: 'different fields on each side both survive',
    base: product,
    local: { ...product, price: '60.00' },
    remote: { ...product, status: 0 },
    merged: { ...product, price: '60.00', status: 0 },
    changed: ['price', 'status'],
    pending: ['price'],
    applied: ['status'],
  },
  {
    name: 'both sides to the same value is not a conflict',
    base: product,
    local: { ...product, price: '55.00' },
    remote: { ...product, price: '55.00' },
    merged: { ...product, price: '55.00' },
    changed: ['price'],
  },
  {
    name: 'both sides to different values is a conflict; merged keeps mine',
    base: product,
    local: { ...product, price: '60.00' },
    remote: { ...product, price: '65.00' },
    merged: { ...product, price: '60.00' },
    conflicts: [{ path: 'price', base: '70.12', mine: '60.00', theirs: '65.00' }],
    changed: ['price'],
    pending: ['price'],
  },
  {
    name: 'nested objects merge per key (name.en locally, name.pl remotely)',
    base: product,
    local: { ...product, name: { en: 'Armchair', pl: 'Krzesło' } },
    remote: { ...product, name: { en: 'Chair', pl: 'Fotel' } },
    merged: { ...product, name: { en: 'Armchair', pl: 'Fotel' } },
    changed: ['name.en', 'name.pl'],
    pending: ['name.en'],
    applied: ['name.pl'],
  },
  {
    name: 'a nested conflict is reported at its own path',
    base: product,
    local: { ...product, name: { en: 'Armchair', pl: 'Krzesło' } },
    remote: { ...product, name: { en: 'Stool', pl: 'Taboret' } },
    merged: { ...product, name: { en: 'Armchair', pl: 'Taboret' } },
    conflicts: [{ path: 'name.en', base: 'Chair', mine: 'Armchair', theirs: 'Stool' }],
    changed: ['name.en', 'name.pl'],
    pending: ['name.en'],
    applied: ['name.pl'],
  },
  {
    name: 'arrays are atomic: different edits to one list conflict as a whole',
    base: product,
    local: {
      ...product,
      tier_price: [
        { price: '45', qty: '15' },
        { price: '40', qty: '20' },
      ],
    },
    remote: { ...product, tier_price: [{ price: '40', qty: '20' }] },
    merged: {
      ...product,
      tier_price: [
        { price: '45', qty: '15' },
        { price: '40', qty: '20' },
      ],
    },
    conflicts: [
      {
        path: 'tier_price',
        base: product.tier_price,
        mine: [
          { price: '45', qty: '15' },
          { price: '40', qty: '20' },
        ],
        theirs: [{ price: '40', qty: '20' }],
      },
    ],
    changed: ['tier_price'],
    pending: ['tier_price'],
  },
  {
    name: 'arrays are atomic: a list changed on one side is taken whole',
    base: product,
    local: product,
    remote: {
      ...product,
      tier_price: [
        { price: '40', qty: '20' },
        { price: '50', qty: '15' },
      ],
    },
    merged: {
      ...product,
      tier_price: [
        { price: '40', qty: '20' },
        { price: '50', qty: '15' },
      ],
    },
    changed: ['tier_price'],
    applied: ['tier_price'],
  },
  {
    name: 'a key removed remotely is removed',
    base: { a: 1, b: 2 },
    local: { a: 1, b: 2 },
    remote: { a: 1 },
    merged: { a: 1 },
    changed: ['b'],
    applied: ['b'],
  },
  {
    name: 'a key removed locally stays removed',
    base: { a: 1, b: 2 },
    local: { a: 1 },
    remote: { a: 1, b: 2, c: 3 },
    merged: { a: 1, c: 3 },
    changed: ['b', 'c'],
    pending: ['b'],
    applied: ['c'],
  },
  {
    name: 'removed on both sides',
    base: { a: 1, b: 2 },
    local: { a: 1 },
    remote: { a: 1 },
    merged: { a: 1 },
    changed: ['b'],
  },
  {
    name: 'removed locally, edited remotely: a conflict (removal is a change)',
    base: { a: 1, b: 2 },
    local: { a: 1 },
    remote: { a: 1, b: 3 },
    merged: { a: 1 },
    conflicts: [{ path: 'b', base: 2, mine: undefined, theirs: 3 }],
    changed: ['b'],
    pending: ['b'],
  },
  {
    name: 'edited locally, removed remotely: a conflict',
    base: { a: 1, seo: { title: 'x' } },
    local: { a: 1, seo: { title: 'y' } },
    remote: { a: 1 },
    merged: { a: 1, seo: { title: 'y' } },
    conflicts: [{ path: 'seo', base: { title: 'x' }, mine: { title: 'y' }, theirs: undefined }],
    changed: ['seo.title'],
    pending: ['seo'],
  },
  {
    name: 'added on both sides with the same value',
    base: { a: 1 },
    local: { a: 1, gtin: '111' },
    remote: { a: 1, gtin: '111' },
    merged: { a: 1, gtin: '111' },
    changed: ['gtin'],
  },
  {
    name: 'added on both sides with different values',
    base: { a: 1 },
    local: { a: 1, gtin: '111' },
    remote: { a: 1, gtin: '222' },
    merged: { a: 1, gtin: '111' },
    conflicts: [{ path: 'gtin', base: undefined, mine: '111', theirs: '222' }],
    changed: ['gtin'],
    pending: ['gtin'],
  },
  {
    name: 'objects added on both sides merge key by key',
    base: {},
    local: { seo: { title: 'T', h1: 'H' } },
    remote: { seo: { title: 'T', url: 'u' } },
    merged: { seo: { title: 'T', h1: 'H', url: 'u' } },
    changed: ['seo'],
    pending: ['seo.h1'],
    applied: ['seo.url'],
  },
  {
    name: 'a scalar replaced by objects on both sides merges against an empty base',
    base: { attributes: null },
    local: { attributes: { size: 'M' } },
    remote: { attributes: { color: 'red' } },
    merged: { attributes: { size: 'M', color: 'red' } },
    changed: ['attributes'],
    pending: ['attributes.size'],
    applied: ['attributes.color'],
  },
  {
    name: 'type change against an edit conflicts',
    base: { v: { a: 1 } },
    local: { v: { a: 2 } },
    remote: { v: 'gone' },
    merged: { v: { a: 2 } },
    conflicts: [{ path: 'v', base: { a: 1 }, mine: { a: 2 }, theirs: 'gone' }],
    changed: ['v.a'],
    pending: ['v'],
  },
  {
    name: 'null is a value, distinct from absent and from 0',
    base: { a: 0, b: null },
    local: { a: null, b: null },
    remote: { a: 0 },
    merged: { a: null },
    changed: ['a', 'b'],
    pending: ['a'],
    applied: ['b'],
  },
  {
    name: 'no base (both created the record): equal fields merge, different ones conflict',
    base: null,
    local: { id: '1', name: 'A' },
    remote: { id: '1', name: 'B' },
    merged: { id: '1', name: 'A' },
    conflicts: [{ path: 'name', base: undefined, mine: 'A', theirs: 'B' }],
    changed: ['id', 'name'],
    pending: ['name'],
  },
  {
    name: 'keys with dots are escaped in paths',
    base: { additionalTechnicalDescription: { 'max. load': '100 kg' } },
    local: { additionalTechnicalDescription: { 'max. load': '120 kg' } },
    remote: { additionalTechnicalDescription: { 'max. load': '150 kg' } },
    merged: { additionalTechnicalDescription: { 'max. load': '120 kg' } },
    conflicts: [
      {
        path: 'additionalTechnicalDescription.max\\. load',
        base: '100 kg',
        mine: '120 kg',
        theirs: '150 kg',
      },
    ],
    changed: ['additionalTechnicalDescription.max\\. load'],
    pending: ['additionalTechnicalDescription.max\\. load'],
  },
];

describe('threeWayMerge', () => {
  it.each(cases)('$name', (c) => {
    const result = threeWayMerge(c.base, c.local, c.remote);
    expect(result.merged).toEqual(c.merged);
    expect(result.conflicts).toEqual(c.conflicts ?? []);
    expect(result.changedPaths).toEqual(c.changed ?? []);
    expect(result.pendingPaths).toEqual(c.pending ?? []);
    expect(result.appliedPaths).toEqual(c.applied ?? []);
  });

  it('never mutates its inputs', () => {
    const base = structuredClone(product);
    const local = { ...structuredClone(product), price: '1' };
    const remote = { ...structuredClone(product), name: { en: 'X', pl: 'Y' } };
    const snapshot = structuredClone([base, local, remote]);
    threeWayMerge(base, local, remote);
    expect([base, local, remote]).toEqual(snapshot);
  });

  it('a clean local copy yields the remote document itself', () => {
    const remote = { ...product, price: '1' };
    expect(threeWayMerge(product, product, remote).merged).toBe(remote);
  });

  it('keeps __proto__ keys as data, not as a prototype', () => {
    const base = JSON.parse('{"__proto__": {"x": 1}}') as Doc;
    const local = JSON.parse('{"__proto__": {"x": 2}}') as Doc;
    const remote = JSON.parse('{"__proto__": {"x": 1}, "y": 1}') as Doc;
    const { merged } = threeWayMerge(base, local, remote);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['__proto__', 'y']);
    expect(JSON.stringify(merged)).toBe('{"__proto__":{"x":2},"y":1}');
  });

  it('orders merged keys as the local document, then remote additions', () => {
    const { merged } = threeWayMerge({ a: 1, b: 2 }, { b: 2, a: 1, l: 0 }, { a: 1, b: 2, r: 0 });
    expect(Object.keys(merged)).toEqual(['b', 'a', 'l', 'r']);
  });
});
