import { useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { CatalogSummary, RecordState } from '../../../shared/domain';
import { rulesFor } from '../../../shared/field-rules';
import { useQuery } from '../api/use-query';
import { QueryView } from '../components/query-view';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { CatalogGrid } from './catalog-grid';
import { createRowCache } from './row-cache';
import type { RowCache, RowQuery } from './row-cache';

const FACETS: Record<string, RecordState[] | undefined> = {
  all: undefined,
  edited: ['dirty'],
  conflict: ['conflict'],
  new: ['new'],
  deleted: ['deleted-local', 'deleted-remote'],
};
const SEARCH_DEBOUNCE_MS = 200;

interface Source {
  connectionId: string;
  entity: string;
}

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
  const [sort, setSort] = useState<{ path: string; dir: 'asc' | 'desc' } | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  if (!source) return null;

  const onSearch = (text: string) => {
    setSearchText(text);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setSearch(text.trim()), SEARCH_DEBOUNCE_MS);
  };
  const onSort = (path: string) =>
    setSort((s) =>
      s?.path !== path ? { path, dir: 'asc' } : s.dir === 'asc' ? { path, dir: 'desc' } : undefined,
    );

  const toolbar = (
    <div className="catalog__toolbar">
      <label className="field">
        <span>{t('grid.source')}</span>
        <select
          value={sourceKey(source)}
          onChange={(e) => {
            setPicked(e.target.value);
            setSort(undefined);
          }}
        >
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
    </div>
  );
  return (
    <div className="catalog">
      <SourceGrid
        key={sourceKey(source)}
        toolbar={toolbar}
        source={source}
        name={source.name}
        stringsOnly={rulesFor(source.kind, source.entity)?.stringsOnly ?? false}
        search={search}
        state={FACETS[facet]}
        sort={sort}
        onSort={onSort}
      />
    </div>
  );
}

/** The count line comes first: it names the source in visible text (the picker's options are hidden). */
function SourceGrid(props: {
  toolbar: ReactNode;
  source: Source;
  name: string;
  stringsOnly: boolean;
  search: string;
  state: RecordState[] | undefined;
  sort: { path: string; dir: 'asc' | 'desc' } | undefined;
  onSort: (path: string) => void;
}) {
  const { connectionId, entity } = props.source;
  const columns = useQuery('catalog:getColumns', { connectionId, entity });
  const paths = columns.status === 'ready' ? columns.data.map((c) => c.path) : null;
  const query: RowQuery | null = paths
    ? {
        connectionId,
        entity,
        paths,
        ...(props.sort ? { sort: props.sort } : {}),
        ...(props.state ? { state: props.state } : {}),
        ...(props.search ? { search: props.search } : {}),
      }
    : null;
  const queryKey = JSON.stringify(query);
  const cache = useMemo(
    () => (queryKey === 'null' ? null : createRowCache(JSON.parse(queryKey) as RowQuery)),
    [queryKey],
  );
  return (
    <>
      {cache ? (
        <GridCount cache={cache} name={props.name} entity={entity} />
      ) : (
        <p className="catalog__count">{t('common.loading')}</p>
      )}
      {props.toolbar}
      <QueryView query={columns}>
        {(cols) =>
          cache ? (
            <CatalogGrid
              key={queryKey}
              cache={cache}
              columns={cols}
              connectionId={connectionId}
              stringsOnly={props.stringsOnly}
              sort={props.sort}
              onSort={props.onSort}
            />
          ) : null
        }
      </QueryView>
    </>
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
