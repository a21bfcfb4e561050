import { useQuery } from '../api/use-query';
import { EmptyState } from '../components/empty-state';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { t } from '../i18n';

export function ChangesScreen() {
  const changes = useQuery('changes:list', {}, ['status:changed']);
  const conflicts = useQuery('conflicts:list', {}, ['status:changed']);
  return (
    <Screen title={t('changes.title')} subtitle={t('changes.subtitle')}>
      <QueryView query={changes}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState icon="⇅" title={t('changes.empty.title')} body={t('changes.empty.body')} />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('changes.col.record')}</th>
                  <th scope="col">{t('changes.col.operation')}</th>
                  <th scope="col">{t('changes.col.state')}</th>
                  <th scope="col">{t('changes.col.attempts')}</th>
                  <th scope="col">{t('changes.col.message')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      {item.entity} {item.remoteId ?? `#${item.recordId}`}
                    </td>
                    <td>{item.op}</td>
                    <td>
                      <span className={`badge badge--${item.state}`}>{item.state}</span>
                    </td>
                    <td>{item.attempts}</td>
                    <td>{item.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
      <h2 className="section-title">{t('changes.conflicts.title')}</h2>
      <QueryView query={conflicts}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">{t('changes.conflicts.empty')}</p>
          ) : (
            <ul className="plain">
              {items.map((c) => (
                <li key={`${c.recordId}:${c.path}`}>
                  {c.entity} {c.remoteId} · {c.path}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Screen>
  );
}
