/**
 * One grid row, memoized: its props are primitives and objects whose identity only changes when
 * the row itself changes (the cached row, the columns), so scrolling renders only the rows that come
 * into view, and moving the cursor re-renders only the rows it leaves and enters. Handlers come
 * through one stable object whose methods read the grid's latest state.
 */
import { memo } from 'react';
import type { GridColumn, GridRow as Row } from '../../../shared/domain';
import { t } from '../i18n';
import { CellEditor } from './cell-editor';
import { cellMarks, cellText, columnWidth, displayText, ROW_HEIGHT } from './format';

export interface RowActions {
  mouseDown(r: number, c: number, extend: boolean): void;
  doubleClickCell(): void;
  openDetails(r: number): void;
  commit(value: string | boolean): void;
  cancel(): void;
}

export interface GridRowProps {
  index: number;
  row: Row | undefined;
  columns: GridColumn[];
  lefts: number[];
  width: number;
  /** Selected columns of this row (-1, -1: none). */
  selC0: number;
  selC1: number;
  /** The whole row is selected (from the gutter). */
  rowSelected: boolean;
  /** The active column when the active cell is in this row (-1: the gutter), else null. */
  activeC: number | null;
  /** The editor's initial text when the active cell of this row is being edited. */
  editing: string | null | undefined;
  /** The id of the status line, when the active cell of this row has a note. */
  noteId: string | undefined;
  actions: RowActions;
}

export const GridRowView = memo(function GridRowView(p: GridRowProps) {
  const { index: i, row } = p;
  if (!row) return <LoadingRow index={i} width={p.width} activeC={p.activeC} />;
  const state = row.state;
  const gutterActive = p.activeC === -1;
  return (
    <div
      role="row"
      aria-rowindex={i + 2}
      className={`grid__row grid__row--${state}`}
      style={{ top: i * ROW_HEIGHT, width: p.width }}
      data-rejected={row?.rejected ? 'true' : undefined}
    >
      <div
        id={`grid-row-${i}`}
        role="rowheader"
        aria-colindex={1}
        aria-selected={p.rowSelected}
        aria-describedby={gutterActive ? p.noteId : undefined}
        className={`grid__gutter${gutterActive ? ' grid__gutter--active' : ''}${p.rowSelected ? ' grid__gutter--selected' : ''}`}
        title={row?.rejected ?? t('grid.gutterTitle')}
        onMouseDown={(e) => p.actions.mouseDown(i, -1, e.shiftKey)}
        onDoubleClick={() => {
          if (row) p.actions.openDetails(i);
        }}
      >
        {row?.rejected ? <span className="grid__rejected">!</span> : null}
        {i + 1}
      </div>
      {p.columns.map((column, c) => {
        const isActive = p.activeC === c;
        const selected = c >= p.selC0 && c <= p.selC1;
        const marks = cellMarks(row, column);
        const value = row?.cells[column.path];
        const classes = ['grid__cell', `grid__cell--${column.type}`];
        if (selected) classes.push('grid__cell--selected');
        if (isActive) classes.push('grid__cell--active');
        if (marks.dirty) classes.push('grid__cell--dirty');
        if (marks.conflict) classes.push('grid__cell--conflict');
        if (column.readonly) classes.push('grid__cell--readonly');
        const editing = isActive && p.editing !== undefined;
        return (
          <div
            key={column.path}
            id={`grid-cell-${i}-${c}`}
            role="gridcell"
            aria-colindex={c + 2}
            aria-selected={selected}
            aria-readonly={column.readonly || undefined}
            aria-describedby={isActive ? p.noteId : undefined}
            data-dirty={marks.dirty ? 'true' : undefined}
            data-conflict={marks.conflict ? 'true' : undefined}
            className={classes.join(' ')}
            style={{ left: p.lefts[c], width: columnWidth(column) }}
            title={marks.title}
            onMouseDown={(e) => {
              if (editing) return;
              p.actions.mouseDown(i, c, e.shiftKey);
            }}
            onDoubleClick={() => p.actions.doubleClickCell()}
          >
            {editing ? (
              <CellEditor
                column={column}
                initial={p.editing ?? cellText(value)}
                selectAll={p.editing === null}
                booleanValue={value === true}
                onCommit={(v) => p.actions.commit(v)}
                onCancel={() => p.actions.cancel()}
              />
            ) : column.type === 'boolean' && typeof value === 'boolean' ? (
              <span aria-label={String(value)}>{value ? '✓' : '–'}</span>
            ) : (
              displayText(value)
            )}
          </div>
        );
      })}
    </div>
  );
});

/**
 * A row whose window is still loading: the row number and one skeleton bar, not a cell per column.
 * A jump far down (the scrollbar dragged, Ctrl+End) replaces every row in view at once; drawn as
 * full rows of empty cells, that frame took 17–24 ms of the page's work at 1M records, twice a
 * steady scroll frame. The cells come when the rows do.
 */
function LoadingRow(props: { index: number; width: number; activeC: number | null }) {
  const i = props.index;
  // The active cell keeps its id, so the grid's aria-activedescendant still names something.
  const { activeC } = props;
  return (
    <div
      role="row"
      aria-rowindex={i + 2}
      aria-busy="true"
      className="grid__row grid__row--loading"
      style={{ top: i * ROW_HEIGHT, width: props.width }}
    >
      <div
        id={activeC === -1 ? `grid-row-${i}` : undefined}
        role="rowheader"
        aria-colindex={1}
        className="grid__gutter"
      >
        {i + 1}
      </div>
      <div
        id={activeC !== null && activeC >= 0 ? `grid-cell-${i}-${activeC}` : undefined}
        role="gridcell"
        aria-colindex={2}
        className="grid__skeleton"
      >
        <span className="visually-hidden">{t('common.loading')}</span>
      </div>
    </div>
  );
}
