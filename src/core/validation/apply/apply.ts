/**
 * Applies a file's valid rows as local edits: modified rows become one undoable edit group (the
 * editor journals them and queues them in the outbox, in one transaction), new rows become new
 * records (each queued as a create). Rows the diff found invalid or duplicate are left out and
 * listed with the reason; the editor's own rules get the last word (a record marked for deletion
 * meanwhile, say), and what it refuses is listed too.
 */
import type Database from 'better-sqlite3';
import { isStewardError } from '../../../shared/errors';
import type { CellEdit, Editor } from '../../edits/editor';
import { createRecord } from '../../edits/lifecycle';
import type { DiffResult } from './diff';

export interface ApplyResult {
  groupId: string | null;
  updated: number;
  fields: number;
  created: number;
  unchanged: number;
  skipped: { row: number; key: string; message: string }[];
  skippedCount: number;
}

/** Skipped rows listed in the outcome (all are counted). */
export const SKIPPED_LIST_CAP = 1_000;

export function applyDiff(
  sqlite: Database.Database,
  editor: Editor,
  diff: DiffResult,
  opts: { label: string; create: boolean; now: () => Date },
): ApplyResult {
  if (diff.truncated)
    throw new Error('The diff kept only part of the rows in detail; compute it without a cap to apply it.');
  const skipped: ApplyResult['skipped'] = [];
  let skippedCount = 0;
  const skip = (row: number, key: string, message: string) => {
    skippedCount++;
    if (skipped.length < SKIPPED_LIST_CAP) skipped.push({ row, key, message });
  };
  const edits: CellEdit[] = [];
  const rowOfEdit: { row: number; key: string }[] = [];
  for (const e of diff.entries) {
    if (e.status === 'invalid' || e.status === 'duplicate') skip(e.row, e.key, e.problems.join(' '));
    if (e.status !== 'modified' || e.recordId === null) continue;
    for (const c of e.changes) {
      edits.push({ recordId: e.recordId, path: c.path, value: c.new });
      rowOfEdit.push({ row: e.row, key: e.key });
    }
  }
  let groupId: string | null = null;
  let updated = 0;
  let fields = 0;
  if (edits.length > 0) {
    const outcome = editor.apply(opts.label, edits);
    groupId = outcome.groupId;
    updated = outcome.records;
    fields = outcome.changed;
    const rowByRecord = new Map<number, { row: number; key: string }>();
    edits.forEach((e, i) => rowByRecord.set(e.recordId, rowOfEdit[i] as { row: number; key: string }));
    for (const r of outcome.rejected) {
      const at = rowByRecord.get(r.recordId);
      skip(at?.row ?? 0, at?.key ?? `#${r.recordId}`, r.message);
    }
  }
  let created = 0;
  if (opts.create) {
    sqlite.transaction(() => {
      for (const e of diff.entries) {
        if (e.status !== 'new' || !e.doc) continue;
        try {
          createRecord(
            sqlite,
            { connectionId: diff.connectionId, entity: diff.binding.entity, doc: e.doc },
            opts.now,
          );
          created++;
        } catch (err) {
          if (!isStewardError(err)) throw err;
          skip(e.row, e.key, err.message);
        }
      }
    })();
  } else {
    for (const e of diff.entries)
      if (e.status === 'new') skip(e.row, e.key, 'New records were not created (apply without creating).');
  }
  return { groupId, updated, fields, created, unchanged: diff.counts.unchanged, skipped, skippedCount };
}
