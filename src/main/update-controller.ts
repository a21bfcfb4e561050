/**
 * Drives electron-updater with update-policy.ts: configures the channel, checks at start and on a
 * timer, follows the download, and installs only after the user asked and the upload queue is idle.
 * The updater, the timers and the idle check are injected, so tests run it with a fake updater.
 */
import type { Log } from './ipc';
import type { UpdateChannel, UpdateState } from './shell-schemas';
import {
  canCheck,
  errorMessage,
  initialUpdateState,
  installDecision,
  isCheckDue,
  reduceUpdate,
  UPDATE_TIMING,
  updaterSettings,
} from './update-policy';
import type { Availability, UpdateEvent } from './update-policy';
import type { Timers } from './window-state-store';

/** The part of electron-updater's `AppUpdater` the controller uses. */
export interface UpdaterLike {
  channel: string | null;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateControllerOptions {
  updater: UpdaterLike;
  availability: Availability;
  currentVersion: string;
  channel: UpdateChannel;
  /** Asks core whether any upload is in flight (update-policy.ts `isQueueIdle`). */
  uploadsIdle: () => Promise<boolean>;
  onState: (state: UpdateState) => void;
  timers: Timers;
  now?: () => number;
  timing?: Partial<Record<keyof typeof UPDATE_TIMING, number>>;
  log?: Log;
}

export interface UpdateController {
  state(): UpdateState;
  /** Configures the updater and schedules the first check (nothing when updates are disabled). */
  start(): void;
  /** A check now, if none is under way; resolves with the state once the check started. */
  check(): Promise<UpdateState>;
  /** "Restart to update": installs now, or as soon as no upload is in flight. */
  requestInstall(): Promise<UpdateState>;
  setChannel(channel: UpdateChannel): void;
  /** Core reported upload activity: a waiting install looks at the queue again. */
  workChanged(): void;
  stop(): void;
}

interface VersionInfo {
  version?: unknown;
}

export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const { updater, timers, log } = options;
  const now = options.now ?? Date.now;
  const timing = { ...UPDATE_TIMING, ...options.timing };
  let state = initialUpdateState(options.currentVersion, options.channel, options.availability);
  let checkTimer: unknown = null;
  let pollTimer: unknown = null;
  let tryingInstall = false;
  let started = false;
  let stopped = false;

  const dispatch = (event: UpdateEvent): void => {
    const next = reduceUpdate(state, event);
    if (next === state) return;
    state = next;
    options.onState(state);
  };

  const apply = (channel: UpdateChannel): void => {
    const settings = updaterSettings(channel);
    // Order matters: setting `channel` turns allowDowngrade on, so it is set back afterwards.
    updater.channel = settings.channel;
    updater.allowPrerelease = settings.allowPrerelease;
    updater.allowDowngrade = settings.allowDowngrade;
    updater.autoDownload = settings.autoDownload;
    updater.autoInstallOnAppQuit = settings.autoInstallOnAppQuit;
  };

  const versionOf = (info: unknown): string => {
    const version = (info as VersionInfo | null)?.version;
    return typeof version === 'string' ? version.slice(0, 100) : 'unknown';
  };

  const runCheck = async (): Promise<void> => {
    if (!options.availability.enabled || !canCheck(state)) return;
    dispatch({ type: 'checking', at: new Date(now()).toISOString() });
    try {
      await updater.checkForUpdates();
    } catch (err) {
      dispatch({ type: 'error', message: errorMessage(err) });
      log?.('warn', `update check failed: ${errorMessage(err)}`);
    }
  };

  const schedule = (delayMs: number): void => {
    if (stopped) return;
    if (checkTimer !== null) timers.clearTimeout(checkTimer);
    checkTimer = timers.setTimeout(() => {
      checkTimer = null;
      if (isCheckDue(state, now(), timing.checkIntervalMs)) void runCheck();
      // The next look is always one interval away; a due check is decided then.
      schedule(timing.checkIntervalMs);
    }, delayMs);
  };

  const tryInstall = async (): Promise<void> => {
    if (tryingInstall || state.status !== 'waiting') return;
    tryingInstall = true;
    try {
      const idle = await options.uploadsIdle().catch(() => false);
      const decision = installDecision(state, idle);
      if (decision === 'install') {
        dispatch({ type: 'installing' });
        log?.('info', `installing update ${state.version ?? ''}`);
        // Silent (the user already agreed) and relaunched afterwards.
        updater.quitAndInstall(true, true);
        return;
      }
      if (decision === 'wait' && !stopped && pollTimer === null) {
        pollTimer = timers.setTimeout(() => {
          pollTimer = null;
          void tryInstall();
        }, timing.idlePollMs);
      }
    } finally {
      tryingInstall = false;
    }
  };

  updater.on('checking-for-update', () => undefined);
  updater.on('update-available', (info: unknown) =>
    dispatch({ type: 'available', version: versionOf(info) }),
  );
  updater.on('update-not-available', () => dispatch({ type: 'not-available' }));
  updater.on('download-progress', (progress: { percent?: unknown }) => {
    if (typeof progress?.percent === 'number') dispatch({ type: 'progress', percent: progress.percent });
  });
  updater.on('update-downloaded', (info: unknown) =>
    dispatch({ type: 'downloaded', version: versionOf(info) }),
  );
  updater.on('error', (err: unknown) => dispatch({ type: 'error', message: errorMessage(err) }));

  return {
    state: () => state,
    start() {
      if (!options.availability.enabled || started) return;
      started = true;
      apply(state.channel);
      schedule(timing.firstCheckDelayMs);
    },
    async check() {
      await runCheck();
      return state;
    },
    async requestInstall() {
      dispatch({ type: 'install-requested' });
      await tryInstall();
      return state;
    },
    setChannel(channel) {
      if (channel === state.channel) return;
      dispatch({ type: 'channel', channel });
      // Before start() the channel is only remembered; start() applies it.
      if (!options.availability.enabled || !started) return;
      apply(channel);
      // The other channel may have another latest version: look now rather than in hours.
      void runCheck();
    },
    workChanged() {
      if (state.status === 'waiting' && pollTimer !== null) {
        timers.clearTimeout(pollTimer);
        pollTimer = null;
      }
      void tryInstall();
    },
    stop() {
      stopped = true;
      if (checkTimer !== null) timers.clearTimeout(checkTimer);
      if (pollTimer !== null) timers.clearTimeout(pollTimer);
      checkTimer = null;
      pollTimer = null;
    },
  };
}

/** Stands in for electron-updater when updates are disabled, so it is never even instantiated. */
export function inertUpdater(): UpdaterLike {
  return {
    channel: null,
    allowPrerelease: false,
    allowDowngrade: false,
    autoDownload: false,
    autoInstallOnAppQuit: false,
    on: () => undefined,
    checkForUpdates: () => Promise.resolve(null),
    quitAndInstall: () => undefined,
  };
}
