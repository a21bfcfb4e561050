import { Fragment, useState } from 'react';
import type { OutboxItem } from '../../../shared/domain';
import { useQuery } from '../api/use-query';
import { EmptyState } from '../components/empty-state';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { formatTime, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { ConflictsPanel } from './conflicts-panel';
import { PushToolbar, usePushProgress } from './push-toolbar';
import { RecordDiff } from './record-diff';

function itemLabel(item: OutboxItem): string {
  return `${item.entity} ${item.remoteId ?? `#${item.recordId}`}`;
}

/** Pending items grouped by connection, in the order the list gives them. */
function byConnection(items: OutboxItem[]): [string, OutboxItem[]][] {
  const groups = new Map<string, OutboxItem[]>();
  for (const item of items) groups.set(item.connectionId, [...(groups.get(item.connectionId) ?? []), item]);
  return [...groups];
}

function StateCell(props: { item: OutboxItem }) {
  const { item } = props;
  return (
    <>
      <span className={`badge badge--${item.state}`}>{t(`changes.state.${item.state}` as MessageKey)}</span>
      {item.state === 'retrying' && item.nextAttemptAt ? (
        <div className="muted change__when">
          {t('changes.retryingAt', { time: formatTime(item.nextAttemptAt) })}
        </div>
      ) : null}
    </>
  );
}

export function ChangesScreen() {
  // push:progress reloads too, so states move from queued to sent while a push runs.
  const changes = useQuery('changes:list', {}, ['status:changed', 'push:progress', 'records:changed']);
  const connections = useQuery('connections:list', {}, ['status:changed']);
  const progress = usePushProgress();
  const [open, setOpen] = useState<Record<number, boolean>>({});
  const names = new Map((connections.data ?? []).map((c) => [c.id, c]));

  return (
    <Screen title={t('changes.title')} subtitle={t('changes.subtitle')}>
      <QueryView query={changes}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState icon="⇅" title={t('changes.empty.title')} body={t('changes.empty.body')} />
          ) : (
            byConnection(items).map(([connectionId, group]) => (
              <div key={connectionId} className="change-group">
                <PushToolbar
                  connectionId={connectionId}
                  connection={names.get(connectionId)}
                  progress={progress[connectionId]}
                  pending={group.filter((i) => i.state !== 'sent' && i.state !== 'cancelled').length}
                  onDone={() => {
                    changes.reload();
                    connections.reload();
                  }}
                />
                <table className="table changes-table">
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
                    {group.map((item) => {
                      const label = itemLabel(item);
                      const expanded = open[item.id] === true;
                      return (
                        <Fragment key={item.id}>
                          <tr className={item.state === 'sent' ? 'change change--sent' : 'change'}>
                            <td>
                              <button
                                type="button"
                                className="change__toggle"
                                aria-expanded={expanded}
                                aria-label={t('changes.showDiff', { record: label })}
                                onClick={() => setOpen((o) => ({ ...o, [item.id]: !expanded }))}
                              >
                                <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {label}
                              </button>
                            </td>
                            <td>{t(`changes.op.${item.op}` as MessageKey)}</td>
                            <td>
                              <StateCell item={item} />
                            </td>
                            <td>{item.attempts}</td>
                            <td
                              className={
                                item.state === 'rejected' ? 'change__message error-text' : 'change__message'
                              }
                            >
                              {item.lastError ?? ''}
                            </td>
                          </tr>
                          {expanded ? (
                            <tr className="change__detail">
                              <td colSpan={5}>
                                <RecordDiff recordId={item.recordId} label={label} />
                              </td>
                            </tr>
                          ) : null}
                        </Fragment>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ))
          )
        }
      </QueryView>
      <ConflictsPanel />
    </Screen>
  );
}
