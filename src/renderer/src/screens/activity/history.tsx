import type { ActivityEntry } from '../../../../shared/domain';
import { formatTime, t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { elapsed, formatCount } from './format';

/** Finished syncs, pushes and validations, newest first, with the outcome in the remote's words. */
export function ActivityHistory(props: { entries: ActivityEntry[] }) {
  if (props.entries.length === 0) {
    return <p className="activity-none muted">{t('activity.history.none')}</p>;
  }
  return (
    <table className="table activity-history">
      <thead>
        <tr>
          <th scope="col">{t('activity.history.what')}</th>
          <th scope="col">{t('activity.history.result')}</th>
          <th scope="col">{t('activity.history.when')}</th>
          <th scope="col">{t('activity.history.took')}</th>
          <th scope="col">{t('activity.history.details')}</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((a) => (
          <tr key={a.id}>
            <td>
              <span className="activity-history__title">{a.title}</span>
              <span className="muted activity-history__kind">
                {t(`activity.kind.${a.kind}` as MessageKey)}
              </span>
            </td>
            <td>
              <span className={`badge badge--activity-${a.status}`}>
                {t(`activity.status.${a.status}` as MessageKey)}
              </span>
            </td>
            <td>{formatTime(a.startedAt)}</td>
            <td className="activity-history__num">
              {a.finishedAt ? elapsed(a.startedAt, a.finishedAt) : ''}
            </td>
            <td
              className={
                a.status === 'failed' ? 'activity-history__message error-text' : 'activity-history__message'
              }
            >
              {a.message ??
                (a.total !== null
                  ? t('activity.history.items', { done: formatCount(a.done), total: formatCount(a.total) })
                  : '')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
