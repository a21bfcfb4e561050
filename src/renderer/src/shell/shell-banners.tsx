/**
 * Banners only the desktop shell raises: "restart to update" (never installing while uploads run:
 * main waits for the queue), and system notices such as secrets kept with Linux's weak basic_text
 * store. Nothing renders in the web shell.
 */
import { useEffect, useState } from 'react';
import type { Notice, UpdateState } from '../../../shared/shell';
import { t } from '../i18n';
import {
  checkForUpdates,
  getNotices,
  getUpdateState,
  installUpdate,
  onNotice,
  onUpdateState,
  shellAvailable,
} from './shell-api';
import { updateBanner } from './update-banner';

export function ShellBanners() {
  const [update, setUpdate] = useState<UpdateState | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!shellAvailable()) return;
    getUpdateState().then(setUpdate, () => undefined);
    getNotices().then(setNotices, () => undefined);
    const offs = [
      onUpdateState(setUpdate),
      onNotice((n) => setNotices((list) => [...list.filter((x) => x.id !== n.id), n])),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  const banner = update ? updateBanner(update) : null;
  const shown = notices.filter((n) => !dismissed.includes(n.id));
  if (!banner && shown.length === 0) return null;
  const act = (fn: () => Promise<UpdateState>) => {
    setProblem(null);
    fn().then(setUpdate, (err: unknown) => setProblem(err instanceof Error ? err.message : String(err)));
  };
  return (
    <div className="shell-banners">
      {banner ? (
        <div className={`shell-banner shell-banner--${banner.tone}`} role="status">
          <span>{t(banner.text.key, banner.text.vars)}</span>
          {banner.action === 'install' ? (
            <button type="button" className="button button--primary" onClick={() => act(installUpdate)}>
              {t('shell.update.restart')}
            </button>
          ) : null}
          {banner.action === 'retry' ? (
            <button type="button" className="button" onClick={() => act(checkForUpdates)}>
              {t('shell.update.retry')}
            </button>
          ) : null}
          {problem ? <span className="shell-banner__problem">{problem}</span> : null}
        </div>
      ) : null}
      {shown.map((n) => (
        <div
          key={n.id}
          className={`shell-banner shell-banner--${n.level === 'error' ? 'error' : n.level === 'warning' ? 'warning' : 'info'}`}
          role={n.level === 'info' ? 'status' : 'alert'}
        >
          <strong>{n.title}</strong>
          <span>{n.message}</span>
          <button type="button" className="button" onClick={() => setDismissed((d) => [...d, n.id])}>
            {t('shell.notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
