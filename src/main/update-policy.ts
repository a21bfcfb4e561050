/**
 * When to check for updates, how to configure electron-updater for a channel, how the update state
 * moves, and when an update may be installed. Pure: update-controller.ts applies it to
 * electron-updater's `autoUpdater`.
 *
 * - Checks: shortly after start, then every few hours; a manual check any time nothing is under way.
 * - Downloads run in the background as soon as an update is found.
 * - Installing is offered ("Restart to update"), never forced; and it never happens while an upload
 *   is in flight: the request waits until the upload queue is idle.
 */
import { z } from 'zod';
import { ActivityEntry, OutboxItem } from '../shared/domain';
import type { Result } from '../shared/result';
import type { UpdateChannel, UpdateState } from './shell-schemas';

export const UPDATE_TIMING = {
  /** After start: let the window and core settle first. */
  firstCheckDelayMs: 30_000,
  /** "Every few hours". */
  checkIntervalMs: 4 * 60 * 60 * 1000,
  /** While a restart waits for uploads, how often the queue is looked at again. */
  idlePollMs: 15_000,
} as const;

/** Set to `1` (e.g. by an administrator's deployment) to turn update checks off. */
export const DISABLE_UPDATES_ENV = 'STEWARD_DISABLE_UPDATES';

export type Availability = { enabled: true } | { enabled: false; reason: string };

/** electron-updater works only in a packaged, signed app on a platform we ship installers for. */
export function updatesAvailability(context: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
}): Availability {
  if (!context.isPackaged)
    return { enabled: false, reason: 'Updates are checked only in the installed app.' };
  if (context.platform !== 'win32' && context.platform !== 'darwin') {
    return { enabled: false, reason: 'Automatic updates are available on Windows and macOS only.' };
  }
  const flag = context.env[DISABLE_UPDATES_ENV];
  if (flag !== undefined && flag !== '' && flag !== '0') {
    return { enabled: false, reason: 'Updates are managed by your administrator.' };
  }
  return { enabled: true };
}

export interface UpdaterSettings {
  channel: UpdateChannel;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
}

/**
 * The beta channel also accepts prereleases; nobody is ever moved to an older version (setting a
 * channel makes electron-updater allow downgrades, so it is set back explicitly). A downloaded
 * update also installs when the user quits: by then core has stopped, so no upload is cut off.
 */
export function updaterSettings(channel: UpdateChannel): UpdaterSettings {
  return {
    channel,
    allowPrerelease: channel === 'beta',
    allowDowngrade: false,
    autoDownload: true,
    autoInstallOnAppQuit: true,
  };
}

export function initialUpdateState(
  currentVersion: string,
  channel: UpdateChannel,
  availability: Availability,
): UpdateState {
  return {
    status: availability.enabled ? 'idle' : 'disabled',
    channel,
    currentVersion,
    version: null,
    percent: null,
    lastCheckedAt: null,
    message: availability.enabled ? null : availability.reason,
  };
}

/** A check may start only when nothing is under way and no update is waiting. */
export function canCheck(state: UpdateState): boolean {
  return state.status === 'idle' || state.status === 'error';
}

/** The periodic check: due when none ran yet or the last one is `intervalMs` old. */
export function isCheckDue(
  state: UpdateState,
  now: number,
  intervalMs: number = UPDATE_TIMING.checkIntervalMs,
): boolean {
  if (!canCheck(state)) return false;
  if (state.lastCheckedAt === null) return true;
  const last = Date.parse(state.lastCheckedAt);
  return Number.isNaN(last) || now - last >= intervalMs;
}

export type UpdateEvent =
  | { type: 'checking'; at: string }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string }
  | { type: 'install-requested' }
  | { type: 'installing' }
  | { type: 'channel'; channel: UpdateChannel };

/** One line, bounded: updater errors can carry whole HTTP responses. */
export function errorMessage(raw: unknown): string {
  const text = raw instanceof Error ? raw.message : String(raw);
  const line = text.split(/\r?\n/)[0]?.trim() ?? '';
  return (line === '' ? 'The update failed.' : line).slice(0, 300);
}

const HOLDS_AN_UPDATE: ReadonlySet<UpdateState['status']> = new Set(['ready', 'waiting', 'installing']);

export function reduceUpdate(state: UpdateState, event: UpdateEvent): UpdateState {
  if (state.status === 'disabled')
    return event.type === 'channel' ? { ...state, channel: event.channel } : state;
  switch (event.type) {
    case 'checking':
      if (HOLDS_AN_UPDATE.has(state.status)) return { ...state, lastCheckedAt: event.at };
      return { ...state, status: 'checking', lastCheckedAt: event.at, message: null };
    case 'available':
      if (HOLDS_AN_UPDATE.has(state.status)) return state;
      return { ...state, status: 'downloading', version: event.version, percent: 0, message: null };
    case 'not-available':
      if (HOLDS_AN_UPDATE.has(state.status)) return state;
      return { ...state, status: 'idle', version: null, percent: null, message: null };
    case 'progress':
      if (state.status !== 'downloading') return state;
      return { ...state, percent: Math.max(0, Math.min(100, Math.round(event.percent * 10) / 10)) };
    case 'downloaded':
      if (state.status === 'waiting' || state.status === 'installing') return state;
      return { ...state, status: 'ready', version: event.version, percent: 100, message: null };
    case 'error':
      // A failed later check must not lose an update that is already downloaded.
      if (HOLDS_AN_UPDATE.has(state.status)) return { ...state, message: event.message };
      return { ...state, status: 'error', percent: null, message: event.message };
    case 'install-requested':
      return state.status === 'ready' ? { ...state, status: 'waiting', message: null } : state;
    case 'installing':
      return state.status === 'waiting' ? { ...state, status: 'installing' } : state;
    case 'channel':
      return { ...state, channel: event.channel };
  }
}

/** Whether to install now: only after the user asked, and only with no upload in flight. */
export function installDecision(state: UpdateState, uploadsIdle: boolean): 'install' | 'wait' | 'none' {
  if (state.status !== 'waiting') return 'none';
  return uploadsIdle ? 'install' : 'wait';
}

/** What "Check for Updates…" in the menu does in each state. */
export function menuUpdateAction(state: UpdateState): 'check' | 'offer-restart' | 'none' {
  if (state.status === 'ready') return 'offer-restart';
  return canCheck(state) ? 'check' : 'none';
}

const UPLOAD_KINDS: ReadonlySet<string> = new Set(['push', 'import']);

/** Running activities that send data to a remote (pushes of the outbox, file imports). */
export function isUploadActivity(entry: Pick<ActivityEntry, 'kind' | 'status'>): boolean {
  return entry.status === 'running' && UPLOAD_KINDS.has(entry.kind);
}

/**
 * The authoritative "is the upload queue idle", asked of core right before installing (its replies
 * to `activity:list` and `changes:list`): no push or import running and no outbox operation being
 * sent. When core is not running at all nothing can be uploading; any other failure to ask, or a
 * reply that does not parse, counts as busy.
 */
export function isQueueIdle(input: {
  coreRunning: boolean;
  activities: Result<unknown>;
  outbox: Result<unknown>;
}): boolean {
  if (!input.coreRunning) return true;
  if (!input.activities.ok || !input.outbox.ok) return false;
  const activities = z.array(ActivityEntry).safeParse(input.activities.value);
  const outbox = z.array(OutboxItem).safeParse(input.outbox.value);
  if (!activities.success || !outbox.success) return false;
  if (activities.data.some(isUploadActivity)) return false;
  return !outbox.data.some((item) => item.state === 'sending');
}
