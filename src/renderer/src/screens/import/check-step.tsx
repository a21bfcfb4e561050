/**
 * Steps 2 and 3: the validation while it runs (progress, rows, cancel, the first issues as they
 * arrive) and its report once it ends (counts, issues by rule, the paged issue list with the row
 * editor, the column mapping, downloads, and the way on: preview the changes or upload).
 */
import { useEffect, useRef } from 'react';
import type { RunState } from '../../../../shared/validation';
import { t } from '../../i18n';
import { DownloadBar } from './downloads';
import { IssueTable } from './issue-list';
import { tn } from './plural';
import { Report } from './report';
import { cancelValidation, goTo, useWizard } from './wizard-store';

export function CheckStep(props: { onNavigate: (area: 'changes' | 'activity') => void }) {
  const w = useWizard();
  const run = w.run;
  if (w.starting || !run)
    return (
      <div className="loading" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" /> {t('import.run.starting')}
      </div>
    );
  if (run.status === 'running') return <RunProgress run={run} />;
  if (run.status === 'cancelled')
    return (
      <Ended
        title={t('import.run.cancelled.title')}
        body={t('import.run.cancelled.body')}
        canGoBack={w.data !== null}
      />
    );
  if (run.status === 'failed' && !run.report?.fatal)
    return (
      <Ended
        title={t('import.run.failed.title')}
        body={t('import.run.failed.body')}
        canGoBack={w.data !== null}
        error
      />
    );
  if (run.report?.fatal)
    return (
      <>
        <Ended
          title={t('import.run.fatal.title', { file: run.fileName })}
          body={run.report.fatal}
          canGoBack={w.data !== null}
          error
        />
        <DownloadBar run={run} errorsOnly />
      </>
    );
  return <Report key={run.runId} run={run} onNavigate={props.onNavigate} />;
}

function Ended(props: { title: string; body: string; canGoBack: boolean; error?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      className={props.error ? 'iw-ended iw-ended--error' : 'iw-ended'}
      role={props.error ? 'alert' : undefined}
    >
      <h2 ref={heading} tabIndex={-1}>
        {props.title}
      </h2>
      <p>{props.body}</p>
      {props.canGoBack ? (
        <div className="iw-actions">
          <button type="button" className="primary" onClick={() => goTo('files')}>
            {t('import.run.back')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function RunProgress(props: { run: RunState }) {
  const { run } = props;
  const w = useWizard();
  const percent =
    run.bytesTotal > 0 ? Math.min(100, Math.round((run.bytesDone / run.bytesTotal) * 100)) : null;
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <section className="iw-progress" aria-labelledby="iw-progress-title">
      <div className="iw-progress__head">
        <h2 id="iw-progress-title">{t('import.run.checking', { file: run.fileName })}</h2>
        <button type="button" ref={cancel} onClick={() => void cancelValidation()}>
          {t('import.run.cancel')}
        </button>
      </div>
      <progress
        className="iw-progress__bar"
        max={100}
        value={percent ?? undefined}
        aria-label={t('import.run.progressOf', { file: run.fileName })}
      />
      <p className="iw-progress__figures" role="status" aria-live="polite">
        {run.rows === 0
          ? t('import.run.reading')
          : percent === null
            ? t('import.run.rows', { rows: run.rows })
            : t('import.run.rowsPercent', { rows: run.rows, percent })}
        {' · '}
        <span className={run.counts.error > 0 ? 'iw-count--error' : undefined}>
          {tn('import.count.errors', run.counts.error)}
        </span>
        {' · '}
        {tn('import.count.warnings', run.counts.warning)}
      </p>
      <h3 className="iw-subtitle">{t('import.run.firstIssues')}</h3>
      {w.liveIssues.length === 0 ? (
        <p className="muted">{t('import.run.noIssuesYet')}</p>
      ) : (
        <IssueTable issues={w.liveIssues.slice(0, 50)} label={t('import.run.firstIssues')} />
      )}
    </section>
  );
}
