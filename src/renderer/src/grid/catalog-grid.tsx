import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { EditOutcome, GridColumn } from '../../../shared/domain';
import { api } from '../api/client';
import { t } from '../i18n';
import { CellEditor } from './cell-editor';
import { cellMarks, cellText, columnWidth, HEADER_HEIGHT, OVERSCAN, ROW_HEIGHT } from './format';
import { commitCell } from './grid-actions';
import type { Range } from './grid-actions';
import type { RowCache } from './row-cache';
import { useGridKeys } from './use-grid-keys';
import type { Cell } from './use-grid-keys';

const GUTTER = 64;

interface Problem {
  recordId?: number;
  path?: string;
  message: string;
}

/**
 * The virtualized catalog grid: a fixed row height, only the visible rows (plus overscan) in the
 * DOM, rows read from a windowed cache. One element holds focus; the active cell is shown, not focused.
 */
export function CatalogGrid(props: {
  cache: RowCache;
  columns: GridColumn[];
  connectionId: string;
  stringsOnly: boolean;
  sort: { path: string; dir: 'asc' | 'desc' } | undefined;
  onSort: (path: string) => void;
}) {
  const { cache, columns } = props;
  useSyncExternalStore(cache.subscribe, cache.version);
  const gridRef = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const [active, setActive] = useState<Cell>({ r: 0, c: 0 });
  const [anchor, setAnchor] = useState<Cell>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ initial: string | null } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const total = cache.total();
  const rowCount = total ?? 0;

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

  const range: Range = {
    r0: Math.min(anchor.r, active.r),
    r1: Math.max(anchor.r, active.r),
    c0: Math.min(anchor.c, active.c),
    c1: Math.max(anchor.c, active.c),
  };
  const reveal = (to: Cell) => {
    const el = gridRef.current;
    if (!el) return;
    const top = to.r * ROW_HEIGHT;
    const body = el.clientHeight - HEADER_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + body) el.scrollTop = top + ROW_HEIGHT - body;
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
  });

  const rows = [];
  for (let i = first; i <= last; i++) {
    const row = cache.row(i);
    const state = row?.state ?? 'loading';
    rows.push(
      <div
        key={i}
        role="row"
        aria-rowindex={i + 2}
        className={`grid__row grid__row--${state}`}
        style={{ top: i * ROW_HEIGHT, width }}
        data-rejected={row?.rejected ? 'true' : undefined}
      >
        <div role="rowheader" className="grid__gutter" title={row?.rejected ?? undefined}>
          {row?.rejected ? <span className="grid__rejected">!</span> : null}
          {i + 1}
        </div>
        {columns.map((column, c) => {
          const isActive = active.r === i && active.c === c;
          const selected = i >= range.r0 && i <= range.r1 && c >= range.c0 && c <= range.c1;
          const marks = cellMarks(row, column);
          const value = row?.cells[column.path];
          const classes = ['grid__cell', `grid__cell--${column.type}`];
          if (selected) classes.push('grid__cell--selected');
          if (isActive) classes.push('grid__cell--active');
          if (marks.dirty) classes.push('grid__cell--dirty');
          if (marks.conflict) classes.push('grid__cell--conflict');
          if (column.readonly) classes.push('grid__cell--readonly');
          return (
            <div
              key={column.path}
              id={`grid-cell-${i}-${c}`}
              role="gridcell"
              aria-colindex={c + 2}
              aria-selected={selected}
              aria-readonly={column.readonly || undefined}
              data-dirty={marks.dirty ? 'true' : undefined}
              data-conflict={marks.conflict ? 'true' : undefined}
              className={classes.join(' ')}
              style={{ left: lefts[c], width: columnWidth(column) }}
              title={marks.title}
              onMouseDown={(e) => {
                if (editing && isActive) return;
                if (editing) setEditing(null);
                move({ r: i, c }, e.shiftKey);
              }}
              onDoubleClick={() => startEdit(null)}
            >
              {isActive && editing ? (
                <CellEditor
                  column={column}
                  initial={editing.initial ?? cellText(value)}
                  selectAll={editing.initial === null}
                  booleanValue={value === true}
                  onCommit={commit}
                  onCancel={stopEdit}
                />
              ) : column.type === 'boolean' && typeof value === 'boolean' ? (
                <span aria-label={String(value)}>{value ? '✓' : '–'}</span>
              ) : (
                cellText(value)
              )}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div className="grid-wrap">
      {problems.length > 0 ? (
        <div className="grid-problems" role="alert">
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
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
        aria-activedescendant={editing ? undefined : `grid-cell-${active.r}-${active.c}`}
        tabIndex={0}
        onKeyDown={editing ? undefined : keys.onKeyDown}
        onPaste={editing ? undefined : keys.onPaste}
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      >
        <div role="row" aria-rowindex={1} className="grid__header" style={{ width }}>
          <div role="columnheader" className="grid__gutter grid__gutter--head" aria-colindex={1}>
            #
          </div>
          {columns.map((column, c) => {
            const sorted = props.sort?.path === column.path ? props.sort.dir : null;
            return (
              <div
                key={column.path}
                role="columnheader"
                aria-colindex={c + 2}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                className="grid__head"
                style={{ left: lefts[c], width: columnWidth(column) }}
                title={t('grid.sortBy', { column: column.label })}
                onClick={() => props.onSort(column.path)}
              >
                <span className="grid__head-label">{column.label}</span>
                {sorted ? <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : ' ▼'}</span> : null}
              </div>
            );
          })}
        </div>
        <div className="grid__body" style={{ height: rowCount * ROW_HEIGHT, width }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
