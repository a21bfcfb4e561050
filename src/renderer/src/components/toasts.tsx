/**
 * In-app notices for work that ends while the user looks elsewhere: a toast region on every screen
 * (role="status", polite), and a desktop notification as well when the user allowed them. Imports
 * always notify (job:finished, job:stuck); syncs and pushes when they fail or took long enough that
 * the user has likely turned to something else.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ActivityEntry } from '../../../shared/domain';
import type { ImportJobNotice, ImportJobSummary } from '../../../shared/import-jobs';
import { api } from '../api/client';
import { t } from '../i18n';
import { stuckText } from '../screens/activity/stages';

export type ToastTone = 'success' | 'warning' | 'error' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  body: string;
  /** Lets a later event take the toast back (a stuck job that moved on). */
  key?: string;
}

/** A sync or push that ran at least this long is worth a notice when it ends. */
export const LONG_WORK_MS = 5_000;
/** Successes leave by themselves; warnings and failures stay until dismissed. */
const AUTO_DISMISS_MS = 10_000;
const MAX_TOASTS = 5;

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emitChange = () => {
  for (const listener of listeners) listener();
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((x) => x.id !== id);
  emitChange();
}

function dismissKey(key: string): void {
  if (!toasts.some((x) => x.key === key)) return;
  toasts = toasts.filter((x) => x.key !== key);
  emitChange();
}

/** Shows a toast, and a desktop notification too when `desktop` and the user allowed them. */
export function showToast(toast: Omit<Toast, 'id'>, opts: { desktop?: boolean } = {}): number {
  const id = nextId++;
  toasts = [...toasts, { ...toast, id }].slice(-MAX_TOASTS);
  emitChange();
  if (opts.desktop) notifyDesktop(toast.title, toast.body, `steward-${id}`);
  return id;
}

// ---- Desktop notifications: asked for on a click only, never on load. ----

export type NotificationState = NotificationPermission | 'unsupported';

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Only when the window is not in front: in front, the toast says it already. */
function notifyDesktop(title: string, body: string, tag: string): void {
  if (notificationState() !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  try {
    new Notification(title, { body, tag });
  } catch {
    // Some shells refuse notifications from a page; the toast is shown regardless.
  }
}

/** The control that asks for desktop notifications, and says where they stand. */
export function NotificationToggle() {
  const [state, setState] = useState<NotificationState>(notificationState);
  if (state === 'unsupported') return null;
  if (state === 'granted') {
    return <span className="muted notification-toggle">{t('toasts.desktop.on')}</span>;
  }
  if (state === 'denied') {
    return <span className="muted notification-toggle">{t('toasts.desktop.blocked')}</span>;
  }
  return (
    <button
      type="button"
      className="notification-toggle"
      onClick={() => {
        void Notification.requestPermission().then(setState, () => setState(notificationState()));
      }}
    >
      {t('toasts.desktop.enable')}
    </button>
  );
}

// ---- What core reports that deserves a notice. ----

const JOB_TONE: Record<string, ToastTone> = {
  succeeded: 'success',
  warning: 'warning',
  failed: 'error',
  stuck: 'warning',
};

const noticed = new Set<string>();

/** Each notice once: events may repeat (a late progress write re-sends a finished row). */
function once(key: string): boolean {
  if (noticed.has(key)) return false;
  noticed.add(key);
  return true;
}

function onJobNotice(notice: ImportJobNotice): void {
  const { job } = notice;
  if (!once(`job:${job.id}:${job.status}`)) return;
  const stuck = job.status === 'stuck';
  dismissKey(`job:${job.id}:stuck`);
  showToast(
    {
      tone: JOB_TONE[job.status] ?? 'info',
      title: notice.title,
      body: stuck ? stuckText(job) : notice.message,
      ...(stuck ? { key: `job:${job.id}:stuck` } : {}),
    },
    { desktop: true },
  );
}

/** A stuck job that moves again, ends or is no longer followed: its warning is out of date. */
function onJobUpdated(job: ImportJobSummary): void {
  if (job.status !== 'stuck') {
    dismissKey(`job:${job.id}:stuck`);
    noticed.delete(`job:${job.id}:stuck`);
  }
}

function onActivity(entry: ActivityEntry): void {
  if (entry.kind !== 'sync' && entry.kind !== 'push') return;
  if (entry.status !== 'succeeded' && entry.status !== 'failed') return;
  const took = entry.finishedAt ? Date.parse(entry.finishedAt) - Date.parse(entry.startedAt) : 0;
  if (entry.status === 'succeeded' && !(took >= LONG_WORK_MS)) return;
  if (!once(`activity:${entry.id}`)) return;
  const failed = entry.status === 'failed';
  showToast(
    {
      tone: failed ? 'error' : 'success',
      title: t(failed ? 'toasts.work.failed' : 'toasts.work.finished', { title: entry.title }),
      body: entry.message ?? '',
    },
    { desktop: true },
  );
}

const TONE_ICON: Record<ToastTone, string> = { success: '✓', warning: '!', error: '✕', info: 'i' };

function ToastItem(props: { toast: Toast; paused: boolean }) {
  const { toast, paused } = props;
  const transient = toast.tone === 'success' || toast.tone === 'info';
  useEffect(() => {
    if (!transient || paused) return;
    const timer = window.setTimeout(() => dismissToast(toast.id), AUTO_DISMISS_MS);
    return () => window.clearTimeout(timer);
  }, [toast.id, transient, paused]);
  return (
    <li className={`toast toast--${toast.tone}`}>
      <span className="toast__icon" aria-hidden="true">
        {TONE_ICON[toast.tone]}
      </span>
      <div className="toast__text">
        <strong className="toast__title">{toast.title}</strong>
        {toast.body ? <p className="toast__body">{toast.body}</p> : null}
      </div>
      <button
        type="button"
        className="toast__close"
        aria-label={t('toasts.dismissOne', { title: toast.title })}
        onClick={() => dismissToast(toast.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}

/** Mounted once by the app frame: the live region, and the subscriptions that fill it. */
export function ToastRegion() {
  const items = useSyncExternalStore(subscribe, () => toasts);
  // Hovering or focusing a toast holds the transient ones, so they can be read to the end.
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    const offs = [
      api.on('job:finished', onJobNotice),
      api.on('job:stuck', onJobNotice),
      api.on('job:updated', onJobUpdated),
      api.on('activity:updated', onActivity),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, []);

  return (
    <div
      className="toasts"
      role="status"
      aria-live="polite"
      aria-label={t('toasts.label')}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <ul className="toasts__list">
        {items.map((toast) => (
          <ToastItem key={toast.id} toast={toast} paused={paused} />
        ))}
      </ul>
    </div>
  );
}
