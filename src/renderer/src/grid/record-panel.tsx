/**
 * The record panel: every field of one record (records:get) with nested and multilingual fields as
 * readable paths (`translations.de.name`), what the remote holds where it differs, conflicts, the
 * rejection reason, its images and its edit history (records:history). A modal side sheet: Escape
 * closes it and focus returns to the grid.
 *
 * Images: the CSP allows img-src 'self' data: blob: only (src/web/static.ts, src/main/csp.ts), so
 * remote image URLs are shown as links with their file name; only data:, blob: and same-origin
 * images are drawn as thumbnails.
 */
import { useEffect, useState } from 'react';
import type { EditHistoryEntry, GridRow, RecordDetail } from '../../../shared/domain';
import { useQuery } from '../api/use-query';
import { Modal } from '../components/modal';
import { formatTime, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { flatten, imageUrls, readable, recordTitle, resolveImage } from './record-text';
import type { ImageRef } from './record-text';

function Value(props: { value: unknown }) {
  const text = readable(props.value);
  return text === '' ? <span className="field-value--empty">{t('changes.value.empty')}</span> : <>{text}</>;
}

function Thumb(props: { image: ImageRef; alt: string }) {
  const { image } = props;
  const [failed, setFailed] = useState(false);
  if (image.inline && !failed) {
    return (
      <figure className="record-image">
        <img src={image.href} alt={props.alt} width={96} height={96} onError={() => setFailed(true)} />
        <figcaption>{image.name}</figcaption>
      </figure>
    );
  }
  return (
    <figure className="record-image record-image--link">
      <a href={image.href} target="_blank" rel="noreferrer noopener" title={image.href}>
        <svg className="record-image__icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
          <rect x="3" y="4" width="18" height="16" rx="2" />
          <circle cx="9" cy="9.5" r="1.8" />
          <path d="M4 18l5.5-5.5 3.5 3.5 2.5-2.5L20 18" />
        </svg>
        <span className="visually-hidden">{props.alt}: </span>
        <span className="record-image__name">{image.name}</span>
      </a>
    </figure>
  );
}

const STATE_KEYS: Record<RecordDetail['state'], MessageKey> = {
  clean: 'grid.panel.state.clean',
  dirty: 'grid.panel.state.dirty',
  conflict: 'grid.panel.state.conflict',
  new: 'grid.panel.state.new',
  'deleted-local': 'grid.panel.state.deletedLocal',
  'deleted-remote': 'grid.panel.state.deletedRemote',
};

function Fields(props: { detail: RecordDetail }) {
  const { detail } = props;
  const local = flatten(detail.local ?? detail.base ?? {});
  const base = flatten(detail.base ?? {});
  const paths = [...new Set([...local.keys(), ...base.keys()])];
  const conflicts = new Map(detail.conflicts.map((c) => [c.path, c]));
  const dirty = (path: string) =>
    detail.local !== null &&
    detail.dirtyPaths.some((p) => p === path || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
  return (
    <table className="table table--compact record-fields">
      <caption className="visually-hidden">{t('grid.panel.fields')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('grid.panel.field')}</th>
          <th scope="col">{t('grid.panel.value')}</th>
        </tr>
      </thead>
      <tbody>
        {paths.map((path) => {
          const conflict = conflicts.get(path);
          const changed = dirty(path);
          return (
            <tr
              key={path}
              className={conflict ? 'record-fields--conflict' : changed ? 'record-fields--dirty' : undefined}
            >
              <th scope="row" className="mono">
                {path}
              </th>
              <td>
                <Value value={local.get(path)} />
                {conflict ? (
                  <p className="record-fields__note">
                    {t('grid.panel.conflict', {
                      mine: readable(conflict.mine),
                      theirs: readable(conflict.theirs),
                    })}
                  </p>
                ) : changed ? (
                  <p className="record-fields__note">
                    {t('grid.panel.remoteValue', {
                      value: readable(base.get(path)) || t('changes.value.empty'),
                    })}
                  </p>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function History(props: { entries: EditHistoryEntry[] }) {
  if (props.entries.length === 0) return <p className="muted">{t('grid.panel.noHistory')}</p>;
  return (
    <table className="table table--compact record-history">
      <caption className="visually-hidden">{t('grid.panel.history')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('grid.panel.when')}</th>
          <th scope="col">{t('grid.panel.field')}</th>
          <th scope="col">{t('grid.panel.change')}</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr key={e.id} className={e.undone ? 'record-history--undone' : undefined}>
            <td className="record-history__when">{formatTime(e.createdAt)}</td>
            <td className="mono">{e.path}</td>
            <td>
              <Value value={e.old} /> <span aria-hidden="true">→</span>
              <span className="visually-hidden">{t('grid.fr.becomes')}</span> <Value value={e.new} />
              {e.undone ? (
                <span className="badge record-history__undone">{t('grid.panel.undone')}</span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecordPanel(props: {
  row: GridRow;
  rowNumber: number;
  total: number;
  connectionId: string;
  sourceName: string;
  onStep: (delta: -1 | 1) => void;
  onClose: () => void;
}) {
  const { row, onStep } = props;
  const title = recordTitle(row.cells, row.remoteId, row.recordId);
  const canPrev = props.rowNumber > 1;
  const canNext = props.rowNumber < props.total;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      e.preventDefault();
      if (e.key === 'ArrowUp' && canPrev) onStep(-1);
      if (e.key === 'ArrowDown' && canNext) onStep(1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onStep, canPrev, canNext]);
  return (
    <Modal title={title} onClose={props.onClose} className="modal--drawer">
      <div className="record-panel">
        <div className="record-panel__meta">
          <span title={props.sourceName}>
            {t('grid.panel.rowOf', { n: props.rowNumber, total: props.total })}
            {row.remoteId ? ` · ${t('grid.panel.remoteId', { id: row.remoteId })}` : ''}
          </span>
          <span className={`badge badge--state-${row.state}`}>{t(STATE_KEYS[row.state])}</span>
          <span className="record-panel__nav">
            <button
              type="button"
              disabled={!canPrev}
              aria-keyshortcuts="Alt+ArrowUp"
              onClick={() => onStep(-1)}
            >
              {t('grid.panel.previous')}
            </button>
            <button
              type="button"
              disabled={!canNext}
              aria-keyshortcuts="Alt+ArrowDown"
              onClick={() => onStep(1)}
            >
              {t('grid.panel.next')}
            </button>
          </span>
        </div>
        {row.rejected ? (
          <p className="record-panel__callout record-panel__callout--error">
            {t('grid.status.rejected', { reason: row.rejected })}
          </p>
        ) : null}
        <RecordBody
          key={row.recordId}
          recordId={row.recordId}
          connectionId={props.connectionId}
          title={title}
        />
      </div>
    </Modal>
  );
}

/** Keyed by record, so stepping to the next record never shows the previous one's history. */
function RecordBody(props: { recordId: number; connectionId: string; title: string }) {
  const { recordId, title } = props;
  const detail = useQuery('records:get', { recordId }, ['records:changed']);
  const history = useQuery('records:history', { recordId, limit: 200 }, ['records:changed']);
  const connections = useQuery('connections:list', {});
  const baseUrl =
    connections.status === 'ready'
      ? connections.data.find((c) => c.id === props.connectionId)?.baseUrl
      : undefined;
  const data = detail.status === 'ready' ? detail.data : null;
  const doc = data ? (data.local ?? data.base) : null;
  // Relative image URLs need the connection's address: wait for it rather than guess this page's.
  const images =
    connections.status === 'loading'
      ? []
      : imageUrls(doc)
          .map((src) => resolveImage(src, baseUrl, window.location.origin))
          .filter((i): i is ImageRef => i !== null);
  const remoteImages = images.some((i) => !i.inline);
  return (
    <>
      {data && data.conflicts.length > 0 ? (
        <p className="record-panel__callout record-panel__callout--error">
          {t('grid.panel.conflicts', { n: data.conflicts.length })}
        </p>
      ) : null}
      {detail.status === 'error' ? (
        <p className="error-text" role="alert">
          {detail.error.message}
        </p>
      ) : null}

      {images.length > 0 ? (
        <section aria-labelledby="record-images">
          <h3 id="record-images" className="record-panel__heading">
            {t('grid.panel.images', { n: images.length })}
          </h3>
          <div className="record-images">
            {images.map((image, i) => (
              <Thumb
                key={`${image.href}-${i}`}
                image={image}
                alt={t('grid.panel.imageAlt', { title, n: i + 1, total: images.length })}
              />
            ))}
          </div>
          {remoteImages ? <p className="muted record-panel__small">{t('grid.panel.remoteImages')}</p> : null}
        </section>
      ) : null}

      <section aria-labelledby="record-fields">
        <h3 id="record-fields" className="record-panel__heading">
          {t('grid.panel.fields')}
        </h3>
        {data ? <Fields detail={data} /> : <p className="muted">{t('common.loading')}</p>}
      </section>

      <section aria-labelledby="record-history">
        <h3 id="record-history" className="record-panel__heading">
          {t('grid.panel.history')}
        </h3>
        {history.status === 'ready' ? (
          <History entries={history.data} />
        ) : history.status === 'error' ? (
          <p className="error-text">{history.error.message}</p>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </section>
    </>
  );
}
