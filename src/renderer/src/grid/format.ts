/** How cells are shown, sized and explained in the grid. */
import type { GridColumn, GridRow } from '../../../shared/domain';
import type { FieldRule } from '../../../shared/field-rules';
import { t } from '../i18n';

export const ROW_HEIGHT = 30;
export const HEADER_HEIGHT = 34;
/** Rows rendered beyond each edge of the view (see the grid's onScroll: rendered in the same frame). */
export const OVERSCAN = 4;

export function columnWidth(column: GridColumn): number {
  switch (column.type) {
    case 'boolean':
      return 96;
    case 'integer':
    case 'float':
    case 'currency':
      return 112;
    case 'enum':
    case 'code':
    case 'date':
      return 136;
    case 'datetime':
      return 170;
    default: {
      // Names and descriptions get room, also per language: `translations.de.name`,
      // `overallInformation.productName.pl`.
      const tail = column.path.split('.').slice(-2);
      return tail.some((s) => /^(name|description)$|[a-z](Name|Description)$/.test(s)) ? 260 : 170;
    }
  }
}

/** The text a cell shows, and what it copies as TSV. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** What a cell shows: like cellText, but a list of plain values reads as "a, b, c". */
export function displayText(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))
    return value.map((v) => (v === null ? '' : String(v))).join(', ');
  return cellText(value);
}

export function ruleOf(column: GridColumn): FieldRule {
  return { type: column.type, nullable: true, ...(column.values ? { values: column.values } : {}) };
}

const covers = (paths: readonly string[], column: string) =>
  paths.some((p) => p === column || p.startsWith(`${column}.`));

export function cellMarks(row: GridRow | undefined, column: GridColumn) {
  if (!row) return { dirty: false, conflict: false, title: undefined };
  const dirty = covers(row.dirtyPaths, column.path);
  const conflicts = row.conflicts.filter(
    (c) => c.path === column.path || c.path.startsWith(`${column.path}.`),
  );
  const title =
    conflicts.length > 0
      ? conflicts
          .map((c) =>
            t('grid.conflict', { path: c.path, mine: cellText(c.mine), theirs: cellText(c.theirs) }),
          )
          .join('\n')
      : dirty
        ? t('grid.dirty')
        : undefined;
  return { dirty, conflict: conflicts.length > 0, title };
}

/** Rows of tab-separated cells, newline-separated, the way Excel copies; tabs and newlines in values become spaces. */
export function toTsv(rows: string[][]): string {
  return rows.map((cells) => cells.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
}

/** The size of a pasted block: rows and columns (Excel ends the block with a newline). */
export function tsvSize(tsv: string): { rows: number; cols: number } {
  const lines = tsv.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return { rows: lines.length, cols: Math.max(...lines.map((l) => l.split('\t').length)) };
}
