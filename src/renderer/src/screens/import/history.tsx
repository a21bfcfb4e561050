/** Earlier validation runs (each can be opened again in the wizard) and remote import jobs. */
import { useQuery } from '../../api/use-query';
import { QueryView } from '../../components/query-view';
import { formatTime, t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { stageLabel } from '../activity/stages';
import { baseName } from './plural';
import { openRun, useWizard } from './wizard-store';

const HISTORY_ROWS = 10;

export function ImportHistory() {
  const runs = useQuery('validation:listRuns', {}, ['validation:finished']);
  const templates = useQuery('validation:listTemplates', {});
  const templateName = (id: string) =>
    id === 'detecting' ? '—' : (templates.data?.find((x) => x.id === id)?.name ?? id);
  const jobs = useQuery('imports:listJobs', {}, ['job:updated', 'job:finished']);
  const w = useWizard();
  const current = w.run?.runId;
  const empty =
    runs.status === 'ready' && jobs.status === 'ready' && runs.data.length === 0 && jobs.data.length === 0;
  if (empty) return null;
  return (
    <section className="iw-history" aria-labelledby="iw-history-title">
      <h2 id="iw-history-title" className="section-title">
        {t('import.history.title')}
      </h2>
      <h3 className="iw-subtitle">{t('import.runs')}</h3>
      <QueryView query={runs}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">{t('import.history.noRuns')}</p>
          ) : (
            <table className="table table--compact iw-history__table">
              <thead>
                <tr>
                  <th scope="col">{t('import.col.file')}</th>
                  <th scope="col">{t('import.col.template')}</th>
                  <th scope="col">{t('import.col.rows')}</th>
                  <th scope="col">{t('import.col.errors')}</th>
                  <th scope="col">{t('import.col.warnings')}</th>
                  <th scope="col">{t('import.col.when')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('import.history.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.slice(0, HISTORY_ROWS).map((r) => (
                  <tr key={r.id} className={r.id === current ? 'iw-history--current' : undefined}>
                    <td className="iw-history__file" title={r.fileName}>
                      {baseName(r.fileName)}
                    </td>
                    <td>{templateName(r.template)}</td>
                    <td>{r.rows.toLocaleString('en')}</td>
                    <td className={r.errors > 0 ? 'iw-count--error' : undefined}>
                      {r.errors.toLocaleString('en')}
                    </td>
                    <td>{r.warnings.toLocaleString('en')}</td>
                    <td>{formatTime(r.createdAt)}</td>
                    <td className="actions">
                      {r.id === current ? (
                        <span className="muted">{t('import.history.shown')}</span>
                      ) : r.status === 'done' ? (
                        <button
                          type="button"
                          aria-label={t('import.history.openOne', { file: baseName(r.fileName), id: r.id })}
                          onClick={() => void openRun(r.id)}
                        >
                          {t('import.history.open')}
                        </button>
                      ) : (
                        <span className="muted">{t(`import.history.status.${r.status}` as MessageKey)}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
      <h3 className="iw-subtitle">{t('import.jobs')}</h3>
      <QueryView query={jobs}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">{t('import.history.noJobs')}</p>
          ) : (
            <table className="table table--compact iw-history__table">
              <thead>
                <tr>
                  <th scope="col">{t('import.col.file')}</th>
                  <th scope="col">{t('import.col.stage')}</th>
                  <th scope="col">{t('import.col.status')}</th>
                  <th scope="col">{t('import.col.when')}</th>
                </tr>
              </thead>
              <tbody>
                {items.slice(0, HISTORY_ROWS).map((j) => (
                  <tr key={j.id}>
                    <td className="iw-history__file">{baseName(j.fileName)}</td>
                    <td>
                      {stageLabel(j.stage)}
                      {j.status === 'running' && j.percent !== null ? ` · ${Math.round(j.percent)}%` : ''}
                    </td>
                    <td>
                      <span className={`badge badge--job-${j.status}`}>
                        {t(`activity.job.status.${j.status}` as MessageKey)}
                      </span>
                    </td>
                    <td>{formatTime(j.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </section>
  );
}
