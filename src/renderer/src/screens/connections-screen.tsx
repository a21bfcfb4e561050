import { useQuery } from '../api/use-query';
import { EmptyState } from '../components/empty-state';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { formatTime, t } from '../i18n';
import type { MessageKey } from '../i18n';

export function ConnectionsScreen() {
  const connections = useQuery('connections:list', {}, ['status:changed']);
  return (
    <Screen title={t('connections.title')} subtitle={t('connections.subtitle')}>
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
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.name} {c.demo ? <span className="badge badge--demo">{t('common.demo')}</span> : null}
                    </td>
                    <td>{t(`connections.kind.${c.kind}` as MessageKey)}</td>
                    <td className="mono">{c.baseUrl}</td>
                    <td>
                      <span className={`badge badge--${c.status}`}>
                        {t(`status.connection.${c.status}` as MessageKey)}
                      </span>
                      {c.lastError ? <div className="error-text">{c.lastError}</div> : null}
                    </td>
                    <td>{formatTime(c.lastSyncAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </Screen>
  );
}
