import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { flushSync } from 'react-dom';
import type { Ref } from 'react';
import type { EditOutcome, GridColumn } from '../../../shared/domain';
import { api } from '../api/client';
import { t } from '../i18n';
import { SHORTCUTS } from '../shortcuts';
import { cellMarks, columnWidth, HEADER_HEIGHT, OVERSCAN, ROW_HEIGHT } from './format';
import { GridRowView } from './grid-row';
import type { RowActions } from './grid-row';
import { FilterPopover } from './filters';
import type { ColumnFilter } from './filter-model';
import { FindReplaceDialog } from './find-replace-dialog';
import { commitCell } from './grid-actions';
import type { Range } from './grid-actions';
import { RecordPanel } from './record-panel';
import { readable, recordTitle } from './record-text';
import type { RowLabel } from './rejected-list';
import type { RowCache } from './row-cache';
import { SetFieldDialog } from './set-field-dialog';
import { useGridKeys } from './use-grid-keys';
import type { Cell } from './use-grid-keys';

const GUTTER = 64;
const POPOVER_WIDTH = 300;
const NOTE_ID = 'grid-cell-note';

interface Problem {
  recordId?: number;
  path?: string;
  message: string;
}

export type GridTool = 'findReplace' | 'setField' | 'details' | 'filter';

/** What the tools bar outside the grid can ask the grid to do (it knows the selection). */
export interface GridCommands {
  open(tool: GridTool): void;
  focus(): void;
}

type OpenTool =
  | { kind: 'findReplace'; range: Range }
  | { kind: 'setField'; range: Range }
  | { kind: 'details' }
  | { kind: 'filter'; c: number; left: number };

/**
 * The virtualized catalog grid: a fixed row height, only the visible rows (plus overscan) in the
 * DOM, rows read from a windowed cache. One element holds focus; the active cell is shown, not focused.
 * A new query (search, sort, filters, language) swaps the cache under a mounted grid, so focus stays.
 */
export function CatalogGrid(props: {
  cache: RowCache;
  columns: GridColumn[];
  connectionId: string;
  entity: string;
  sourceName: string;
  stringsOnly: boolean;
  sort: { path: string; dir: 'asc' | 'desc' } | undefined;
  onSort: (path: string) => void;
  onSetSort: (path: string, dir: 'asc' | 'desc' | undefined) => void;
  filters: readonly ColumnFilter[];
  onFilter: (filter: ColumnFilter) => void;
  suggestionsFor: (path: string) => readonly string[];
  /** A column's filter popover opened (catalog-view's prepareFilter). */
  onPrepareFilter: (path: string) => void;
  commands: Ref<GridCommands>;
}) {
  const { cache, columns } = props;
  useSyncExternalStore(cache.subscribe, cache.version);
  const gridRef = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const [active, setActive] = useState<Cell>({ r: 0, c: 0 });
  const [anchor, setAnchor] = useState<Cell>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ initial: string | null } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [tool, setTool] = useState<OpenTool | null>(null);
  const [notice, setNotice] = useState('');
  const [shown, setShown] = useState({ cache, columns });
  const total = cache.total();
  const rowCount = total ?? 0;

  // A new query or column set: back to the top row, editors and popovers closed (React's
  // "adjust state on a prop change" pattern, so the grid element and its focus stay).
  if (shown.cache !== cache || shown.columns !== columns) {
    const c = Math.min(active.c, columns.length - 1);
    setShown({ cache, columns });
    if (shown.cache !== cache) {
      setActive({ r: 0, c });
      setAnchor({ r: 0, c });
      setScroll((s) => ({ top: 0, height: s.height }));
    } else {
      setActive((a) => ({ r: a.r, c }));
      setAnchor((a) => ({ r: a.r, c: Math.min(a.c, columns.length - 1) }));
    }
    setEditing(null);
    setTool((open) => (open?.kind === 'filter' ? null : open));
    if (shown.cache !== cache) setNotice('');
  }
  useEffect(() => {
    if (gridRef.current) gridRef.current.scrollTop = 0;
  }, [cache]);

  const lefts = useMemo(() => {
    const out = [GUTTER];
    for (const c of columns) out.push((out.at(-1) as number) + columnWidth(c));
    return out;
  }, [columns]);
  const width = lefts.at(-1) as number;
  const first = Math.max(0, Math.floor(scroll.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount - 1, Math.ceil((scroll.top + scroll.height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => cache.ensure(first, Math.max(first, last)), [cache, first, last]);
  useEffect(() => {
    const offs = [
      api.on('records:changed', () => cache.refresh()),
      api.on('status:changed', () => cache.refresh()),
    ];
    return () => offs.forEach((off) => off());
  }, [cache]);
  useEffect(() => {
    const el = gridRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setScroll({ top: el.scrollTop, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The gutter (column -1) selects whole rows.
  const wholeRows = anchor.c < 0 || active.c < 0;
  const range: Range = {
    r0: Math.min(anchor.r, active.r),
    r1: Math.max(anchor.r, active.r),
    c0: wholeRows ? 0 : Math.min(anchor.c, active.c),
    c1: wholeRows ? columns.length - 1 : Math.max(anchor.c, active.c),
  };
  const reveal = (to: Cell) => {
    const el = gridRef.current;
    if (!el) return;
    const top = to.r * ROW_HEIGHT;
    const body = el.clientHeight - HEADER_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + body) el.scrollTop = top + ROW_HEIGHT - body;
    if (to.c < 0) return;
    const left = lefts[to.c] as number;
    const right = lefts[to.c + 1] as number;
    if (left - GUTTER < el.scrollLeft) el.scrollLeft = left - GUTTER;
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
  };
  const move = (to: Cell, extend: boolean) => {
    setActive(to);
    if (!extend) setAnchor(to);
    reveal(to);
  };
  const fail = (err: unknown) => setProblems([{ message: err instanceof Error ? err.message : String(err) }]);
  const report = (outcomes: (EditOutcome | null)[]) => {
    const rejected = outcomes.flatMap((o) => o?.rejected ?? []);
    setProblems(rejected);
    cache.refresh();
  };
  const focusGrid = () => requestAnimationFrame(() => gridRef.current?.focus());
  const closeTool = () => {
    setTool(null);
    focusGrid();
  };
  const openTool = (kind: GridTool) => {
    if (rowCount === 0 || columns.length === 0) return;
    setEditing(null);
    if (kind === 'findReplace' || kind === 'setField') setTool({ kind, range });
    else if (kind === 'details') {
      if (cache.row(active.r)) setTool({ kind });
    } else {
      const c = Math.max(0, active.c);
      const el = gridRef.current;
      const room = (el?.clientWidth ?? 800) - POPOVER_WIDTH - 8;
      setTool({ kind, c, left: Math.max(0, Math.min(room, (lefts[c] as number) - (el?.scrollLeft ?? 0))) });
    }
  };
  useImperativeHandle(props.commands, () => ({ open: openTool, focus: () => gridRef.current?.focus() }));

  const startEdit = (initial: string | null) => {
    const column = columns[active.c];
    if (!column || !cache.row(active.r)) return;
    if (column.readonly) {
      setProblems([{ message: t('grid.readonly', { column: column.label }) }]);
      return;
    }
    setEditing({ initial });
  };
  const stopEdit = () => {
    setEditing(null);
    gridRef.current?.focus();
  };
  const commit = (value: string | boolean) => {
    const column = columns[active.c];
    const pending = column ? commitCell(cache, column, active.r, value, props.stringsOnly) : null;
    stopEdit();
    pending?.then((o) => report([o]), fail);
    move({ r: Math.min(rowCount - 1, active.r + 1), c: active.c }, false);
  };
  const keys = useGridKeys({
    cache,
    columns,
    connectionId: props.connectionId,
    active,
    range,
    pageRows: Math.max(1, Math.floor((scroll.height - HEADER_HEIGHT) / ROW_HEIGHT) - 1),
    move,
    startEdit,
    report,
    fail,
    openTool,
  });

  const rowLabel = (recordId: number): RowLabel | undefined => {
    const hit = cache.locate(recordId);
    if (!hit) return undefined;
    return {
      text: t('grid.rowLabel', {
        n: hit.index + 1,
        title: recordTitle(hit.row.cells, hit.row.remoteId, hit.row.recordId),
      }),
    };
  };
  const idsOf = (r: Range) => () => cache.ids(r.r0, r.r1);
  const rowsText = (r: Range) =>
    r.r0 === r.r1 ? t('grid.rowN', { n: r.r0 + 1 }) : t('grid.rowsNM', { from: r.r0 + 1, to: r.r1 + 1 });
  const done = (kind: 'replace' | 'set', outcome: EditOutcome, column: GridColumn) => {
    setTool(null);
    focusGrid();
    setProblems([]);
    setNotice(
      t(
        kind === 'replace'
          ? outcome.changed === 1
            ? 'grid.fr.doneOne'
            : 'grid.fr.done'
          : outcome.changed === 1
            ? 'grid.set.doneOne'
            : 'grid.set.done',
        {
          n: outcome.changed,
          column: column.label,
          undo: SHORTCUTS.undo.label,
        },
      ),
    );
    cache.refresh();
  };

  // ---- The status line: where the cursor is, and why a cell is marked (reachable by keyboard). ----
  const activeRow = cache.row(active.r);
  const activeColumn = columns[active.c];
  const notes: string[] = [];
  if (activeRow?.rejected) notes.push(t('grid.status.rejected', { reason: activeRow.rejected }));
  if (activeRow && activeColumn) {
    const marks = cellMarks(activeRow, activeColumn);
    if (marks.conflict && marks.title) notes.push(marks.title);
    else if (marks.dirty) notes.push(t('grid.dirty'));
  }
  if (activeColumn?.readonly) notes.push(t('grid.status.readonly'));
  const note = notes.join(' · ');
  const position =
    rowCount === 0
      ? ''
      : activeColumn
        ? t('grid.status.cell', { row: active.r + 1, total: rowCount, column: activeColumn.label })
        : t('grid.status.row', { row: active.r + 1, total: rowCount });
  const selectedRows = range.r1 - range.r0 + 1;
  const selectedCols = range.c1 - range.c0 + 1;
  const activeValue = activeRow && activeColumn ? readable(activeRow.cells[activeColumn.path]) : '';

  // Row handlers read the latest state through a ref, so the memoized rows keep one stable object.
  const latest = useRef({ move, editing, startEdit, commit, stopEdit });
  useLayoutEffect(() => {
    latest.current = { move, editing, startEdit, commit, stopEdit };
  });
  const actions = useMemo<RowActions>(
    () => ({
      mouseDown: (r, c, extend) => {
        const l = latest.current;
        if (l.editing) setEditing(null);
        l.move({ r, c }, extend);
      },
      doubleClickCell: () => latest.current.startEdit(null),
      openDetails: () => setTool({ kind: 'details' }),
      commit: (value) => latest.current.commit(value),
      cancel: () => latest.current.stopEdit(),
    }),
    [],
  );
  const rows = [];
  for (let i = first; i <= last; i++) {
    const inRange = i >= range.r0 && i <= range.r1;
    const isActiveRow = active.r === i;
    rows.push(
      <GridRowView
        key={i}
        index={i}
        row={cache.row(i)}
        columns={columns}
        lefts={lefts}
        width={width}
        selC0={inRange ? range.c0 : -1}
        selC1={inRange ? range.c1 : -1}
        rowSelected={wholeRows && inRange}
        activeC={isActiveRow ? active.c : null}
        editing={isActiveRow && editing ? editing.initial : undefined}
        noteId={isActiveRow && note ? NOTE_ID : undefined}
        actions={actions}
      />,
    );
  }

  const filterColumn = tool?.kind === 'filter' ? columns[tool.c] : undefined;
  const filterPath = filterColumn?.path;
  const { onPrepareFilter } = props;
  useEffect(() => {
    if (filterPath) onPrepareFilter(filterPath);
  }, [filterPath, onPrepareFilter]);
  const detailsRow = tool?.kind === 'details' ? cache.row(active.r) : undefined;
  return (
    <>
      <div className="grid-wrap">
        {problems.length > 0 ? (
          <div className="grid-problems" role="alert">
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  {p.recordId !== undefined && rowLabel(p.recordId) ? (
                    <strong>{rowLabel(p.recordId)?.text}: </strong>
                  ) : null}
                  {p.message}
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => setProblems([])} aria-label={t('grid.dismiss')}>
              {t('grid.dismiss')}
            </button>
          </div>
        ) : null}
        <div
          ref={gridRef}
          className="grid"
          role="grid"
          aria-label={t('grid.label')}
          aria-rowcount={rowCount + 1}
          aria-colcount={columns.length + 1}
          aria-multiselectable="true"
          aria-activedescendant={
            editing ? undefined : active.c < 0 ? `grid-row-${active.r}` : `grid-cell-${active.r}-${active.c}`
          }
          tabIndex={0}
          onKeyDown={editing ? undefined : keys.onKeyDown}
          onPaste={editing ? undefined : keys.onPaste}
          onScroll={(e) => {
            const top = e.currentTarget.scrollTop;
            const height = e.currentTarget.clientHeight;
            // Only a change of the rows in view re-renders (same state object: React bails out).
            // Rendered in the scroll event, so the rows coming into view are painted in the same
            // frame as the scroll: a few rows of overscan are then enough (each rendered row is
            // restyled, laid out and painted on every frame of a scroll).
            flushSync(() =>
              setScroll((s) =>
                Math.floor(s.top / ROW_HEIGHT) === Math.floor(top / ROW_HEIGHT) && s.height === height
                  ? s
                  : { top, height },
              ),
            );
          }}
        >
          <div role="row" aria-rowindex={1} className="grid__header" style={{ width }}>
            <div role="columnheader" className="grid__gutter grid__gutter--head" aria-colindex={1}>
              #
            </div>
            {columns.map((column, c) => {
              const sorted = props.sort?.path === column.path ? props.sort.dir : null;
              const filtered = props.filters.some((f) => f.path === column.path);
              return (
                <div
                  key={column.path}
                  role="columnheader"
                  // The name is the column's, not its filter button's too.
                  aria-label={column.label}
                  aria-colindex={c + 2}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  className={`grid__head${filtered ? ' grid__head--filtered' : ''}`}
                  style={{ left: lefts[c], width: columnWidth(column) }}
                  title={t('grid.sortBy', { column: column.label })}
                  onClick={() => props.onSort(column.path)}
                >
                  <span className="grid__head-label">{column.label}</span>
                  {sorted ? <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : ' ▼'}</span> : null}
                  <button
                    type="button"
                    tabIndex={-1}
                    className="grid__filter-btn"
                    aria-label={t(filtered ? 'grid.filter.openActive' : 'grid.filter.open', {
                      column: column.label,
                    })}
                    title={t(filtered ? 'grid.filter.openActive' : 'grid.filter.open', {
                      column: column.label,
                    })}
                    aria-pressed={filtered}
                    onMouseDown={(e) => e.stopPropagation()}
                    onClick={(e) => {
                      e.stopPropagation();
                      move({ r: active.r, c }, false);
                      const el = gridRef.current;
                      const room = (el?.clientWidth ?? 800) - POPOVER_WIDTH - 8;
                      setTool({
                        kind: 'filter',
                        c,
                        left: Math.max(0, Math.min(room, (lefts[c] as number) - (el?.scrollLeft ?? 0))),
                      });
                    }}
                  >
                    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                      <path d="M1.5 2h13l-5 6v5l-3 1.5V8z" />
                    </svg>
                  </button>
                </div>
              );
            })}
          </div>
          <div className="grid__body" style={{ height: rowCount * ROW_HEIGHT, width }}>
            {rows}
          </div>
        </div>
        {total === 0 ? <p className="grid-empty">{t('grid.empty')}</p> : null}
        {tool?.kind === 'filter' && filterColumn ? (
          <FilterPopover
            column={filterColumn}
            left={tool.left}
            filter={props.filters.find((f) => f.path === filterColumn.path)}
            suggestions={props.suggestionsFor(filterColumn.path)}
            sorted={props.sort?.path === filterColumn.path ? props.sort.dir : null}
            onApply={(filter) => {
              closeTool();
              props.onFilter(filter);
            }}
            onSort={(dir) => {
              closeTool();
              props.onSetSort(filterColumn.path, dir);
            }}
            onClose={closeTool}
          />
        ) : null}
      </div>
      <div className="grid-status">
        <span className="grid-status__pos">{position}</span>
        {note ? (
          <span id={NOTE_ID} className="grid-status__note" title={note}>
            {note}
          </span>
        ) : wholeRows ? (
          <span className="grid-status__value">
            {selectedRows > 1
              ? t('grid.status.rowsSelected', { n: selectedRows })
              : t('grid.status.gutterHint')}
          </span>
        ) : selectedRows > 1 || selectedCols > 1 ? (
          <span className="grid-status__value">
            {t('grid.status.selection', { rows: selectedRows, cols: selectedCols })}
          </span>
        ) : (
          <span className="grid-status__value" title={activeValue}>
            {activeValue}
          </span>
        )}
        <span className="grid-status__notice" role="status">
          {notice}
        </span>
      </div>
      {tool?.kind === 'findReplace' ? (
        <FindReplaceDialog
          columns={columns}
          initialPath={columns[Math.max(0, active.c)]?.path}
          connectionId={props.connectionId}
          entity={props.entity}
          sourceName={props.sourceName}
          selectedRows={tool.range.r1 - tool.range.r0 + 1}
          selectedIds={idsOf(tool.range)}
          rowLabel={rowLabel}
          onDone={(outcome, column) => done('replace', outcome, column)}
          onClose={closeTool}
        />
      ) : null}
      {tool?.kind === 'setField' ? (
        <SetFieldDialog
          columns={columns}
          initialPath={columns[Math.max(0, active.c)]?.path}
          stringsOnly={props.stringsOnly}
          selectedRows={tool.range.r1 - tool.range.r0 + 1}
          rowsText={rowsText(tool.range)}
          selectedIds={idsOf(tool.range)}
          rowLabel={rowLabel}
          onDone={(outcome, column) => done('set', outcome, column)}
          onClose={closeTool}
        />
      ) : null}
      {tool?.kind === 'details' && detailsRow ? (
        <RecordPanel
          row={detailsRow}
          rowNumber={active.r + 1}
          total={rowCount}
          connectionId={props.connectionId}
          sourceName={`${props.sourceName} · ${props.entity}`}
          onStep={(delta) =>
            move({ r: Math.max(0, Math.min(rowCount - 1, active.r + delta)), c: active.c }, false)
          }
          onClose={closeTool}
        />
      ) : null}
    </>
  );
}
