import { Fragment, useState } from 'react';
import type { Connection, SyncProgress } from '../../../../shared/domain';
import { api } from '../../api/client';
import { formatTime, t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { progressLine } from '../activity/format';
import { ConnectionDetailPanel } from './connection-detail';
import { CONNECTION_KINDS } from './kinds';

const COLUMNS = 5;

/** One connection: status with the last error, live sync progress, and its actions. */
export function ConnectionRow(props: {
  connection: Connection;
  progress: SyncProgress | undefined;
  onEdit: () => void;
  onRemove: () => void;
  onChanged: () => void;
}) {
  const c = props.connection;
  const p = props.progress;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<'sync' | 'test' | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const detailId = `conn-${c.id}-detail`;
  const syncing = p?.state === 'running';

  const run = (kind: 'sync' | 'test') => {
    setBusy(kind);
    setResult(null);
    const work: Promise<{ ok: boolean; message: string } | null> =
      kind === 'sync'
        ? api.invoke('sync:start', { connectionId: c.id }).then(() => null)
        : api.invoke('connections:test', { connectionId: c.id });
    work
      .then(
        (r) => setResult(r),
        (err: unknown) => setResult({ ok: false, message: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => {
        setBusy(null);
        props.onChanged();
      });
  };

  const problem =
    c.status === 'error' || c.status === 'offline' || c.status === 'stopped' || c.status === 'paused';
  return (
    <Fragment>
      <tr className={problem ? 'conn-row conn-row--problem' : 'conn-row'}>
        <td>
          <button
            type="button"
            className="conn-row__toggle"
            aria-expanded={open}
            aria-controls={detailId}
            title={t(open ? 'connections.detail.hide' : 'connections.detail.show')}
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true" className="conn-row__caret">
              {open ? '▾' : '▸'}
            </span>
            {c.name}
          </button>
          {c.demo ? <span className="badge badge--demo">{t('common.demo')}</span> : null}
          <div className="mono conn-row__url">{c.baseUrl}</div>
        </td>
        <td>{t(CONNECTION_KINDS[c.kind].label)}</td>
        <td>
          <span className={`badge badge--${c.status}`}>
            {t(`status.connection.${c.status}` as MessageKey)}
          </span>
          {syncing ? (
            <div className="muted conn-row__progress">
              {t('connections.syncing', { entity: p.entity, progress: progressLine(p) })}
            </div>
          ) : null}
        </td>
        <td>{formatTime(c.lastSyncAt)}</td>
        <td className="actions">
          <button
            type="button"
            disabled={busy !== null || syncing}
            aria-label={t('connections.syncOne', { name: c.name })}
            onClick={() => run('sync')}
          >
            {syncing ? t('connections.syncingShort') : t('connections.sync')}
          </button>
          <button
            type="button"
            disabled={busy !== null}
            aria-label={t('connections.testOne', { name: c.name })}
            onClick={() => run('test')}
          >
            {t('connections.test')}
          </button>
          <button
            type="button"
            aria-label={t('connections.editOne', { name: c.name })}
            onClick={props.onEdit}
          >
            {t('connections.edit')}
          </button>
          <button
            type="button"
            className="danger-quiet"
            aria-label={t('connections.removeOne', { name: c.name })}
            onClick={props.onRemove}
          >
            {t('connections.remove')}
          </button>
        </td>
      </tr>
      {/* Full width under the row: the remote's reasons are sentences, not cell values. */}
      <tr className="conn-row__note">
        <td colSpan={COLUMNS}>
          <div className="conn-row__result" role="status" aria-live="polite">
            {busy === 'test' ? <span className="muted">{t('connections.form.testing')}</span> : null}
            {result ? (
              <p className={result.ok ? 'conn-test--ok' : 'conn-test--failed'}>
                <span aria-hidden="true">{result.ok ? '✓ ' : '✕ '}</span>
                {t('connections.test.result', { name: c.name })} {result.message}
              </p>
            ) : null}
          </div>
          {c.lastError ? (
            <p className="conn-row__error error-text">
              <span aria-hidden="true">⚠ </span>
              {t('connections.lastError', { name: c.name })} {c.lastError}
            </p>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr className="conn-row__detail" id={detailId}>
          <td colSpan={COLUMNS}>
            <ConnectionDetailPanel connectionId={c.id} name={c.name} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
