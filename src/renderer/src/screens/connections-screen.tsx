import { useState } from 'react';
import type { Connection } from '../../../shared/domain';
import { api } from '../api/client';
import { useQuery } from '../api/use-query';
import { EmptyState } from '../components/empty-state';
import { ConfirmDialog } from '../components/modal';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { showToast } from '../components/toasts';
import { t } from '../i18n';
import { useSyncProgress } from './activity/running-work';
import { ConnectionForm } from './connections/connection-form';
import { ConnectionRow } from './connections/connection-row';

type Editing = { mode: 'add' } | { mode: 'edit'; connection: Connection } | null;

function RemoveDialog(props: { connection: Connection; onDone: (removed: boolean) => void }) {
  const { connection } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      title={t('connections.removeTitle', { name: connection.name })}
      body={t('connections.removeBody')}
      confirmLabel={t('connections.remove')}
      danger
      busy={busy}
      error={error}
      onCancel={() => props.onDone(false)}
      onConfirm={() => {
        setBusy(true);
        api.invoke('connections:remove', { connectionId: connection.id }).then(
          () => props.onDone(true),
          (err: unknown) => {
            setBusy(false);
            setError(err instanceof Error ? err.message : String(err));
          },
        );
      }}
    />
  );
}

export function ConnectionsScreen() {
  const connections = useQuery('connections:list', {}, ['status:changed', 'activity:updated']);
  const progress = useSyncProgress();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const items = connections.data ?? [];

  const syncAll = () => {
    api.invoke('sync:start', {}).then(
      () => setMessage(null),
      (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
    );
  };

  return (
    <Screen
      title={t('connections.title')}
      subtitle={t('connections.subtitle')}
      actions={
        <>
          {items.length > 0 ? (
            <button type="button" onClick={syncAll}>
              {t('connections.syncAll')}
            </button>
          ) : null}
          <button type="button" className="primary" onClick={() => setEditing({ mode: 'add' })}>
            {t('connections.add')}
          </button>
        </>
      }
    >
      {message ? (
        <div className="error-box" role="alert">
          {message}
        </div>
      ) : null}
      <QueryView query={connections}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              icon="⇄"
              title={t('connections.empty.title')}
              body={t('connections.empty.bodyForm')}
              action={
                <button type="button" className="primary" onClick={() => setEditing({ mode: 'add' })}>
                  {t('connections.addFirst')}
                </button>
              }
            />
          ) : (
            <>
              {list.some((c) => c.demo) ? (
                <p className="conn-demo-note">{t('connections.demoNote')}</p>
              ) : null}
              <table className="table conn-table">
                <thead>
                  <tr>
                    <th scope="col">{t('connections.col.nameAndUrl')}</th>
                    <th scope="col">{t('connections.col.kind')}</th>
                    <th scope="col">{t('connections.col.status')}</th>
                    <th scope="col">{t('connections.col.lastSync')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('connections.col.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((c) => (
                    <ConnectionRow
                      key={c.id}
                      connection={c}
                      progress={progress[c.id]}
                      onEdit={() => setEditing({ mode: 'edit', connection: c })}
                      onRemove={() => setRemoving(c)}
                      onChanged={connections.reload}
                    />
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </QueryView>

      {editing ? (
        <ConnectionForm
          connection={editing.mode === 'edit' ? editing.connection : null}
          onClose={() => setEditing(null)}
          onSaved={(conn, closing) => {
            connections.reload();
            if (closing) {
              setEditing(null);
              showToast({ tone: 'success', title: t('connections.saved', { name: conn.name }), body: '' });
            }
          }}
        />
      ) : null}
      {removing ? (
        <RemoveDialog
          connection={removing}
          onDone={(removed) => {
            setRemoving(null);
            if (removed) {
              connections.reload();
              showToast({ tone: 'info', title: t('connections.removed', { name: removing.name }), body: '' });
            }
          }}
        />
      ) : null}
    </Screen>
  );
}
