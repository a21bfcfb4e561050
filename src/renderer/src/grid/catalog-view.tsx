import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { CatalogSummary, GridColumn, GridRow, RecordState } from '../../../shared/domain';
import { rulesFor } from '../../../shared/field-rules';
import { api } from '../api/client';
import { useQuery } from '../api/use-query';
import { QueryView } from '../components/query-view';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { SHORTCUTS } from '../shortcuts';
import { CatalogGrid } from './catalog-grid';
import type { GridCommands, GridTool } from './catalog-grid';
import { withFilter } from './filter-model';
import type { ColumnFilter } from './filter-model';
import { FacetInput, FilterChips } from './filters';
import { createRowCache } from './row-cache';
import type { RowCache, RowQuery } from './row-cache';
import {
  columnsForLanguage,
  expandLanguages,
  facetColumns,
  languageName,
  objectColumns,
  SAMPLE_ROWS,
  suggestions,
} from './view-columns';

const FACETS: Record<string, RecordState[] | undefined> = {
  all: undefined,
  edited: ['dirty'],
  conflict: ['conflict'],
  new: ['new'],
  deleted: ['deleted-local', 'deleted-remote'],
};
const SEARCH_DEBOUNCE_MS = 200;
const NO_ROWS: GridRow[] = [];

interface Source {
  connectionId: string;
  entity: string;
}

type Sort = { path: string; dir: 'asc' | 'desc' } | undefined;

const sourceKey = (s: Source) => `${s.connectionId}\u0000${s.entity}`;

/** The catalog's picker, search, facet and grid over one connection's entity. */
export function CatalogView(props: { summary: CatalogSummary }) {
  const sources = props.summary.connections.flatMap((c) =>
    c.entities
      .filter((e) => e.records > 0)
      .map((e) => ({ connectionId: c.connectionId, entity: e.entity, name: c.name, kind: c.kind })),
  );
  const [picked, setPicked] = useState<string | null>(null);
  const source = sources.find((s) => sourceKey(s) === picked) ?? sources[0];
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [facet, setFacet] = useState('all');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  if (!source) return null;

  const onSearch = (text: string) => {
    setSearchText(text);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setSearch(text.trim()), SEARCH_DEBOUNCE_MS);
  };

  const toolbar = (extra: ReactNode) => (
    <div className="catalog__toolbar">
      <label className="field">
        <span>{t('grid.source')}</span>
        <select value={sourceKey(source)} onChange={(e) => setPicked(e.target.value)}>
          {sources.map((s) => (
            <option key={sourceKey(s)} value={sourceKey(s)}>
              {s.name} · {s.entity}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--grow">
        <span>{t('grid.search')}</span>
        <input
          type="search"
          value={searchText}
          placeholder={t('grid.search.placeholder')}
          onChange={(e) => onSearch(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('grid.facet')}</span>
        <select value={facet} onChange={(e) => setFacet(e.target.value)}>
          {Object.keys(FACETS).map((f) => (
            <option key={f} value={f}>
              {t(`grid.facet.${f}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {extra}
    </div>
  );
  return (
    <div className="catalog catalog--tools">
      <SourceGrid
        key={sourceKey(source)}
        toolbar={toolbar}
        source={source}
        name={source.name}
        stringsOnly={rulesFor(source.kind, source.entity)?.stringsOnly ?? false}
        search={search}
        state={FACETS[facet]}
      />
    </div>
  );
}

/** Loads the source's columns, then its view. */
function SourceGrid(props: SourceProps) {
  const { connectionId, entity } = props.source;
  const columns = useQuery('catalog:getColumns', { connectionId, entity });
  return columns.status === 'ready' ? (
    <SampledView {...props} columns={columns.data} />
  ) : (
    <>
      <p className="catalog__count">{t('common.loading')}</p>
      {props.toolbar(null)}
      <QueryView query={columns}>{() => null}</QueryView>
    </>
  );
}

interface SourceProps {
  toolbar: (extra: ReactNode) => ReactNode;
  source: Source;
  name: string;
  stringsOnly: boolean;
  search: string;
  state: RecordState[] | undefined;
}

/**
 * One sample of records (only the object and facet columns) tells which fields are multilingual and
 * suggests facet values; the grid waits for it so its columns do not change under the user.
 */
function SampledView(props: SourceProps & { columns: GridColumn[] }) {
  const { connectionId, entity } = props.source;
  const samplePaths = [...objectColumns(props.columns), ...facetColumns(props.columns)].map((c) => c.path);
  const sample = useQuery('catalog:queryRows', {
    connectionId,
    entity,
    offset: 0,
    limit: samplePaths.length > 0 ? SAMPLE_ROWS : 1,
    paths: samplePaths.length > 0 ? samplePaths : [props.columns[0]?.path ?? 'id'],
  });
  if (sample.status === 'loading')
    return (
      <>
        <p className="catalog__count">{t('common.loading')}</p>
        {props.toolbar(null)}
      </>
    );
  // Without a sample the grid still works: no language columns, no suggestions.
  return (
    <SourceView
      {...props}
      sample={sample.status === 'ready' && samplePaths.length > 0 ? sample.data.rows : NO_ROWS}
    />
  );
}

/**
 * One source's grid with its view state: sort, column filters and the language of multilingual
 * fields (all reset when another source is picked). The count line comes first: it names the source
 * in visible text (the picker's options are hidden).
 */
function SourceView(props: SourceProps & { columns: GridColumn[]; sample: GridRow[] }) {
  const { connectionId, entity } = props.source;
  const { sample } = props;
  const [sort, setSort] = useState<Sort>(undefined);
  const [filters, setFilters] = useState<ColumnFilter[]>([]);
  const [lang, setLang] = useState('');
  const commands = useRef<GridCommands>(null);
  const expanded = useMemo(() => expandLanguages(props.columns, sample), [props.columns, sample]);
  const view = useMemo(() => columnsForLanguage(expanded.columns, lang), [expanded, lang]);
  const facets = facetColumns(props.columns);
  // Every value of a field, from core when a filter on it is coming; until then the sample's.
  const [fieldValues, setFieldValues] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  const suggestionsFor = (path: string) => fieldValues.get(path) ?? suggestions(sample, path);
  /**
   * A filter on this field is coming (its popover opened, its facet box got focus): core builds
   * the field's index on a large catalog while the value is typed, and sends the field's values
   * where that is quick. Nothing to wait for; a failure only leaves the sample's suggestions.
   */
  const prepareFilter = useCallback(
    (path: string) => {
      api.invoke('catalog:prepareFilter', { connectionId, entity, path }).then(
        ({ values }) => {
          if (values) setFieldValues((m) => new Map(m).set(path, values));
        },
        () => undefined,
      );
    },
    [connectionId, entity],
  );
  const labelOf = (path: string) =>
    expanded.columns.find((c) => c.path === path)?.label ??
    props.columns.find((c) => c.path === path)?.label ??
    path;

  const query: RowQuery = {
    connectionId,
    entity,
    paths: view.map((c) => c.path),
    ...(sort ? { sort } : {}),
    ...(filters.length > 0 ? { filters } : {}),
    ...(props.state ? { state: props.state } : {}),
    ...(props.search ? { search: props.search } : {}),
  };
  const queryKey = JSON.stringify(query);
  const cache = useMemo(() => createRowCache(JSON.parse(queryKey) as RowQuery), [queryKey]);
  const onSort = (path: string) =>
    setSort((s) =>
      s?.path !== path ? { path, dir: 'asc' } : s.dir === 'asc' ? { path, dir: 'desc' } : undefined,
    );
  const onSetSort = (path: string, dir: 'asc' | 'desc' | undefined) =>
    setSort(dir ? { path, dir } : undefined);
  const onFilter = (filter: ColumnFilter) => setFilters((fs) => withFilter(fs, filter));
  const open = (tool: GridTool) => commands.current?.open(tool);

  const languagePicker =
    expanded.languages.length > 1 ? (
      <label className="field">
        <span>{t('grid.locale')}</span>
        <select value={lang} onChange={(e) => setLang(e.target.value)}>
          <option value="">{t('grid.locale.all')}</option>
          {expanded.languages.map((l) => (
            <option key={l} value={l}>
              {languageName(l)}
            </option>
          ))}
        </select>
      </label>
    ) : null;

  return (
    <>
      <GridCount cache={cache} name={props.name} entity={entity} />
      {props.toolbar(languagePicker)}
      <div className="grid-tools" role="toolbar" aria-label={t('grid.tools.label')}>
        <div className="grid-tools__actions">
          <ToolButton
            label={t('grid.tools.filter')}
            keys={SHORTCUTS.filter.aria}
            hint={SHORTCUTS.filter.label}
            onClick={() => open('filter')}
          />
          <ToolButton
            label={t('grid.tools.findReplace')}
            keys={SHORTCUTS.findReplace.aria}
            hint={SHORTCUTS.findReplace.label}
            onClick={() => open('findReplace')}
          />
          <ToolButton
            label={t('grid.tools.setField')}
            keys={SHORTCUTS.setField.aria}
            hint={SHORTCUTS.setField.label}
            onClick={() => open('setField')}
          />
          <ToolButton
            label={t('grid.tools.details')}
            keys={SHORTCUTS.details.aria}
            hint={SHORTCUTS.details.label}
            onClick={() => open('details')}
          />
        </div>
        {facets.length > 0 ? (
          <div className="grid-tools__facets">
            {facets.map((column) => {
              const filter = filters.find((f) => f.path === column.path);
              return (
                <FacetInput
                  key={`${column.path}\u0000${filter?.value ?? ''}`}
                  column={column}
                  suggestions={suggestionsFor(column.path)}
                  filter={filter}
                  onApply={onFilter}
                  onPrepare={() => prepareFilter(column.path)}
                />
              );
            })}
          </div>
        ) : null}
      </div>
      <FilterChips
        filters={filters}
        labelOf={labelOf}
        onChange={setFilters}
        onEmpty={() => commands.current?.focus()}
      />
      <CatalogGrid
        cache={cache}
        columns={view}
        connectionId={connectionId}
        entity={entity}
        sourceName={props.name}
        stringsOnly={props.stringsOnly}
        sort={sort}
        onSort={onSort}
        onSetSort={onSetSort}
        filters={filters}
        onFilter={onFilter}
        suggestionsFor={suggestionsFor}
        onPrepareFilter={prepareFilter}
        commands={commands}
      />
    </>
  );
}

function ToolButton(props: { label: string; keys: string; hint: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className="grid-tools__btn"
      aria-keyshortcuts={props.keys}
      title={`${props.label} (${props.hint})`}
      onClick={props.onClick}
    >
      {props.label}
    </button>
  );
}

function GridCount(props: { cache: RowCache; name: string; entity: string }) {
  useSyncExternalStore(props.cache.subscribe, props.cache.version);
  const total = props.cache.total();
  const error = props.cache.error();
  return (
    <p className="catalog__count" aria-live="polite">
      {props.name} · {props.entity} ·{' '}
      {total === null ? t('common.loading') : t('catalog.records', { n: total })}
      {error ? <span className="catalog__error"> · {error}</span> : null}
    </p>
  );
}
