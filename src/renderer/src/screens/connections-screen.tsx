import { useEffect, useState } from 'react';
import type { SyncProgress } from '../../../shared/domain';
import { api } from '../api/client';
import { useQuery } from '../api/use-query';
import { EmptyState } from '../components/empty-state';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { formatTime, t } from '../i18n';
import type { MessageKey } from '../i18n';

/** Latest sync progress per connection, from sync:progress events. */
function useSyncProgress(): Record<string, SyncProgress> {
  const [progress, setProgress] = useState<Record<string, SyncProgress>>({});
  useEffect(
    () => api.on('sync:progress', (p) => setProgress((prev) => ({ ...prev, [p.connectionId]: p }))),
    [],
  );
  return progress;
}

export function ConnectionsScreen() {
  const connections = useQuery('connections:list', {}, ['status:changed', 'activity:updated']);
  const progress = useSyncProgress();
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [message, setMessage] = useState<string | null>(null);

  const act = (id: string, work: () => Promise<unknown>) => {
    setBusy((b) => ({ ...b, [id]: true }));
    work()
      .then(
        () => setMessage(null),
        (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => {
        setBusy((b) => ({ ...b, [id]: false }));
        connections.reload();
      });
  };

  return (
    <Screen
      title={t('connections.title')}
      subtitle={t('connections.subtitle')}
      actions={
        <button
          type="button"
          className="primary"
          onClick={() => act('*', () => api.invoke('sync:start', {}))}
        >
          {t('connections.syncAll')}
        </button>
      }
    >
      {message ? (
        <div className="error-box" role="alert">
          {message}
        </div>
      ) : null}
      <QueryView query={connections}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState icon="⇄" title={t('connections.empty.title')} body={t('connections.empty.body')} />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('connections.col.name')}</th>
                  <th scope="col">{t('connections.col.kind')}</th>
                  <th scope="col">{t('connections.col.url')}</th>
                  <th scope="col">{t('connections.col.status')}</th>
                  <th scope="col">{t('connections.col.lastSync')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('connections.col.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => {
                  const p = progress[c.id];
                  return (
                    <tr key={c.id}>
                      <td>
                        {c.name}{' '}
                        {c.demo ? <span className="badge badge--demo">{t('common.demo')}</span> : null}
                      </td>
                      <td>{t(`connections.kind.${c.kind}` as MessageKey)}</td>
                      <td className="mono">{c.baseUrl}</td>
                      <td>
                        <span className={`badge badge--${c.status}`}>
                          {t(`status.connection.${c.status}` as MessageKey)}
                        </span>
                        {p && p.state === 'running' ? (
                          <div className="muted">
                            {t('connections.progress', {
                              entity: p.entity,
                              done: p.done,
                              total: p.total ?? '?',
                            })}
                          </div>
                        ) : null}
                        {c.lastError ? <div className="error-text">{c.lastError}</div> : null}
                      </td>
                      <td>{formatTime(c.lastSyncAt)}</td>
                      <td className="actions">
                        <button
                          type="button"
                          disabled={busy[c.id]}
                          aria-label={t('connections.syncOne', { name: c.name })}
                          onClick={() => act(c.id, () => api.invoke('sync:start', { connectionId: c.id }))}
                        >
                          {t('connections.sync')}
                        </button>
                        <button
                          type="button"
                          disabled={busy[c.id]}
                          aria-label={t('connections.removeOne', { name: c.name })}
                          onClick={() => {
                            if (window.confirm(t('connections.confirmRemove', { name: c.name }))) {
                              act(c.id, () => api.invoke('connections:remove', { connectionId: c.id }));
                            }
                          }}
                        >
                          {t('connections.remove')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </Screen>
  );
}
