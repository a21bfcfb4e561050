/**
 * Syncs, pushes and validations while they run: a progress bar, items done of total, the rate and
 * the time left, from the live `sync:progress` and `push:progress` events (the activity row alone
 * when the screen opened after the last event).
 */
import { useEffect, useState } from 'react';
import type { ActivityEntry, PushProgress, SyncProgress } from '../../../../shared/domain';
import { api } from '../../api/client';
import { t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { elapsed, formatClock, progressLine } from './format';

/** Latest sync progress per connection, from sync:progress events. */
export function useSyncProgress(): Record<string, SyncProgress> {
  const [progress, setProgress] = useState<Record<string, SyncProgress>>({});
  useEffect(
    () => api.on('sync:progress', (p) => setProgress((prev) => ({ ...prev, [p.connectionId]: p }))),
    [],
  );
  return progress;
}

/** Re-renders every second while something runs, so "running 12 s" moves. */
export function useTicker(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

interface Live {
  entity: string | null;
  done: number;
  total: number | null;
  rate: number;
  etaSeconds: number | null;
  note: string | null;
}

function liveOf(entry: ActivityEntry, sync: SyncProgress | undefined, push: PushProgress | undefined): Live {
  if (entry.kind === 'sync' && sync && sync.state === 'running') {
    return {
      entity: sync.entity,
      done: sync.done,
      total: sync.total,
      rate: sync.rate,
      etaSeconds: sync.etaSeconds,
      note: null,
    };
  }
  if (entry.kind === 'push' && push && (push.state === 'running' || push.state === 'waiting')) {
    return {
      entity: push.entity,
      done: push.done,
      total: push.total,
      rate: push.rate,
      etaSeconds: push.etaSeconds,
      note: push.state === 'waiting' ? t('activity.running.waiting') : push.lastError,
    };
  }
  return {
    entity: null,
    done: entry.done,
    total: entry.total,
    rate: 0,
    etaSeconds: null,
    note: entry.message,
  };
}

const KIND_ICON: Record<ActivityEntry['kind'], string> = {
  sync: '⇣',
  push: '⇡',
  import: '⤓',
  validation: '✓',
  system: '◷',
};

function RunningItem(props: {
  entry: ActivityEntry;
  sync: SyncProgress | undefined;
  push: PushProgress | undefined;
  now: number;
}) {
  const { entry } = props;
  const live = liveOf(entry, props.sync, props.push);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connectionId = entry.connectionId;
  const cancellable = connectionId !== null && (entry.kind === 'sync' || entry.kind === 'push');

  const cancel = () => {
    if (!connectionId) return;
    setBusy(true);
    const work =
      entry.kind === 'sync'
        ? api.invoke('sync:cancel', { connectionId })
        : api.invoke('push:cancel', { connectionId });
    work.then(
      () => setError(null),
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };

  const percent = live.total ? Math.min(100, Math.round((live.done / live.total) * 100)) : null;
  return (
    <li className="activity-run" aria-label={entry.title}>
      <span className="activity-run__icon" aria-hidden="true">
        {KIND_ICON[entry.kind]}
      </span>
      <div className="activity-run__main">
        <div className="activity-run__head">
          <strong>{entry.title}</strong>
          <span className="badge badge--running">{t(`activity.kind.${entry.kind}` as MessageKey)}</span>
        </div>
        <progress
          className="activity-run__bar"
          max={live.total ?? undefined}
          value={live.total ? live.done : undefined}
          aria-label={t('activity.running.progressOf', { title: entry.title })}
          aria-valuetext={percent === null ? undefined : `${percent}%`}
        />
        <div className="activity-run__figures">
          {live.entity ? <span className="activity-run__entity">{live.entity}</span> : null}
          <span>{progressLine(live)}</span>
        </div>
        <div className="activity-run__meta muted">
          {t('activity.running.since', {
            time: formatClock(entry.startedAt),
            took: elapsed(entry.startedAt, null, props.now),
          })}
          {live.note ? ` · ${live.note}` : ''}
        </div>
        {error ? (
          <div className="error-text" role="alert">
            {error}
          </div>
        ) : null}
      </div>
      {cancellable ? (
        <button
          type="button"
          disabled={busy}
          aria-label={t('activity.running.cancelOne', { title: entry.title })}
          onClick={cancel}
        >
          {busy ? t('activity.running.cancelling') : t('activity.running.cancel')}
        </button>
      ) : null}
    </li>
  );
}

export function RunningWork(props: {
  entries: ActivityEntry[];
  sync: Record<string, SyncProgress>;
  push: Record<string, PushProgress>;
}) {
  const now = useTicker(props.entries.length > 0);
  if (props.entries.length === 0) {
    return <p className="activity-none muted">{t('activity.running.none')}</p>;
  }
  return (
    <ul className="activity-runs">
      {props.entries.map((entry) => (
        <RunningItem
          key={entry.id}
          entry={entry}
          sync={entry.connectionId ? props.sync[entry.connectionId] : undefined}
          push={entry.connectionId ? props.push[entry.connectionId] : undefined}
          now={now}
        />
      ))}
    </ul>
  );
}
