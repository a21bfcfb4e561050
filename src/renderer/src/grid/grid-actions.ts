/**
 * What the grid's shortcuts do: commit an edit, copy, paste, fill down, undo and redo. Each calls
 * one edits:* channel; core emits records:changed and the grid re-reads its windows.
 */
import type { EditOutcome, GridColumn } from '../../../shared/domain';
import { coerceCellText } from '../../../shared/field-rules';
import { api } from '../api/client';
import { cellText, ruleOf, toTsv, tsvSize } from './format';
import type { RowCache } from './row-cache';

export interface Range {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** Copying more than this is a job for an export, not the clipboard. */
const MAX_COPY_ROWS = 10_000;

export function commitCell(
  cache: RowCache,
  column: GridColumn,
  rowIndex: number,
  value: string | boolean,
  stringsOnly: boolean,
): Promise<EditOutcome> | null {
  const row = cache.row(rowIndex);
  if (!row || column.readonly) return null;
  const parsed = typeof value === 'boolean' ? value : coerceCellText(ruleOf(column), value, stringsOnly);
  return api.invoke('edits:apply', {
    edits: [{ recordId: row.recordId, path: column.path, value: parsed }],
    label: `Edit ${column.label}`,
  });
}

export async function rangeTsv(cache: RowCache, columns: GridColumn[], range: Range): Promise<string> {
  const last = Math.min(range.r1, range.r0 + MAX_COPY_ROWS - 1);
  const rows = await cache.rows(range.r0, last);
  const cols = columns.slice(range.c0, range.c1 + 1);
  return toTsv(rows.map((row) => cols.map((c) => cellText(row.cells[c.path]))));
}

export async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard permission (some shells): the old hidden-textarea copy still works.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/**
 * Pastes a block at the range's top-left; a single copied value fills the whole selection (as in Excel).
 */
export async function pasteBlock(
  cache: RowCache,
  columns: GridColumn[],
  range: Range,
  tsv: string,
): Promise<EditOutcome | null> {
  const size = tsvSize(tsv);
  const single = size.rows === 1 && size.cols === 1;
  const total = cache.total() ?? 0;
  const height = single ? range.r1 - range.r0 + 1 : size.rows;
  const width = single ? range.c1 - range.c0 + 1 : size.cols;
  const last = Math.min(total - 1, range.r0 + height - 1);
  const paths = columns.slice(range.c0, range.c0 + width).map((c) => c.path);
  if (last < range.r0 || paths.length === 0) return null;
  const recordIds = await cache.ids(range.r0, last);
  if (recordIds.length === 0) return null;
  return api.invoke('edits:pasteTsv', { recordIds, paths, tsv });
}

/** Fill down, column by column: the first row's value goes down the selection. */
export async function fillDown(cache: RowCache, columns: GridColumn[], range: Range): Promise<EditOutcome[]> {
  if (range.r1 <= range.r0) return [];
  const recordIds = await cache.ids(range.r0, range.r1);
  const outcomes: EditOutcome[] = [];
  for (const column of columns.slice(range.c0, range.c1 + 1)) {
    if (column.readonly) continue;
    outcomes.push(await api.invoke('edits:fillDown', { recordIds, path: column.path }));
  }
  return outcomes;
}
