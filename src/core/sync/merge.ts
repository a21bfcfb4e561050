/**
 * Field-level three-way merge of the last synced document (base), the user's edited copy (local)
 * and what the remote has now (remote): DESIGN.md, "Merge".
 *
 * Per field: changed only remotely → take theirs; only locally → keep mine; on both sides to the
 * same value → fine; to different values → a conflict the user resolves (mine / theirs / edit), and
 * until then `merged` keeps mine, so nothing the user typed is lost. Removing a key is a change like
 * any other (delete vs. edit is a conflict). Objects merge key by key, recursively.
 *
 * Arrays are atomic values. Positional merging is unsafe for the lists these PIMs carry: variant and
 * option lists such as PrintXpand `tier_price` and `custom_options` (003_f9a1ab627ff386f6.txt), ETIM
 * `priceInformation` and `packingInformation` (004_48b37cfc1a1923fe.txt). After an insert, removal or
 * reorder on one side the element at index i is a different variant or price on each side, and a
 * position-wise merge would quietly splice one variant's price into another's. A changed list is
 * taken or kept whole, or raised as one conflict the user can see. (Where a remote keys variants by
 * id in an object, as PrintXpand's configurable `variations` does, they merge per variant.)
 */
import { collectDiff, defineKey, formatPath, isPlainObject, jsonEqual } from './json-path';
import type { JsonObject } from './json-path';

export interface MergeConflict {
  path: string;
  /** `undefined` means the key is absent on that side (never there, or deleted). */
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult {
  merged: JsonObject;
  conflicts: MergeConflict[];
  /** Paths where `merged` differs from `base`: everything either side changed. */
  changedPaths: string[];
  /** Paths where `merged` differs from `remote`: still to push (includes conflicted paths). */
  pendingPaths: string[];
  /** Paths where `merged` differs from `local`: remote changes brought into the user's copy. */
  appliedPaths: string[];
}

interface Acc {
  conflicts: MergeConflict[];
  changed: string[][];
  pending: string[][];
  applied: string[][];
}

const ABSENT = undefined;

function at(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : ABSENT;
}

/**
 * Merges one value; returns the merged value (`undefined` = key absent from the result). `path` is a
 * stack: pushed and popped by the callee, copied only when a path is recorded.
 */
function mergeValue(b: unknown, l: unknown, r: unknown, path: string[], acc: Acc): unknown {
  if (l === r) {
    collectDiff(b, l, path, acc.changed);
    return l;
  }
  if (isPlainObject(l) && isPlainObject(r)) {
    // Both sides hold an object: merge key by key (equal subtrees fall out key by key too).
    if (isPlainObject(b)) return mergeObject(b, l, r, path, acc);
    // The base was absent or not an object: compare the keys against nothing, but report the change
    // from the base as the whole value, as diffPaths would.
    const mark = acc.changed.length;
    const merged = mergeObject({}, l, r, path, acc);
    acc.changed.length = mark;
    collectDiff(b, merged, path, acc.changed);
    return merged;
  }
  if (jsonEqual(l, r)) {
    collectDiff(b, l, path, acc.changed);
    return l;
  }
  if (jsonEqual(b, l)) {
    collectDiff(b, r, path, acc.changed);
    collectDiff(l, r, path, acc.applied);
    return r;
  }
  if (jsonEqual(b, r)) {
    collectDiff(b, l, path, acc.changed);
    collectDiff(r, l, path, acc.pending);
    return l;
  }
  acc.conflicts.push({ path: formatPath(path), base: b, mine: l, theirs: r });
  collectDiff(b, l, path, acc.changed);
  collectDiff(r, l, path, acc.pending);
  return l;
}

function mergeObject(b: JsonObject, l: JsonObject, r: JsonObject, path: string[], acc: Acc): JsonObject {
  const out: JsonObject = {};
  const visit = (key: string): void => {
    path.push(key);
    const value = mergeValue(at(b, key), at(l, key), at(r, key), path, acc);
    path.pop();
    if (value !== ABSENT) defineKey(out, key, value);
  };
  // Local key order first (the user's view), then keys only the remote or only the base has.
  for (const key of Object.keys(l)) visit(key);
  for (const key of Object.keys(r)) if (!Object.hasOwn(l, key)) visit(key);
  for (const key of Object.keys(b)) if (!Object.hasOwn(l, key) && !Object.hasOwn(r, key)) visit(key);
  return out;
}

/**
 * Three-way merge. `base` is null for a record never synced (both sides created it): every field is
 * then "added on both sides" and only equal values merge cleanly.
 */
export function threeWayMerge(
  base: JsonObject | null | undefined,
  local: JsonObject,
  remote: JsonObject,
): MergeResult {
  const b = base ?? {};
  const acc: Acc = { conflicts: [], changed: [], pending: [], applied: [] };
  let merged: JsonObject;
  if (jsonEqual(b, local)) {
    // No local edits (the common case on a pull): the remote document is the answer, as is.
    collectDiff(b, remote, [], acc.changed);
    acc.applied = acc.changed;
    merged = remote;
  } else {
    merged = mergeValue(b, local, remote, [], acc) as JsonObject;
  }
  return {
    merged,
    conflicts: acc.conflicts,
    changedPaths: acc.changed.map(formatPath),
    pendingPaths: acc.pending.map(formatPath),
    appliedPaths: acc.applied.map(formatPath),
  };
}
