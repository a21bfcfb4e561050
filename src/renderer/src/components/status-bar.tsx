import { useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/use-query';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';

export function StatusBar() {
  const status = useQuery('app:getStatus', {}, ['status:changed']);
  // An external store: no connect event can slip between the first render and the subscription.
  const connected = useSyncExternalStore(api.onConnection, api.isConnected);

  const data = status.status === 'ready' ? status.data : null;
  return (
    <footer className="status-bar" role="status" aria-label={t('status.label')}>
      <span className={connected ? 'dot dot--ok' : 'dot dot--warn'} aria-hidden="true" />
      <span className="status-bar__core">
        {connected ? t('status.core.connected') : t('status.core.disconnected')}
      </span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span className="status-bar__conns">
        {data && data.connections.length === 0 ? <span>{t('status.noConnections')}</span> : null}
        {data?.connections.map((c) => {
          const label = t(`status.connection.${c.status}` as MessageKey);
          const quiet = c.status === 'online' || c.status === 'unknown';
          return (
            <span
              key={c.id}
              className="status-bar__conn"
              data-status={c.status}
              title={`${c.name}: ${label}`}
            >
              <span
                className={
                  c.status === 'online' ? 'dot dot--ok' : c.status === 'unknown' ? 'dot' : 'dot dot--warn'
                }
                aria-hidden="true"
              />
              {c.name}
              {quiet ? <span className="visually-hidden">: {label}</span> : `: ${label}`}
            </span>
          );
        })}
      </span>
      {data ? (
        <>
          <span className="status-bar__count">{t('status.pending', { n: data.pendingChanges })}</span>
          <span
            className={data.conflicts > 0 ? 'status-bar__count status-bar__count--warn' : 'status-bar__count'}
          >
            {t('status.conflicts', { n: data.conflicts })}
          </span>
          {data.rejected > 0 ? (
            <span className="status-bar__count status-bar__count--error">
              {t('status.rejected', { n: data.rejected })}
            </span>
          ) : null}
        </>
      ) : null}
    </footer>
  );
}
