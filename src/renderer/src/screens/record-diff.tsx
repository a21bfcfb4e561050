import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/use-query';
import { QueryView } from '../components/query-view';
import { t } from '../i18n';
import { FieldValue, valueAt } from './field-value';

/** The edited fields of one record, base → local, with revert per field and for the record. */
export function RecordDiff(props: { recordId: number; label: string }) {
  const record = useQuery('records:get', { recordId: props.recordId }, ['records:changed']);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const revert = (path?: string) => {
    setBusy(true);
    api
      .invoke('edits:revert', path ? { recordId: props.recordId, path } : { recordId: props.recordId })
      .then(
        () => setMessage(null),
        (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => {
        setBusy(false);
        record.reload();
      });
  };

  return (
    <div className="diff">
      {message ? (
        <div className="error-box" role="alert">
          {message}
        </div>
      ) : null}
      <QueryView query={record}>
        {(detail) =>
          detail.dirtyPaths.length === 0 ? (
            <p className="muted">{t('changes.diff.none')}</p>
          ) : (
            <table
              className="table diff__table"
              aria-label={t('changes.diff.label', { record: props.label })}
            >
              <thead>
                <tr>
                  <th scope="col">{t('changes.diff.path')}</th>
                  <th scope="col">{t('changes.diff.base')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('changes.diff.arrow')}</span>
                  </th>
                  <th scope="col">{t('changes.diff.local')}</th>
                  <th scope="col" className="actions">
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t('changes.revertRecordOne', { record: props.label })}
                      onClick={() => revert()}
                    >
                      {t('changes.revertRecord')}
                    </button>
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.dirtyPaths.map((path) => (
                  <tr key={path}>
                    <td className="mono">{path}</td>
                    <td className="diff__base">
                      <FieldValue value={valueAt(detail.base, path)} />
                    </td>
                    <td className="diff__arrow" aria-hidden="true">
                      →
                    </td>
                    <td className="diff__local">
                      <FieldValue value={valueAt(detail.local, path)} />
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={t('changes.revertFieldOne', { path, record: props.label })}
                        onClick={() => revert(path)}
                      >
                        {t('changes.revertField')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </div>
  );
}
