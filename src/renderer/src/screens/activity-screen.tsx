import { useQuery } from '../api/use-query';
import { EmptyState } from '../components/empty-state';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { formatTime, t } from '../i18n';

export function ActivityScreen() {
  const activity = useQuery('activity:list', {}, ['activity:updated']);
  return (
    <Screen title={t('activity.title')} subtitle={t('activity.subtitle')}>
      <QueryView query={activity}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState icon="◷" title={t('activity.empty.title')} body={t('activity.empty.body')} />
          ) : (
            <ul className="activity">
              {items.map((a) => (
                <li key={a.id} className={`activity__item activity__item--${a.status}`}>
                  <div className="activity__title">{a.title}</div>
                  <div className="muted">
                    {formatTime(a.startedAt)} · {a.status}
                    {a.message ? ` · ${a.message}` : ''}
                  </div>
                  {a.total ? (
                    <progress max={a.total} value={a.done} aria-label={a.title}>
                      {a.done}/{a.total}
                    </progress>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Screen>
  );
}
