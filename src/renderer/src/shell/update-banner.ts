/**
 * What the update banner says for each state of the desktop updater (src/main/update-controller.ts).
 * Pure, so it is unit-tested without a window; the banner component only renders it.
 */
import type { UpdateState } from '../../../shared/shell';

export interface UpdateBanner {
  tone: 'info' | 'warning' | 'error';
  /** A catalog key and its values. */
  text: { key: UpdateTextKey; vars?: Record<string, string | number> };
  action: 'install' | 'retry' | null;
}

export type UpdateTextKey =
  | 'shell.update.downloading'
  | 'shell.update.ready'
  | 'shell.update.waiting'
  | 'shell.update.installing'
  | 'shell.update.error';

/** Nothing to say while idle, checking or disabled: updates are quiet unless they need the user. */
export function updateBanner(state: UpdateState): UpdateBanner | null {
  const version = state.version ?? '';
  switch (state.status) {
    case 'downloading':
      return {
        tone: 'info',
        text: { key: 'shell.update.downloading', vars: { version, percent: Math.round(state.percent ?? 0) } },
        action: null,
      };
    case 'ready':
      return { tone: 'info', text: { key: 'shell.update.ready', vars: { version } }, action: 'install' };
    case 'waiting':
      return { tone: 'warning', text: { key: 'shell.update.waiting', vars: { version } }, action: null };
    case 'installing':
      return { tone: 'info', text: { key: 'shell.update.installing', vars: { version } }, action: null };
    case 'error':
      return {
        tone: 'error',
        text: { key: 'shell.update.error', vars: { message: state.message ?? '' } },
        action: 'retry',
      };
    default:
      return null;
  }
}
