/** Numbers of running work as a catalog manager reads them: counts, rates, time left, durations. */
import { t } from '../../i18n';

const count = new Intl.NumberFormat('en');
const rate = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return count.format(n);
}

export function formatRate(perSecond: number): string {
  return rate.format(perSecond < 10 ? Math.round(perSecond * 10) / 10 : Math.round(perSecond));
}

/** 42 s, 3 min 5 s, 1 h 20 min: seconds only while they matter. */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  if (s < 60) return t('activity.duration.s', { s });
  const m = Math.floor(s / 60);
  if (m < 60)
    return s % 60 === 0 ? t('activity.duration.m', { m }) : t('activity.duration.ms', { m, s: s % 60 });
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? t('activity.duration.h', { h }) : t('activity.duration.hm', { h, m: m % 60 });
}

/** How long between two ISO times (or from `from` until now while it runs). */
export function elapsed(from: string, to: string | null, now = Date.now()): string {
  const start = Date.parse(from);
  const end = to ? Date.parse(to) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return '';
  return formatSeconds((end - start) / 1000);
}

/** "1,204 of 2,000 · 48.5/s · about 16 s left", leaving out what is not known yet. */
export function progressLine(p: {
  done: number;
  total: number | null;
  rate: number;
  etaSeconds: number | null;
}): string {
  const parts = [
    p.total === null
      ? t('activity.progress.done', { done: formatCount(p.done) })
      : t('activity.progress.doneOf', { done: formatCount(p.done), total: formatCount(p.total) }),
  ];
  if (p.rate > 0) parts.push(t('activity.progress.rate', { rate: formatRate(p.rate) }));
  if (p.etaSeconds !== null && p.etaSeconds > 0 && p.rate > 0)
    parts.push(t('activity.progress.eta', { time: formatSeconds(Math.ceil(p.etaSeconds)) }));
  return parts.join(' · ');
}

/** Time of day only, for the steps of one job: the date is on the card. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
