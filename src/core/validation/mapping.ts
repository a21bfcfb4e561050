/**
 * Column mapping: which header of a supplier's file feeds which template column. Exact spelling
 * first, then a header family pattern, then case/space/punctuation-insensitive spelling and the
 * template's aliases. Anything else is only suggested (Damerau-Levenshtein similarity over the
 * normalised spellings): a wrong automatic guess would silently load prices into the stock column,
 * so fuzzy matches wait for a person to confirm them, and are then remembered (store.ts).
 */
import { createHash } from 'node:crypto';
import type { ColumnMapping, MappingMatch, MappingResult, MappingSuggestion, Template } from './types';

/** `Product  Title`, `product_title` and `PRODUCT-TITLE` all become `producttitle`. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.\u00a0\ufeff]+/g, '');
}

/** Stable id of a header row, for remembering a mapping per connection and file layout. */
export function headerSignature(headers: string[]): string {
  const text = headers.map(normalizeHeader).join('\u001f');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

/** 1 for the same spelling, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - damerauLevenshtein(a, b, longest) / longest;
}

/** Below this a "suggestion" is noise (e.g. `color` vs `price`). */
export const SUGGESTION_THRESHOLD = 0.6;

interface Target {
  column: string;
  pattern?: RegExp;
  keys: Map<string, 'normalized' | 'alias'>;
}

function targetsOf(template: Template): Target[] {
  return template.columns.map((c) => {
    const keys = new Map<string, 'normalized' | 'alias'>();
    for (const alias of c.aliases ?? []) keys.set(normalizeHeader(alias), 'alias');
    keys.set(normalizeHeader(c.column), 'normalized');
    return { column: c.column, pattern: c.headerPattern ? new RegExp(c.headerPattern) : undefined, keys };
  });
}

function suggest(header: string, targets: Target[], taken: Set<string>): MappingSuggestion['candidates'] {
  const key = normalizeHeader(header);
  if (key === '') return [];
  const scored = targets
    .filter((t) => !t.pattern && !taken.has(t.column))
    .map((t) => ({ target: t.column, score: Math.max(...[...t.keys.keys()].map((k) => similarity(key, k))) }))
    .filter((s) => s.score >= SUGGESTION_THRESHOLD)
    .sort((a, b) => b.score - a.score);
  return scored.slice(0, 3).map((s) => ({ target: s.target, score: Math.round(s.score * 100) / 100 }));
}

export interface MatchOptions {
  /** A mapping given by the caller (the user's choice in the UI), aligned with the headers. */
  explicit?: ColumnMapping;
  /** A mapping remembered for this connection and header signature. */
  remembered?: ColumnMapping;
  /** Compute suggestions for unmatched headers (off when only scoring templates). */
  suggest?: boolean;
}

/** Maps each header to a template column; unmapped headers get suggestions, never guesses. */
export function matchHeaders(headers: string[], template: Template, opts: MatchOptions = {}): MappingResult {
  const targets = targetsOf(template);
  const byName = new Map(targets.map((t) => [t.column, t]));
  const mapping: ColumnMapping = headers.map(() => null);
  const matches: MappingMatch[] = [];
  const taken = new Set<string>();
  const take = (index: number, target: string, how: MappingMatch['how']) => {
    const t = byName.get(target);
    if (!t || (!t.pattern && taken.has(target))) return;
    if (!t.pattern) taken.add(target);
    mapping[index] = target;
    matches.push({ index, header: headers[index] as string, target, how });
  };
  for (const [source, how] of [
    [opts.explicit, 'explicit'],
    [opts.remembered, 'remembered'],
  ] as const) {
    source?.forEach((target, i) => {
      if (target !== null && i < headers.length && mapping[i] === null) take(i, target, how);
    });
  }
  const keys = headers.map(normalizeHeader);
  const passes: ((h: string, key: string, t: Target) => MappingMatch['how'] | undefined)[] = [
    (h, _key, t) => (!t.pattern && h === t.column ? 'exact' : undefined),
    (h, _key, t) => (t.pattern?.test(h) ? 'pattern' : undefined),
    (_h, key, t) => (t.pattern ? undefined : t.keys.get(key)),
  ];
  for (const pass of passes) {
    headers.forEach((raw, i) => {
      if (mapping[i] !== null) return;
      const h = raw.trim();
      if (h === '') return;
      for (const t of targets) {
        if (!t.pattern && taken.has(t.column)) continue;
        const how = pass(h, keys[i] as string, t);
        if (how) {
          take(i, t.column, how);
          break;
        }
      }
    });
  }
  matches.sort((a, b) => a.index - b.index);
  const suggestions: MappingSuggestion[] = [];
  // A file with thousands of unknown columns gets suggestions for its first columns only.
  const limit = opts.suggest === false ? 0 : Math.min(headers.length, 2000);
  for (let i = 0; i < limit && suggestions.length < 200; i++) {
    if (mapping[i] !== null) continue;
    const candidates = suggest(headers[i] as string, targets, taken);
    if (candidates.length) suggestions.push({ index: i, header: headers[i] as string, candidates });
  }
  const missing = targets.filter((t) => !t.pattern && !taken.has(t.column)).map((t) => t.column);
  return { mapping, matches, suggestions, missing };
}

/** The mapping offered for a file: remembered choices first, then matches and suggestions. */
export function suggestMapping(
  headers: string[],
  template: Template,
  remembered?: ColumnMapping,
): MappingResult {
  return matchHeaders(headers, template, { remembered });
}
