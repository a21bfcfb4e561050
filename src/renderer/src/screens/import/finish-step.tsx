/**
 * Step 5: what happened. After "Apply": the edits queued and the rows left out with the reasons,
 * and the way to the Changes screen where they are pushed. For an importer connection (Wizart,
 * Broadleaf): the upload of the same file (and its image ZIP) with imports:start, then the job
 * followed live to its end (the Activity screen's job card: stages, percent, the remote's issues).
 */
import { useEffect, useRef, useState } from 'react';
import type { ApplyOutcome } from '../../../../shared/validation';
import { api } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { QueryView } from '../../components/query-view';
import { t } from '../../i18n';
import { JobCard } from '../activity/job-card';
import { kindLabel } from './files-step';
import { tn } from './plural';
import { importTypeFor, useTarget } from './use-target';
import { goTo, resetWizard, setJob, useWizard } from './wizard-store';

export function FinishStep(props: { onNavigate: (area: 'changes' | 'activity') => void }) {
  const w = useWizard();
  if (w.outcome) return <ApplyResult outcome={w.outcome} onNavigate={props.onNavigate} />;
  if (w.jobId !== null) return <JobFollow jobId={w.jobId} onNavigate={props.onNavigate} />;
  return <UploadForm />;
}

function useFocusHeading() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

function ApplyResult(props: { outcome: ApplyOutcome; onNavigate: (area: 'changes') => void }) {
  const { outcome } = props;
  const target = useTarget();
  const heading = useFocusHeading();
  const queued = outcome.updated + outcome.created;
  return (
    <section className="iw-outcome" aria-labelledby="iw-outcome-title">
      <h2 id="iw-outcome-title" ref={heading} tabIndex={-1}>
        {queued > 0 ? t('import.outcome.title') : t('import.outcome.titleNothing')}
      </h2>
      <ul className="iw-diffcounts plain" aria-label={t('import.outcome.counts')}>
        <li className="iw-diffcount iw-diffcount--modified">
          <span className="iw-diffcount__n">{outcome.updated.toLocaleString('en')}</span>
          <span className="iw-diffcount__label">{t('import.outcome.updated')}</span>
          <span className="iw-diffcount__sub muted">{tn('import.diff.fields', outcome.fields)}</span>
        </li>
        <li className="iw-diffcount iw-diffcount--new">
          <span className="iw-diffcount__n">{outcome.created.toLocaleString('en')}</span>
          <span className="iw-diffcount__label">{t('import.outcome.created')}</span>
        </li>
        <li className="iw-diffcount iw-diffcount--unchanged">
          <span className="iw-diffcount__n">{outcome.unchanged.toLocaleString('en')}</span>
          <span className="iw-diffcount__label">{t('import.diff.unchanged')}</span>
        </li>
        <li className="iw-diffcount iw-diffcount--invalid">
          <span className="iw-diffcount__n">{outcome.skippedCount.toLocaleString('en')}</span>
          <span className="iw-diffcount__label">{t('import.outcome.skipped')}</span>
        </li>
      </ul>
      <p>
        {queued > 0
          ? t('import.outcome.body', { name: target.connection?.name ?? outcome.connectionId })
          : t('import.outcome.bodyNothing')}
      </p>
      {outcome.skipped.length > 0 ? (
        <>
          <h3 className="iw-subtitle">{t('import.outcome.skippedTitle')}</h3>
          <table className="table iw-diff" aria-label={t('import.outcome.skippedTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('import.issue.row')}</th>
                <th scope="col">{t('import.outcome.key')}</th>
                <th scope="col">{t('import.diff.why')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.skipped.map((s) => (
                <tr key={`${s.row}-${s.key}`}>
                  <td>{s.row}</td>
                  <td className="mono">{s.key || '—'}</td>
                  <td>{s.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {outcome.skippedCount > outcome.skipped.length ? (
            <p className="muted">
              {t('import.outcome.skippedMore', { n: outcome.skippedCount - outcome.skipped.length })}
            </p>
          ) : null}
        </>
      ) : null}
      <div className="iw-actions iw-actions--footer">
        <button type="button" onClick={resetWizard}>
          {t('import.outcome.another')}
        </button>
        <span className="iw-actions__spacer" />
        {queued > 0 ? (
          <button type="button" className="primary" onClick={() => props.onNavigate('changes')}>
            {t('import.outcome.openChanges')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function UploadForm() {
  const w = useWizard();
  const target = useTarget();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useFocusHeading();
  const conn = target.connection;
  const run = w.run;
  if (!conn || !run) return null;
  const isWizart = conn.kind === 'wizart';
  const type = importTypeFor(target.templateId, conn.kind);
  const needsImages = isWizart && !w.images;
  const errors = run.counts.error;
  const fixed = run.previousRunId !== null;

  // A fixed run validated a corrected copy: that copy is what goes to the importer.
  const fileToken = fixed ? run.fileToken : w.data?.fileToken;
  const upload = () => {
    if (!fileToken) return;
    setBusy(true);
    setError(null);
    api
      .invoke('imports:start', {
        connectionId: conn.id,
        files: [{ fileToken }],
        ...(w.images ? { images: { fileToken: w.images.fileToken } } : {}),
        ...(type ? { type } : {}),
      })
      .then(
        (job) => setJob(job.id),
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="iw-outcome" aria-labelledby="iw-upload-title">
      <h2 id="iw-upload-title" ref={heading} tabIndex={-1}>
        {t('import.upload.title', { name: conn.name })}
      </h2>
      <p className="muted">{t('import.upload.body', { kind: kindLabel(conn.kind) })}</p>
      <dl className="iw-facts">
        <dt>{t('import.upload.files')}</dt>
        <dd>
          {fixed ? (
            <strong>{run.fileName}</strong>
          ) : w.data ? (
            <strong>{w.data.name}</strong>
          ) : (
            <span className="iw-warn-text">{t('import.upload.noFile')}</span>
          )}
          {w.images ? <> + {w.images.name}</> : null}
        </dd>
        <dt>{t('import.upload.type')}</dt>
        <dd>{type ?? t('import.upload.typeDefault')}</dd>
      </dl>
      {needsImages ? (
        <p className="iw-hint iw-hint--error" role="alert">
          {t('import.upload.needsImages')}
        </p>
      ) : null}
      {errors > 0 ? <p className="iw-hint iw-hint--warn">{tn('import.upload.hasErrors', errors)}</p> : null}
      {fixed ? <p className="iw-hint">{t('import.upload.fixedNote')}</p> : null}
      {error ? (
        <div className="error-box" role="alert">
          <strong>{t('import.upload.failed')}</strong>
          <p>{error}</p>
        </div>
      ) : null}
      <div className="iw-actions iw-actions--footer">
        <button type="button" onClick={() => goTo('check')}>
          {t('import.nav.backToReport')}
        </button>
        <span className="iw-actions__spacer" />
        <button
          type="button"
          className="primary"
          disabled={busy || needsImages || !fileToken}
          onClick={upload}
        >
          {busy
            ? t('import.upload.working')
            : errors > 0
              ? t('import.upload.buttonAnyway', { name: conn.name })
              : t('import.upload.button', { name: conn.name })}
        </button>
      </div>
    </section>
  );
}

function JobFollow(props: { jobId: number; onNavigate: (area: 'activity') => void }) {
  const job = useQuery('imports:getJob', { jobId: props.jobId }, ['job:updated', 'job:finished']);
  const target = useTarget();
  const [now, setNow] = useState(() => Date.now());
  const heading = useFocusHeading();
  const running = job.data?.status === 'running' || job.data?.status === 'stuck';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return (
    <section className="iw-outcome" aria-labelledby="iw-job-title">
      <h2 id="iw-job-title" ref={heading} tabIndex={-1}>
        {job.data && !running
          ? t(
              `import.job.title.${job.data.status === 'succeeded' ? 'succeeded' : job.data.status === 'warning' ? 'warning' : 'failed'}`,
            )
          : t('import.job.title.running', { name: target.connection?.name ?? '' })}
      </h2>
      <p className="muted">{running ? t('import.job.bodyRunning') : t('import.job.bodyDone')}</p>
      <QueryView query={job}>
        {(detail) => (
          <JobCard
            job={detail}
            connectionName={target.connection?.name ?? detail.connectionId}
            defaultOpen
            now={now}
          />
        )}
      </QueryView>
      <div className="iw-actions iw-actions--footer">
        <button type="button" onClick={resetWizard}>
          {t('import.outcome.another')}
        </button>
        <span className="iw-actions__spacer" />
        <button type="button" onClick={() => props.onNavigate('activity')}>
          {t('import.job.openActivity')}
        </button>
      </div>
    </section>
  );
}
