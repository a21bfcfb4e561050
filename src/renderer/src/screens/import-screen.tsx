import { useQuery } from '../api/use-query';
import { EmptyState } from '../components/empty-state';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { formatTime, t } from '../i18n';

export function ImportScreen() {
  const runs = useQuery('validation:listRuns', {});
  const jobs = useQuery('imports:listJobs', {});
  const bothEmpty =
    runs.status === 'ready' && jobs.status === 'ready' && runs.data.length === 0 && jobs.data.length === 0;
  return (
    <Screen title={t('import.title')} subtitle={t('import.subtitle')}>
      {bothEmpty ? (
        <EmptyState icon="⤓" title={t('import.empty.title')} body={t('import.empty.body')} />
      ) : (
        <>
          <h2 className="section-title">{t('import.runs')}</h2>
          <QueryView query={runs}>
            {(items) => (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('import.col.file')}</th>
                    <th scope="col">{t('import.col.template')}</th>
                    <th scope="col">{t('import.col.rows')}</th>
                    <th scope="col">{t('import.col.errors')}</th>
                    <th scope="col">{t('import.col.warnings')}</th>
                    <th scope="col">{t('import.col.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id}>
                      <td>{r.fileName}</td>
                      <td>{r.template}</td>
                      <td>{r.rows.toLocaleString('en')}</td>
                      <td>{r.errors.toLocaleString('en')}</td>
                      <td>{r.warnings.toLocaleString('en')}</td>
                      <td>{formatTime(r.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </QueryView>
          <h2 className="section-title">{t('import.jobs')}</h2>
          <QueryView query={jobs}>
            {(items) => (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('import.col.file')}</th>
                    <th scope="col">{t('import.col.stage')}</th>
                    <th scope="col">{t('import.col.status')}</th>
                    <th scope="col">{t('import.col.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((j) => (
                    <tr key={j.id}>
                      <td>{j.fileName}</td>
                      <td>{j.stage}</td>
                      <td>{j.status}</td>
                      <td>{formatTime(j.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </QueryView>
        </>
      )}
    </Screen>
  );
}
