/**
 * Bulk edits, each one undoable group: set a field on a selection, find and replace with a regular
 * expression, fill down, paste a TSV block from Excel onto a cell range. They only compute cell edits;
 * the editor validates, journals and queues them.
 */
import type Database from 'better-sqlite3';
import Papa from 'papaparse';
import type { ConnectionKind } from '../../shared/domain';
import { StewardError } from '../../shared/errors';
import { coerceCellText, ruleForPath, rulesFor } from '../../shared/field-rules';
import { getPath } from '../sync/json-path';
import type { CellEdit, EditOutcome, Editor } from './editor';

export interface ReplacePreview {
  recordId: number;
  before: string;
  after: string;
}

/** Most rows a find-and-replace preview lists; the count covers every match. */
export const PREVIEW_LIMIT = 200;

function docOf(editor: Editor, recordId: number): { doc: unknown; kind: ConnectionKind; entity: string } {
  const row = editor.load(recordId);
  return { doc: JSON.parse(row.local ?? row.base ?? '{}'), kind: row.kind, entity: row.entity };
}

export function setField(
  editor: Editor,
  recordIds: readonly number[],
  path: string,
  value: unknown,
): EditOutcome {
  return editor.applyUniform(`Set ${path} on ${recordIds.length} records`, recordIds, path, value);
}

export function compilePattern(pattern: string, flags: string): RegExp {
  if (!/^[gimsuy]*$/.test(flags))
    throw new StewardError('invalid_input', `Unknown regular expression flags "${flags}".`);
  try {
    return new RegExp(pattern, flags.includes('g') ? flags : `${flags}g`);
  } catch (err) {
    throw new StewardError(
      'invalid_input',
      `The pattern is not a valid regular expression: ${(err as Error).message}`,
    );
  }
}

/** Record ids of one entity of a connection, in id order (find and replace over everything). */
export function entityRecordIds(sqlite: Database.Database, connectionId: string, entity: string): number[] {
  return (
    sqlite
      .prepare(
        `SELECT id FROM record WHERE connection_id = ? AND entity = ? AND state NOT IN ('deleted-local', 'deleted-remote') ORDER BY id`,
      )
      .all(connectionId, entity) as { id: number }[]
  ).map((r) => r.id);
}

export function findReplace(
  editor: Editor,
  input: {
    recordIds: readonly number[];
    path: string;
    pattern: string;
    flags: string;
    replacement: string;
    preview: boolean;
  },
): { matches: number; preview: ReplacePreview[]; outcome: EditOutcome | null } {
  const re = compilePattern(input.pattern, input.flags);
  const edits: CellEdit[] = [];
  const preview: ReplacePreview[] = [];
  for (const recordId of input.recordIds) {
    const before = getPath(docOf(editor, recordId).doc, input.path);
    if (typeof before !== 'string') continue;
    re.lastIndex = 0;
    if (!re.test(before)) continue;
    re.lastIndex = 0;
    const after = before.replace(re, input.replacement);
    if (after === before) continue;
    edits.push({ recordId, path: input.path, value: after });
    if (preview.length < PREVIEW_LIMIT) preview.push({ recordId, before, after });
  }
  const outcome =
    input.preview || edits.length === 0 ? null : editor.apply(`Replace in ${input.path}`, edits);
  return { matches: edits.length, preview, outcome };
}

export function fillDown(editor: Editor, recordIds: readonly number[], path: string): EditOutcome {
  const [first, ...rest] = recordIds;
  if (first === undefined) throw new StewardError('invalid_input', 'Fill down needs at least two rows.');
  const value = getPath(docOf(editor, first).doc, path);
  return editor.applyUniform(`Fill down ${path}`, rest, path, value);
}

/**
 * Pastes a TSV block (Excel's clipboard format) with its top-left cell at (recordIds[0], paths[0]).
 * A 1×1 block fills the whole selection, as spreadsheets do. Text is converted to each field's type.
 */
export function pasteTsv(
  editor: Editor,
  input: { recordIds: readonly number[]; paths: readonly string[]; tsv: string },
): EditOutcome {
  const parsed = Papa.parse<string[]>(input.tsv.replace(/\r?\n$/, ''), { delimiter: '\t' });
  const rows = parsed.data.filter((r) => r.length > 0);
  if (rows.length === 0) throw new StewardError('invalid_input', 'The clipboard holds no cells to paste.');
  const single = rows.length === 1 && rows[0]?.length === 1;
  const height = single ? input.recordIds.length : rows.length;
  const width = single ? input.paths.length : Math.max(...rows.map((r) => r.length));
  if (height > input.recordIds.length || width > input.paths.length) {
    throw new StewardError(
      'invalid_input',
      `The pasted block is ${rows.length} × ${width} cells but only ${input.recordIds.length} × ${input.paths.length} fit from the selected cell.`,
    );
  }
  const edits: CellEdit[] = [];
  for (let r = 0; r < height; r++) {
    const recordId = input.recordIds[r] as number;
    const { kind, entity } = docOf(editor, recordId);
    const rules = rulesFor(kind, entity);
    for (let c = 0; c < width; c++) {
      const text = single ? (rows[0]?.[0] ?? '') : rows[r]?.[c];
      if (text === undefined) continue;
      const path = input.paths[c] as string;
      edits.push({
        recordId,
        path,
        value: coerceCellText(ruleForPath(rules, path), text, rules?.stringsOnly),
      });
    }
  }
  return editor.apply(`Paste ${height} × ${width} cells`, edits);
}
