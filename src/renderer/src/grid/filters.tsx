/**
 * Per-column filters of the grid (catalog:queryRows `filters`): the filter popover of a column, the
 * facet inputs for brand and category, and the chips that show every active filter.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { GridColumn } from '../../../shared/domain';
import { t } from '../i18n';
import { shortcutLabels } from '../shortcuts';
import { filterText } from './filter-model';
import type { ColumnFilter } from './filter-model';

/** The row of chips under the tools bar: every active filter, removable, and "Clear all". */
export function FilterChips(props: {
  filters: readonly ColumnFilter[];
  labelOf: (path: string) => string;
  onChange: (filters: ColumnFilter[]) => void;
  /** Where focus goes when the last chip is gone (the grid). */
  onEmpty: () => void;
}) {
  const { filters, onEmpty } = props;
  const ref = useRef<HTMLDivElement>(null);
  // A removed chip takes focus with it: hand it to the chip that took its place, or to the grid.
  const remove = (next: ColumnFilter[], at: number) => {
    props.onChange(next);
    requestAnimationFrame(() => {
      const chips = ref.current?.querySelectorAll<HTMLButtonElement>('.grid-chip') ?? [];
      const target = chips[Math.min(at, chips.length - 1)];
      if (target) target.focus();
      else onEmpty();
    });
  };
  return (
    <div ref={ref} className="grid-chips" role="group" aria-label={t('grid.filter.active')}>
      {filters.length === 0 ? (
        <span className="grid-chips__hint">{t('grid.filter.none', shortcutLabels())}</span>
      ) : (
        <>
          <span className="grid-chips__title">{t('grid.filter.title')}</span>
          {filters.map((f, i) => {
            const text = filterText(f, props.labelOf(f.path));
            return (
              <button
                key={f.path}
                type="button"
                className="grid-chip"
                aria-label={t('grid.filter.remove', { filter: text })}
                title={t('grid.filter.remove', { filter: text })}
                onClick={() =>
                  remove(
                    filters.filter((x) => x.path !== f.path),
                    i,
                  )
                }
              >
                <span className="grid-chip__text">{text}</span>
                <span className="grid-chip__x" aria-hidden="true">
                  ×
                </span>
              </button>
            );
          })}
          <button type="button" className="grid-chips__clear" onClick={() => remove([], 0)}>
            {t('grid.filter.clearAll')}
          </button>
        </>
      )}
    </div>
  );
}

/**
 * A facet: type or pick a value (suggested from a sample of records). A picked suggestion filters by
 * equality, typed text by "contains". Applies on a pick, Enter or leaving the box; emptying it clears.
 */
export function FacetInput(props: {
  column: GridColumn;
  suggestions: readonly string[];
  filter: ColumnFilter | undefined;
  onApply: (filter: ColumnFilter) => void;
  /** The box got focus: a filter on the column is probably coming. */
  onPrepare?: () => void;
}) {
  const { column, filter } = props;
  const listId = useId();
  // The parent keys this by the applied value, so a chip's removal resets the draft.
  const applied = filter?.value ?? '';
  const [draft, setDraft] = useState(applied);
  const apply = (text: string) => {
    const value = text.trim();
    if (value === applied) return;
    props.onApply({
      path: column.path,
      op: props.suggestions.includes(value) ? 'equals' : 'contains',
      value,
    });
  };
  return (
    <label className="grid-facet">
      <span>{column.label}</span>
      <input
        type="search"
        list={listId}
        value={draft}
        placeholder={t('grid.facetInput.any')}
        onFocus={props.onPrepare}
        onChange={(e) => {
          setDraft(e.target.value);
          // A datalist pick (or the search box's clear button) applies at once.
          if (e.target.value === '' || props.suggestions.includes(e.target.value)) apply(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply(draft);
          }
        }}
        onBlur={() => apply(draft)}
      />
      <datalist id={listId}>
        {props.suggestions.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
    </label>
  );
}

/**
 * The filter popover of one column: contains or equals, the value (yes/no for booleans, the valid
 * values suggested for enums), and sorting. Escape or a click outside closes it.
 */
export function FilterPopover(props: {
  column: GridColumn;
  left: number;
  filter: ColumnFilter | undefined;
  suggestions: readonly string[];
  sorted: 'asc' | 'desc' | null;
  onApply: (filter: ColumnFilter) => void;
  onSort: (dir: 'asc' | 'desc' | undefined) => void;
  onClose: () => void;
}) {
  const { column, filter, onClose } = props;
  const ref = useRef<HTMLDivElement>(null);
  const boolean = column.type === 'boolean';
  const [op, setOp] = useState<ColumnFilter['op']>(
    filter?.op ?? (boolean || column.type === 'enum' ? 'equals' : 'contains'),
  );
  const [value, setValue] = useState(filter?.value ?? (boolean ? 'true' : ''));
  const listId = useId();
  const titleId = useId();
  const options = column.values ?? props.suggestions;

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onApply({ path: column.path, op: boolean ? 'equals' : op, value: value.trim() });
  };
  return (
    <div
      ref={ref}
      className="grid-popover"
      role="dialog"
      aria-labelledby={titleId}
      style={{ left: props.left }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <form onSubmit={submit}>
        <h3 id={titleId} className="grid-popover__title">
          {t('grid.filter.popoverTitle', { column: column.label })}
        </h3>
        {boolean ? (
          <label className="grid-popover__field">
            <span>{t('grid.filter.value')}</span>
            <select data-autofocus value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="true">{t('grid.filter.yes')}</option>
              <option value="false">{t('grid.filter.no')}</option>
            </select>
          </label>
        ) : (
          <>
            <label className="grid-popover__field">
              <span>{t('grid.filter.condition')}</span>
              <select value={op} onChange={(e) => setOp(e.target.value as ColumnFilter['op'])}>
                <option value="contains">{t('grid.filter.contains')}</option>
                <option value="equals">{t('grid.filter.equals')}</option>
              </select>
            </label>
            <label className="grid-popover__field">
              <span>{t('grid.filter.value')}</span>
              <input
                data-autofocus
                type="text"
                list={options.length > 0 ? listId : undefined}
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
              {options.length > 0 ? (
                <datalist id={listId}>
                  {options.map((v) => (
                    <option key={v} value={v} />
                  ))}
                </datalist>
              ) : null}
            </label>
          </>
        )}
        <div className="grid-popover__actions">
          {filter ? (
            <button
              type="button"
              onClick={() => props.onApply({ path: column.path, op: filter.op, value: '' })}
            >
              {t('grid.filter.removeOne')}
            </button>
          ) : null}
          <button type="submit" className="primary">
            {t('grid.filter.apply')}
          </button>
        </div>
        <div className="grid-popover__sort" role="group" aria-label={t('grid.filter.sort')}>
          <span>{t('grid.filter.sort')}</span>
          <button type="button" aria-pressed={props.sorted === 'asc'} onClick={() => props.onSort('asc')}>
            {t('grid.filter.sortAsc')}
          </button>
          <button type="button" aria-pressed={props.sorted === 'desc'} onClick={() => props.onSort('desc')}>
            {t('grid.filter.sortDesc')}
          </button>
          {props.sorted ? (
            <button type="button" onClick={() => props.onSort(undefined)}>
              {t('grid.filter.sortNone')}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
