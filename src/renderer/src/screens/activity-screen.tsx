import { useState } from 'react';
import { useQuery } from '../api/use-query';
import { EmptyState } from '../components/empty-state';
import { QueryView } from '../components/query-view';
import { Screen } from '../components/screen';
import { NotificationToggle } from '../components/toasts';
import { t } from '../i18n';
import { ActivityHistory } from './activity/history';
import { JobCard } from './activity/job-card';
import { RunningWork, useSyncProgress, useTicker } from './activity/running-work';
import { usePushProgress } from './push-toolbar';

/** Jobs listed before "show older": enough for a day's imports, few enough to stay readable. */
const JOBS_SHOWN = 10;
/** The newest jobs open with their stage timeline; running and stuck ones always do. */
const JOBS_OPEN = 3;

export function ActivityScreen() {
  const activity = useQuery('activity:list', { limit: 100 }, ['activity:updated']);
  const jobs = useQuery('imports:listJobs', {}, ['job:updated']);
  const connections = useQuery('connections:list', {}, ['status:changed']);
  const sync = useSyncProgress();
  const push = usePushProgress();
  const [allJobs, setAllJobs] = useState(false);
  const names = new Map((connections.data ?? []).map((c) => [c.id, c.name]));
  const anyJobRunning = (jobs.data ?? []).some((j) => j.status === 'running' || j.status === 'stuck');
  const now = useTicker(anyJobRunning);

  const nothing =
    activity.status === 'ready' &&
    jobs.status === 'ready' &&
    activity.data.length === 0 &&
    jobs.data.length === 0;

  return (
    <Screen title={t('activity.title')} subtitle={t('activity.subtitle')} actions={<NotificationToggle />}>
      {nothing ? (
        <EmptyState icon="◷" title={t('activity.empty.title')} body={t('activity.empty.body')} />
      ) : (
        <>
          <section aria-labelledby="activity-running">
            <h2 className="section-title" id="activity-running">
              {t('activity.running.title')}
            </h2>
            <QueryView query={activity}>
              {(items) => (
                <RunningWork
                  entries={items.filter((a) => a.status === 'running' && a.kind !== 'import')}
                  sync={sync}
                  push={push}
                />
              )}
            </QueryView>
          </section>

          <section aria-labelledby="activity-jobs">
            <h2 className="section-title" id="activity-jobs">
              {t('activity.jobs.title')}
            </h2>
            <QueryView query={jobs}>
              {(items) =>
                items.length === 0 ? (
                  <p className="activity-none muted">{t('activity.jobs.none')}</p>
                ) : (
                  <>
                    <div className="activity-jobs">
                      {(allJobs ? items : items.slice(0, JOBS_SHOWN)).map((job, i) => (
                        <JobCard
                          key={job.id}
                          job={job}
                          connectionName={names.get(job.connectionId) ?? job.connectionId}
                          defaultOpen={i < JOBS_OPEN || job.status === 'running' || job.status === 'stuck'}
                          now={now}
                        />
                      ))}
                    </div>
                    {items.length > JOBS_SHOWN ? (
                      <button type="button" className="activity-more" onClick={() => setAllJobs(!allJobs)}>
                        {allJobs
                          ? t('activity.jobs.fewer')
                          : t('activity.jobs.older', { n: items.length - JOBS_SHOWN })}
                      </button>
                    ) : null}
                  </>
                )
              }
            </QueryView>
          </section>

          <section aria-labelledby="activity-history">
            <h2 className="section-title" id="activity-history">
              {t('activity.history.title')}
            </h2>
            <QueryView query={activity}>
              {(items) => (
                <ActivityHistory
                  entries={items.filter((a) => a.status !== 'running' && a.kind !== 'import')}
                />
              )}
            </QueryView>
          </section>
        </>
      )}
    </Screen>
  );
}
