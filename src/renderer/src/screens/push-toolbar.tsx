import { useEffect, useState } from 'react';
import type { Connection, PushProgress } from '../../../shared/domain';
import { api } from '../api/client';
import { t } from '../i18n';

/** Latest push progress per connection, from push:progress events. */
export function usePushProgress(): Record<string, PushProgress> {
  const [progress, setProgress] = useState<Record<string, PushProgress>>({});
  useEffect(
    () => api.on('push:progress', (p) => setProgress((prev) => ({ ...prev, [p.connectionId]: p }))),
    [],
  );
  return progress;
}

function progressText(p: PushProgress | undefined): string {
  if (!p) return '';
  if (p.state === 'running' || p.state === 'waiting') {
    const eta = p.etaSeconds === null ? '' : t('changes.progress.eta', { s: Math.ceil(p.etaSeconds) });
    return t('changes.progress.running', {
      done: p.done,
      total: p.total,
      rate: Math.round(p.rate * 10) / 10,
      eta,
    });
  }
  return t('changes.progress.finished', { sent: p.sent, rejected: p.rejected });
}

/** Push now, pause or resume, retry now, and the live progress of one connection's push. */
export function PushToolbar(props: {
  connectionId: string;
  connection: Connection | undefined;
  progress: PushProgress | undefined;
  pending: number;
  onDone: () => void;
}) {
  const { connectionId, connection, progress } = props;
  const name = connection?.name ?? connectionId;
  const paused = connection?.status === 'paused';
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const act = (work: () => Promise<unknown>) => {
    setBusy(true);
    work()
      .then(
        () => setMessage(null),
        (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => {
        setBusy(false);
        props.onDone();
      });
  };

  return (
    <section className="push-toolbar" aria-label={t('changes.toolbar.label', { name })}>
      <div className="push-toolbar__head">
        <strong>{name}</strong>
        <span className="muted">{t('changes.toolbar.pending', { n: props.pending })}</span>
        {paused ? <span className="badge badge--paused">{t('status.connection.paused')}</span> : null}
      </div>
      {/* Always rendered, so progress appearing and going does not move the list below. */}
      <div className="push-toolbar__progress muted" role="status" aria-live="polite">
        {progressText(progress)}
        {progress?.lastError ? <span className="error-text"> {progress.lastError}</span> : null}
      </div>
      <div className="push-toolbar__actions">
        <button
          type="button"
          className="primary"
          disabled={busy || paused}
          aria-label={t('changes.pushNowOne', { name })}
          onClick={() => act(() => api.invoke('push:start', { connectionId }))}
        >
          {t('changes.pushNow')}
        </button>
        {paused ? (
          <button
            type="button"
            disabled={busy}
            aria-label={t('changes.resumeOne', { name })}
            onClick={() => act(() => api.invoke('push:resume', { connectionId }))}
          >
            {t('changes.resume')}
          </button>
        ) : (
          <button
            type="button"
            disabled={busy}
            aria-label={t('changes.pauseOne', { name })}
            onClick={() => act(() => api.invoke('push:pause', { connectionId }))}
          >
            {t('changes.pause')}
          </button>
        )}
        <button
          type="button"
          disabled={busy}
          aria-label={t('changes.retryNowOne', { name })}
          onClick={() => act(() => api.invoke('push:retryNow', { connectionId }))}
        >
          {t('changes.retryNow')}
        </button>
      </div>
      {message ? (
        <div className="error-text" role="alert">
          {message}
        </div>
      ) : null}
    </section>
  );
}
