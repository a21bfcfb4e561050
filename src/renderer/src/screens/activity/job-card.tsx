/**
 * One remote import job: status, progress, the stage timeline, a warning when it is stuck, what the
 * remote reported, and "stop following" (the only cancel the remotes allow: imports:cancel).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ImportJob } from '../../../../shared/domain';
import type { ImportJobDetail } from '../../../../shared/import-jobs';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/modal';
import { formatTime, t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { elapsed, formatCount } from './format';
import { StageTimeline } from './stage-timeline';
import { jobSteps, stageLabel, stuckText } from './stages';

const ISSUES_SHOWN = 8;

export function jobTitle(job: Pick<ImportJob, 'system' | 'fileName'>): string {
  return job.system === 'etim'
    ? t('activity.job.synchronization', { trigger: job.fileName })
    : t('activity.job.import', { file: job.fileName });
}

/** getJob for an open card, again whenever core says this job changed. */
function useJobDetail(jobId: number, open: boolean) {
  const [detail, setDetail] = useState<ImportJobDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.invoke('imports:getJob', { jobId }).then(
      (d) => {
        setDetail(d);
        setError(null);
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [jobId]);
  useEffect(() => {
    if (!open) return;
    load();
    return api.on('job:updated', (job) => {
      if (job.id === jobId) load();
    });
  }, [open, jobId, load]);
  return { detail, error };
}

function Issues(props: { detail: ImportJobDetail }) {
  const { issues, issuesDropped } = props.detail;
  if (issues.length === 0) return null;
  const more = issues.length - ISSUES_SHOWN + issuesDropped;
  return (
    <div className="activity-job__issues">
      <table className="table table--compact">
        <caption className="visually-hidden">{t('activity.job.issues')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('activity.job.issue.row')}</th>
            <th scope="col">{t('activity.job.issue.column')}</th>
            <th scope="col">{t('activity.job.issue.value')}</th>
            <th scope="col">{t('activity.job.issue.message')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, ISSUES_SHOWN).map((issue, i) => (
            <tr key={i} className={`activity-issue activity-issue--${issue.severity}`}>
              <td>{issue.row === undefined ? '' : formatCount(issue.row)}</td>
              <td>{issue.column ?? ''}</td>
              <td className="mono">{issue.value ?? ''}</td>
              <td>
                <span className="visually-hidden">
                  {t(`activity.job.severity.${issue.severity}` as MessageKey)}:{' '}
                </span>
                {issue.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? <p className="muted">{t('activity.job.moreIssues', { n: formatCount(more) })}</p> : null}
    </div>
  );
}

export function JobCard(props: {
  job: ImportJob;
  connectionName: string;
  defaultOpen: boolean;
  now: number;
}) {
  const { job } = props;
  const [open, setOpen] = useState(props.defaultOpen);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const { detail, error } = useJobDetail(job.id, open);
  const title = jobTitle(job);
  const following = job.status === 'running' || job.status === 'stuck';
  const regionId = `job-${job.id}-detail`;
  // The list row may be newer than the detail for a moment: the list's status wins.
  const history = detail?.history ?? [];

  const stopFollowing = () => {
    setBusy(true);
    api.invoke('imports:cancel', { jobId: job.id }).then(
      () => {
        setBusy(false);
        setConfirming(false);
      },
      (err: unknown) => {
        setBusy(false);
        setCancelError(err instanceof Error ? err.message : String(err));
      },
    );
  };

  return (
    <article className={`activity-job activity-job--${job.status}`} aria-label={title}>
      <header className="activity-job__head">
        <div className="activity-job__title">
          <strong>{title}</strong>
          <span className="muted">
            {t('activity.job.where', {
              connection: props.connectionName,
              time: formatTime(job.createdAt),
              took: elapsed(job.createdAt, job.finishedAt, props.now),
            })}
          </span>
        </div>
        <span className={`badge badge--job-${job.status}`}>
          {t(`activity.job.status.${job.status}` as MessageKey)}
        </span>
        <div className="activity-job__actions">
          {following ? (
            <button
              type="button"
              aria-label={t('activity.job.stopOne', { title })}
              onClick={() => {
                setCancelError(null);
                setConfirming(true);
              }}
            >
              {t('activity.job.stop')}
            </button>
          ) : null}
          <button
            type="button"
            aria-expanded={open}
            aria-controls={regionId}
            aria-label={t(open ? 'activity.job.hideOne' : 'activity.job.showOne', { title })}
            onClick={() => setOpen(!open)}
          >
            {t(open ? 'activity.job.hide' : 'activity.job.show')}
          </button>
        </div>
      </header>

      <div className="activity-job__progress">
        <progress
          max={100}
          value={job.percent ?? undefined}
          aria-label={t('activity.job.progressOf', { title })}
        />
        <span className="activity-job__stage">
          {stageLabel(job.stage)}
          {job.percent !== null ? ` · ${Math.round(job.percent)}%` : ''}
        </span>
      </div>

      {job.status === 'stuck' ? (
        <div className="activity-stuck">
          <span className="activity-stuck__icon" aria-hidden="true">
            !
          </span>
          <div>
            <strong>{t('activity.job.stuckTitle')}</strong>
            <p>{stuckText(job, props.now)}</p>
            <p className="muted">{t('activity.job.stuckHint')}</p>
          </div>
        </div>
      ) : job.message ? (
        <p className={job.status === 'failed' ? 'activity-job__message error-text' : 'activity-job__message'}>
          {job.message}
        </p>
      ) : null}

      <div id={regionId} hidden={!open}>
        {open ? (
          <>
            {detail ? (
              <>
                <StageTimeline
                  steps={jobSteps({ ...job, stage: job.stage, status: job.status }, history)}
                  label={t('activity.job.stages', { title })}
                />
                {detail.lastPollError && following ? (
                  <p className="activity-job__poll muted">
                    {t('activity.job.pollError', { message: detail.lastPollError })}
                  </p>
                ) : null}
                <Issues detail={detail} />
              </>
            ) : error ? (
              <p className="error-text" role="alert">
                {error}
              </p>
            ) : (
              <p className="muted activity-job__loading">{t('common.loading')}</p>
            )}
          </>
        ) : null}
      </div>

      {confirming ? (
        <ConfirmDialog
          title={t('activity.job.stopTitle', { title })}
          body={t('activity.job.stopBody')}
          confirmLabel={t('activity.job.stop')}
          busy={busy}
          error={cancelError}
          onConfirm={stopFollowing}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </article>
  );
}
