/**
 * Property tests of the three-way merge over random documents: a seeded PRNG and bounded counts, so
 * every run checks the same few hundred cases and a failure names its seed and iteration.
 */
import { describe, expect, it } from 'vitest';
import { diffPaths, getPath, isPlainObject, jsonEqual } from '../../../src/core/sync/json-path';
import { threeWayMerge } from '../../../src/core/sync/merge';

type Doc = Record<string, unknown>;
type Rand = () => number;

/** mulberry32: tiny, fast, good enough to generate test data. */
function prng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Keys that stress the path syntax and own-property handling, plus ordinary ones.
const KEYS = [
  'id',
  'name',
  'en',
  'pl',
  'price',
  'attributes',
  'x.y',
  '',
  '\\',
  'a.b\\c',
  '__proto__',
  'ü',
  'tags',
];

const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

function define(obj: Doc, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function randomScalar(rand: Rand): unknown {
  return pick(rand, [
    null,
    true,
    false,
    0,
    1,
    Math.floor(rand() * 100),
    '',
    'a',
    'b',
    `s${Math.floor(rand() * 5)}`,
  ]);
}

function randomValue(rand: Rand, depth: number): unknown {
  const r = rand();
  if (depth > 0 && r < 0.3) return randomDoc(rand, depth - 1);
  if (r < 0.4)
    return Array.from({ length: Math.floor(rand() * 3) }, () =>
      rand() < 0.3 && depth > 0 ? randomDoc(rand, 0) : randomScalar(rand),
    );
  return randomScalar(rand);
}

function randomDoc(rand: Rand, depth = 3): Doc {
  const doc: Doc = {};
  const n = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) define(doc, pick(rand, KEYS), randomValue(rand, depth));
  return doc;
}

function clone(doc: Doc): Doc {
  return JSON.parse(JSON.stringify(doc)) as Doc;
}

/** A few random edits: set, add, delete, replace an object, at random depths. */
function mutate(rand: Rand, doc: Doc): Doc {
  const out = clone(doc);
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    let node = out;
    while (rand() < 0.6) {
      const children = Object.keys(node).filter((k) => isPlainObject(node[k]));
      if (children.length === 0) break;
      node = node[pick(rand, children)] as Doc;
    }
    const keys = Object.keys(node);
    const r = rand();
    if (r < 0.25 && keys.length > 0) delete node[pick(rand, keys)];
    else define(node, r < 0.7 && keys.length > 0 ? pick(rand, keys) : pick(rand, KEYS), randomValue(rand, 1));
  }
  return out;
}

const sorted = (paths: string[]) => [...paths].sort();
const SEED = 20250301;
const RUNS = 300;

describe('threeWayMerge properties', () => {
  it('merge(base, base, x) = x, merge(base, x, base) = x, merge(base, x, x) = x, without conflicts', () => {
    const rand = prng(SEED);
    for (let i = 0; i < RUNS; i++) {
      const base = randomDoc(rand);
      const x = rand() < 0.5 ? mutate(rand, base) : randomDoc(rand);
      const context = `seed ${SEED}, run ${i}`;
      for (const [b, l, r] of [
        [base, base, x],
        [base, x, base],
        [base, x, x],
      ] as const) {
        const { merged, conflicts } = threeWayMerge(b, l, r);
        expect(jsonEqual(merged, x), context).toBe(true);
        expect(conflicts, context).toEqual([]);
      }
      expect(sorted(threeWayMerge(base, base, x).appliedPaths), context).toEqual(sorted(diffPaths(base, x)));
      expect(sorted(threeWayMerge(base, x, base).pendingPaths), context).toEqual(sorted(diffPaths(base, x)));
    }
  });

  it('reported paths are exactly the differences of merged from base, remote and local', () => {
    const rand = prng(SEED + 1);
    let withConflicts = 0;
    for (let i = 0; i < RUNS; i++) {
      const base = randomDoc(rand);
      const local = mutate(rand, base);
      const remote = mutate(rand, base);
      const result = threeWayMerge(base, local, remote);
      const context = `seed ${SEED + 1}, run ${i}`;
      expect(sorted(result.changedPaths), context).toEqual(sorted(diffPaths(base, result.merged)));
      expect(sorted(result.pendingPaths), context).toEqual(sorted(diffPaths(remote, result.merged)));
      expect(sorted(result.appliedPaths), context).toEqual(sorted(diffPaths(local, result.merged)));
      for (const c of result.conflicts) {
        expect(jsonEqual(getPath(result.merged, c.path), c.mine), context).toBe(true);
        expect(jsonEqual(getPath(local, c.path), c.mine), context).toBe(true);
        expect(jsonEqual(getPath(remote, c.path), c.theirs), context).toBe(true);
        expect(jsonEqual(getPath(base, c.path), c.base), context).toBe(true);
      }
      if (result.conflicts.length > 0) withConflicts++;
    }
    // The generator must exercise both outcomes, or the checks above prove little.
    expect(withConflicts).toBeGreaterThan(RUNS / 10);
    expect(withConflicts).toBeLessThan(RUNS);
  });

  it('is symmetric: swapping sides swaps mine and theirs, and clean merges agree', () => {
    const rand = prng(SEED + 2);
    for (let i = 0; i < RUNS; i++) {
      const base = randomDoc(rand);
      const local = mutate(rand, base);
      const remote = mutate(rand, base);
      const ab = threeWayMerge(base, local, remote);
      const ba = threeWayMerge(base, remote, local);
      const context = `seed ${SEED + 2}, run ${i}`;
      // Same conflicts (merged key order follows the local side, so compare by path).
      const byPath = (a: { path: string }, b: { path: string }) =>
        a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
      expect(
        [...ba.conflicts].sort(byPath).map((c) => [c.path, c.mine, c.theirs]),
        context,
      ).toEqual([...ab.conflicts].sort(byPath).map((c) => [c.path, c.theirs, c.mine]));
      if (ab.conflicts.length === 0) expect(jsonEqual(ab.merged, ba.merged), context).toBe(true);
      // Pulling the same remote again after storing the merge changes nothing.
      const again = threeWayMerge(remote, ab.merged, remote);
      expect(jsonEqual(again.merged, ab.merged), context).toBe(true);
      expect(again.conflicts, context).toEqual([]);
    }
  });
});
