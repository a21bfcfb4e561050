/**
 * Field paths into JSON documents: `name.en`, `attributes.size`, `overallInformation.productName.pl`.
 * The edit journal, the conflict table and the grid all store paths as these strings.
 *
 * Syntax: segments are object keys joined by `.`; inside a key, `\.` is a literal dot and `\\` a
 * literal backslash (ETIM's `additionalTechnicalDescription` keys are free text and may contain dots,
 * 004_48b37cfc1a1923fe.txt). Every string is a path of at least one segment: `''` is the key `""`
 * and `'a.'` is `["a", ""]`; the document root has no string form (use `[]`).
 *
 * Paths stop at arrays: arrays are atomic values (see merge.ts for why), so a path never indexes one.
 * Keys are always read as own properties, so `__proto__` or `constructor` in remote data is just a key.
 */
import { StewardError } from '../../shared/errors';

export type JsonObject = Record<string, unknown>;
export type PathLike = string | readonly string[];

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ob = b as JsonObject;
  return ka.every((k) => Object.hasOwn(ob, k) && jsonEqual((a as JsonObject)[k], ob[k]));
}

export function formatPath(segments: readonly string[]): string {
  if (segments.length === 0) throw new StewardError('invalid_input', 'The document root has no field path.');
  return segments.map((s) => s.replace(/[\\.]/g, (c) => `\\${c}`)).join('.');
}

export function parsePath(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\') {
      const next = path[i + 1];
      if (next !== '.' && next !== '\\') {
        throw new StewardError('invalid_input', `Bad escape in field path "${path}": use \\. or \\\\.`);
      }
      current += next;
      i++;
    } else if (c === '.') {
      segments.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  segments.push(current);
  return segments;
}

function toSegments(path: PathLike): readonly string[] {
  return typeof path === 'string' ? parsePath(path) : path;
}

/** Sets an own property even when the key is `__proto__` (plain assignment would set the prototype). */
export function defineKey(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function copyWith(obj: JsonObject, key: string, value: unknown): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) defineKey(out, k, obj[k]);
  defineKey(out, key, value);
  return out;
}

/** The value at `path`, or undefined when any step is missing or not an object. */
export function getPath(doc: unknown, path: PathLike): unknown {
  let node: unknown = doc;
  for (const key of toSegments(path)) {
    if (!isPlainObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** A copy of `doc` with `value` at `path`; missing or null parents become objects. */
export function setPath(doc: JsonObject, path: PathLike, value: unknown): JsonObject {
  const segments = toSegments(path);
  if (segments.length === 0) {
    if (!isPlainObject(value)) throw new StewardError('invalid_input', 'A document must be a JSON object.');
    return value;
  }
  const go = (node: JsonObject, depth: number): JsonObject => {
    const key = segments[depth] as string;
    if (depth === segments.length - 1) return copyWith(node, key, value);
    const child = Object.hasOwn(node, key) ? node[key] : undefined;
    if (child !== undefined && child !== null && !isPlainObject(child)) {
      const at = formatPath(segments.slice(0, depth + 1));
      throw new StewardError(
        'invalid_input',
        `Cannot set "${formatPath(segments)}": "${at}" is not an object.`,
      );
    }
    return copyWith(node, key, go(isPlainObject(child) ? child : {}, depth + 1));
  };
  return go(doc, 0);
}

/** A copy of `doc` without the key at `path`; the same object when there is nothing to delete. */
export function deletePath(doc: JsonObject, path: PathLike): JsonObject {
  const segments = toSegments(path);
  if (segments.length === 0) throw new StewardError('invalid_input', 'Cannot delete the document root.');
  const go = (node: JsonObject, depth: number): JsonObject => {
    const key = segments[depth] as string;
    if (!Object.hasOwn(node, key)) return node;
    if (depth === segments.length - 1) {
      const out: JsonObject = {};
      for (const k of Object.keys(node)) if (k !== key) defineKey(out, k, node[k]);
      return out;
    }
    const child = node[key];
    if (!isPlainObject(child)) return node;
    const next = go(child, depth + 1);
    return next === child ? node : copyWith(node, key, next);
  };
  return go(doc, 0);
}

/**
 * Appends, as segment arrays, every path where `a` and `b` differ below `path`. `path` is used as a
 * stack (pushed and popped, left as it was) so deep documents do not allocate a path per key.
 */
export function collectDiff(a: unknown, b: unknown, path: string[], out: string[][]): void {
  if (a === b) return;
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of Object.keys(a)) {
      path.push(k);
      collectDiff(a[k], Object.hasOwn(b, k) ? b[k] : undefined, path, out);
      path.pop();
    }
    for (const k of Object.keys(b)) if (!Object.hasOwn(a, k)) out.push([...path, k]);
    return;
  }
  if (!jsonEqual(a, b)) out.push([...path]);
}

/**
 * Paths whose values differ between two documents, in document order: the deepest object keys
 * that differ, an added or removed key as itself, an array (or a type change) as a whole.
 */
export function diffPaths(a: JsonObject, b: JsonObject): string[] {
  const out: string[][] = [];
  collectDiff(a, b, [], out);
  return out.map(formatPath);
}
