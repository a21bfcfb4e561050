/**
 * The dry-run diff of a validated file against a connection's mirror: each data row is new (no
 * record has its key), modified (the fields that would change, old to new), unchanged, invalid (the
 * report has errors for it, or a value the remote's field rules refuse) or a duplicate (its key was
 * already seen higher up); records of the mirror the file does not mention are "missing". Nothing is
 * written. `computeChanges` is also what the apply writes, so the preview and the outcome agree.
 */
import type Database from 'better-sqlite3';
import { checkFieldValue } from '../../../shared/field-rules';
import { getPath, jsonEqual, setPath } from '../../sync/json-path';
import type { JsonObject } from '../../sync/json-path';
import type { Issue, ValidationReport } from '../types';
import type { Binding } from './binding';
import { cellValue } from './binding';
import { readDataRows } from './rows';

export type DiffStatus = 'new' | 'modified' | 'unchanged' | 'invalid' | 'duplicate';

export interface FieldChange {
  path: string;
  old: unknown;
  new: unknown;
}

export interface DiffEntry {
  row: number;
  key: string;
  status: DiffStatus;
  recordId: number | null;
  changes: FieldChange[];
  problems: string[];
  /** The new record's document (new rows only). */
  doc?: Record<string, unknown>;
}

export interface DiffCounts {
  new: number;
  modified: number;
  unchanged: number;
  invalid: number;
  duplicate: number;
  missing: number;
  fields: number;
}

export interface DiffResult {
  connectionId: string;
  binding: Binding;
  counts: DiffCounts;
  /** Every row that is not unchanged, in file order, up to `detailCap`. */
  entries: DiffEntry[];
  missing: { recordId: number; key: string }[];
  truncated: boolean;
}

/** Rows kept in detail; counts stay exact past it. */
export const DIFF_DETAIL_CAP = 200_000;
/** Missing records listed (all are counted). */
export const MISSING_LIST_CAP = 1_000;

const LIVE = `state NOT IN ('deleted-local', 'deleted-remote')`;

/** Row number → the messages of the report's errors on that row. */
export function errorsByRow(issues: readonly Issue[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const i of issues) {
    if (i.severity !== 'error' || i.row === null) continue;
    const list = out.get(i.row) ?? [];
    if (list.length < 5) list.push(i.column ? `${i.column}: ${i.message}` : i.message);
    out.set(i.row, list);
  }
  return out;
}

export async function computeDiff(
  sqlite: Database.Database,
  input: {
    connectionId: string;
    binding: Binding;
    report: ValidationReport;
    /** Errors per row (errorsByRow of the run's stored issues). */
    rowErrors: Map<number, string[]>;
    detailCap?: number;
    signal?: AbortSignal;
  },
): Promise<DiffResult> {
  const { binding, report, connectionId } = input;
  const cap = input.detailCap ?? DIFF_DETAIL_CAP;
  const keyJson = `$.${binding.keyPath}`;
  // One pass over the mirror's keys; documents are then read by primary key for the rows that match.
  const keys = new Map<string, number>();
  const keyRows = sqlite
    .prepare(
      `SELECT id, json_extract(coalesce(local, base), ?) AS k FROM record
       WHERE connection_id = ? AND entity = ? AND ${LIVE}`,
    )
    .iterate(keyJson, connectionId, binding.entity) as IterableIterator<{ id: number; k: unknown }>;
  for (const r of keyRows) if (r.k !== null && r.k !== undefined) keys.set(String(r.k), r.id);
  const docOf = sqlite.prepare(`SELECT coalesce(local, base) AS doc FROM record WHERE id = ?`);

  // Template column → index in the file, through the run's mapping.
  const mapping = report.mapping.mapping;
  const indexOf = new Map<string, number>();
  mapping.forEach((target, i) => {
    if (target !== null && !indexOf.has(target)) indexOf.set(target, i);
  });
  const keyIndex = indexOf.get(binding.keyColumn);
  if (keyIndex === undefined)
    throw new Error(
      `The file has no "${binding.keyColumn}" column, so its rows cannot be matched to records. Map a column to "${binding.keyColumn}" and validate again.`,
    );
  const fields = binding.fields
    .map((f) => ({ f, index: indexOf.get(f.column) }))
    .filter((x): x is { f: (typeof binding.fields)[number]; index: number } => x.index !== undefined);

  const counts: DiffCounts = {
    new: 0,
    modified: 0,
    unchanged: 0,
    invalid: 0,
    duplicate: 0,
    missing: 0,
    fields: 0,
  };
  const entries: DiffEntry[] = [];
  const seen = new Set<string>();
  let truncated = false;
  const keep = (e: DiffEntry) => {
    counts[e.status]++;
    if (e.status === 'unchanged') return;
    if (entries.length < cap) entries.push(e);
    else truncated = true;
  };

  await readDataRows(
    report,
    (row, cells) => {
      const key = (cells[keyIndex] ?? '').trim();
      const errors = input.rowErrors.get(row);
      const recordId = key === '' ? null : (keys.get(key) ?? null);
      if (key === '') {
        keep({
          row,
          key,
          status: 'invalid',
          recordId,
          changes: [],
          problems: errors ?? [`${binding.keyColumn} is empty.`],
        });
        return;
      }
      if (seen.has(key)) {
        keep({
          row,
          key,
          status: 'duplicate',
          recordId,
          changes: [],
          problems: [`${binding.keyColumn} ${key} appears on an earlier row; only the first is used.`],
        });
        return;
      }
      seen.add(key);
      if (errors) {
        keep({ row, key, status: 'invalid', recordId, changes: [], problems: errors });
        return;
      }
      const problems: string[] = [];
      const values: { path: string; value: unknown }[] = [];
      for (const { f, index } of fields) {
        const value = cellValue(binding, f, cells[index] ?? '');
        if (value === undefined) continue;
        // The key identifies the record; it is never an edit of an existing one.
        if (f.path === binding.keyPath && recordId !== null) continue;
        const problem = f.path === binding.keyPath ? null : checkFieldValue(binding.rules, f.path, value);
        if (problem) problems.push(problem);
        else values.push({ path: f.path, value });
      }
      if (problems.length > 0) {
        keep({ row, key, status: 'invalid', recordId, changes: [], problems });
        return;
      }
      if (recordId === null) {
        let doc: JsonObject = {};
        for (const v of values) doc = setPath(doc, v.path, v.value);
        doc = setPath(doc, binding.keyPath, key);
        keep({
          row,
          key,
          status: 'new',
          recordId: null,
          changes: values.map((v) => ({ path: v.path, old: null, new: v.value })),
          problems: [],
          doc,
        });
        return;
      }
      const text = (docOf.get(recordId) as { doc: string | null } | undefined)?.doc ?? null;
      const doc: unknown = text === null ? {} : JSON.parse(text);
      const changes: FieldChange[] = [];
      for (const v of values) {
        const old = getPath(doc, v.path);
        if (!jsonEqual(old, v.value)) changes.push({ path: v.path, old: old ?? null, new: v.value });
      }
      counts.fields += changes.length;
      keep({
        row,
        key,
        status: changes.length > 0 ? 'modified' : 'unchanged',
        recordId,
        changes,
        problems: [],
      });
    },
    input.signal,
  );

  const missing: { recordId: number; key: string }[] = [];
  for (const [key, recordId] of keys) {
    if (seen.has(key)) continue;
    counts.missing++;
    if (missing.length < MISSING_LIST_CAP) missing.push({ recordId, key });
  }
  return { connectionId, binding, counts, entries, missing, truncated };
}
