/**
 * Which OS notifications main raises itself. While the page runs it raises its own (import status,
 * through the Web Notification API, allowed by permissions.ts), so main adds only what the page
 * cannot: work that finished while no window is open (macOS keeps running without one), and an
 * update ready while the window is not in front.
 */
import type { ActivityEntry } from '../shared/domain';
import type { UpdateState } from './shell-schemas';

export interface NotificationContent {
  title: string;
  body: string;
}

const KIND_NAMES: Readonly<Record<ActivityEntry['kind'], string>> = {
  sync: 'Sync',
  push: 'Upload of changes',
  import: 'Import',
  validation: 'Validation',
  system: 'Task',
};

export function workFinishedNotification(
  finished: ActivityEntry,
  context: { windowOpen: boolean },
): NotificationContent | null {
  if (context.windowOpen || finished.kind === 'system') return null;
  const what = KIND_NAMES[finished.kind];
  const title = finished.title.trim() === '' ? what : finished.title.slice(0, 100);
  switch (finished.status) {
    case 'succeeded':
      return { title, body: `${what} finished.` };
    case 'failed':
      return {
        title,
        body: `${what} failed${finished.message ? `: ${finished.message.slice(0, 200)}` : '.'}`,
      };
    default:
      return null;
  }
}

/** Raised once, when an update becomes ready, unless the user is looking at the window. */
export function updateReadyNotification(
  before: UpdateState,
  after: UpdateState,
  context: { windowFocused: boolean },
): NotificationContent | null {
  if (before.status === 'ready' || after.status !== 'ready' || context.windowFocused) return null;
  const version = after.version ? ` ${after.version}` : '';
  return {
    title: 'Update ready',
    body: `PIM Steward${version} is ready. Restart to update (it waits for uploads in progress).`,
  };
}
