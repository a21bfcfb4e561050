/** What is mirrored from one connection: records per entity, the queue, and each cursor's state. */
import { useQuery } from '../../api/use-query';
import { QueryView } from '../../components/query-view';
import { formatTime, t } from '../../i18n';
import type { MessageKey } from '../../i18n';

const count = (n: number) => n.toLocaleString('en');

export function ConnectionDetailPanel(props: { connectionId: string; name: string }) {
  const detail = useQuery('connections:getDetail', { connectionId: props.connectionId }, [
    'status:changed',
    'activity:updated',
  ]);
  return (
    <QueryView query={detail}>
      {(d) => {
        const cursors = new Map(d.cursors.map((c) => [c.entity, c]));
        const queued = Object.entries(d.outbox).filter(([, n]) => n > 0);
        return (
          <div className="conn-detail">
            {d.entities.length === 0 && d.cursors.length === 0 ? (
              <p className="muted">{t('connections.detail.nothing')}</p>
            ) : (
              <table className="table table--compact conn-detail__table">
                <caption className="visually-hidden">
                  {t('connections.detail.caption', { name: props.name })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('connections.detail.entity')}</th>
                    <th scope="col">{t('connections.detail.records')}</th>
                    <th scope="col">{t('connections.detail.dirty')}</th>
                    <th scope="col">{t('connections.detail.conflicts')}</th>
                    <th scope="col">{t('connections.detail.cursor')}</th>
                    <th scope="col">{t('connections.detail.completed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...new Set([...d.entities.map((e) => e.entity), ...d.cursors.map((c) => c.entity)])].map(
                    (entity) => {
                      const e = d.entities.find((x) => x.entity === entity);
                      const c = cursors.get(entity);
                      return (
                        <tr key={entity}>
                          <th scope="row">{entity}</th>
                          <td>{count(e?.records ?? 0)}</td>
                          <td>{count(e?.dirty ?? 0)}</td>
                          <td>{count(e?.conflicts ?? 0)}</td>
                          <td>
                            {c
                              ? t(`connections.cursor.${c.runState}` as MessageKey)
                              : t('connections.cursor.none')}
                            {c?.lastError ? <div className="error-text">{c.lastError}</div> : null}
                          </td>
                          <td>{formatTime(c?.lastCompletedAt ?? null)}</td>
                        </tr>
                      );
                    },
                  )}
                </tbody>
              </table>
            )}
            <p className="muted conn-detail__queue">
              {queued.length === 0
                ? t('connections.detail.queueEmpty')
                : t('connections.detail.queue', {
                    items: queued.map(([state, n]) => `${count(n)} ${state}`).join(', '),
                  })}
              {d.syncing ? ` · ${t('connections.detail.syncing')}` : ''}
            </p>
          </div>
        );
      }}
    </QueryView>
  );
}
