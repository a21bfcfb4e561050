/**
 * Electron main: wiring only. Every decision (URLs, CSP, window options and state, menus,
 * permissions, navigation, IPC checks, file tokens, secrets, updates, progress, notifications, logs,
 * the core host protocol) lives in a small tested module of this folder; this file connects them to
 * Electron. See docs/electron-shell.md.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
} from 'electron';
import electronUpdater from 'electron-updater';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StewardError } from '../shared/errors';
import { Settings } from '../shared/domain';
import { APP_ID } from './app-identity';
import { APP_INDEX_URL, APP_SCHEME, devServerUrlFrom } from './app-url';
import { handleAppRequest } from './app-protocol';
import { CORE_HOST_FROM_MAIN, PRELOAD_FROM_MAIN, RENDERER_FROM_MAIN } from './build-layout';
import { createCoreClient } from './core-client';
import type { CoreClient, HostProcess } from './core-client';
import { encodeHostArgs } from './core-host-runtime';
import { buildCsp } from './csp';
import { openDialogOptions, saveDialogOptions } from './dialogs';
import { createFileTokenTable } from './file-tokens';
import { applySessionPolicy, hardenWebContents } from './harden';
import { bindDropIpc, bindIpc, createEventSender, isTrustedSender } from './ipc';
import type { Log } from './ipc';
import { createRotatingLog, formatLogLine, lineSplitter, logDir } from './log-file';
import type { RotatingLog } from './log-file';
import { createMainWindow } from './main-window';
import { menuTemplate } from './menu';
import { updateReadyNotification, workFinishedNotification } from './notifications';
import type { NotificationContent } from './notifications';
import { nativeBindingPath, resolveDataDir } from './paths';
import {
  createSafeStorageSecretStore,
  safeStoragePath,
  secretStorageNotice,
  WEAK_BACKEND_NOTICE_ID,
} from './safe-storage-secrets';
import type { ShellHandlers } from './shell-channels';
import {
  FILES_DROPPED_EVENT,
  MENU_COMMAND_EVENT,
  SYSTEM_NOTICE_EVENT,
  UPDATE_STATE_EVENT,
} from './shell-events';
import type { Notice, UpdateState } from './shell-schemas';
import { createUpdateController, inertUpdater } from './update-controller';
import type { UpdateController, UpdaterLike } from './update-controller';
import { isQueueIdle, menuUpdateAction, updatesAvailability } from './update-policy';
import { focusWindow } from './window-focus';
import { createWorkTracker } from './work-tracker';

let logFile: RotatingLog | null = null;
const log: Log = (level, msg, data) => {
  if (data === undefined) console[level](`[main] ${msg}`);
  else console[level](`[main] ${msg}`, data);
  logFile?.write(formatLogLine(new Date(), level, 'main', msg, data));
};

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const PRELOAD_PATH = here(PRELOAD_FROM_MAIN);
const RENDERER_DIR = here(RENDERER_FROM_MAIN);
const CORE_HOST_PATH = here(CORE_HOST_FROM_MAIN);

const devServerUrl = devServerUrlFrom(process.env, app.isPackaged);
const dev = devServerUrl !== undefined;
const devOption = devServerUrl ? { devServerUrl } : {};

// Before `ready`: the app origin is a standard, secure scheme (real origin, fetch, localStorage),
// and every renderer is sandboxed whatever its webPreferences say.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
// Windows attributes notifications and taskbar progress to the installer's appId.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

let mainWindow: BrowserWindow | null = null;
let currentDataDir = '';
let core: CoreClient | null = null;
let updates: UpdateController | null = null;
/** Notices for the user (weak secret storage…), kept for pages that subscribe late. */
const notices: Notice[] = [];
/** What core is busy with: taskbar progress, uploads in flight, finished-work notifications. */
const tracker = createWorkTracker();
const events = createEventSender(() => mainWindow?.webContents ?? null, { ...devOption, log });

function notify(content: NotificationContent | null): void {
  if (!content || !Notification.isSupported()) return;
  const notification = new Notification({ title: content.title, body: content.body });
  notification.on('click', () => {
    if (!focusWindow(mainWindow) && app.isReady()) void openMainWindow(currentDataDir);
  });
  notification.show();
}

/** The core host's stdout/stderr go to the log file (and the console in development). */
function pipeHostOutput(stream: NodeJS.ReadableStream | null, level: 'info' | 'warn'): void {
  if (!stream) return;
  const lines = lineSplitter((line) => {
    if (!app.isPackaged) console[level](line);
    logFile?.write(formatLogLine(new Date(), level, 'core', line.replace(/^\[core\] /, '')));
  });
  stream.on('data', (chunk: Buffer | string) => lines.push(String(chunk)));
  stream.on('end', () => lines.flush());
}

function spawnCoreHost(dataDir: string): HostProcess {
  const nativeBinding = nativeBindingPath({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    exists: existsSync,
  });
  const args = encodeHostArgs({
    dataDir,
    appVersion: app.getVersion(),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  const child = utilityProcess.fork(CORE_HOST_PATH, args, {
    serviceName: 'PIM Steward Core',
    stdio: 'pipe',
  });
  pipeHostOutput(child.stdout, 'info');
  pipeHostOutput(child.stderr, 'warn');
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', listener),
    kill: () => child.kill(),
  };
}

function showProgress(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  const bar = tracker.progress();
  mainWindow.setProgressBar(bar.value, { mode: bar.mode });
}

function onCoreEvent(event: string, payload: unknown): void {
  const seen = tracker.observe(event, payload);
  if (seen.changed) {
    showProgress();
    updates?.workChanged();
  }
  if (seen.finished) notify(workFinishedNotification(seen.finished, { windowOpen: mainWindow !== null }));
  if (event === 'settings:changed') {
    const settings = Settings.safeParse(payload);
    if (settings.success) updates?.setChannel(settings.data.updateChannel);
  }
}

async function openMainWindow(dataDir: string): Promise<void> {
  mainWindow = await createMainWindow({
    dataDir,
    preloadPath: PRELOAD_PATH,
    url: devServerUrl ?? APP_INDEX_URL,
    dev,
    log,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  showProgress();
  for (const notice of notices) events.shell(SYSTEM_NOTICE_EVENT, notice);
}

function electronAutoUpdater(): UpdaterLike {
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = {
    info: (message?: unknown) => log('info', `updater: ${String(message)}`),
    warn: (message?: unknown) => log('warn', `updater: ${String(message)}`),
    error: (message?: unknown) => log('error', `updater: ${String(message)}`),
    debug: () => undefined,
  };
  return autoUpdater as unknown as UpdaterLike;
}

/** The controller exists from the start (the page can ask for its state); it starts checking once
 * the channel is known from the settings. */
function createUpdates(client: CoreClient): UpdateController {
  const availability = updatesAvailability({
    isPackaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
  });
  let previous: UpdateState | null = null;
  const controller = createUpdateController({
    updater: availability.enabled ? electronAutoUpdater() : inertUpdater(),
    availability,
    currentVersion: app.getVersion(),
    channel: 'latest',
    uploadsIdle: async () =>
      isQueueIdle({
        coreRunning: client.state() === 'running',
        activities: await client.invoke('activity:list', { limit: 500 }),
        outbox: await client.invoke('changes:list', { limit: 1000 }),
      }),
    onState: (state) => {
      events.shell(UPDATE_STATE_EVENT, state);
      if (previous) {
        notify(updateReadyNotification(previous, state, { windowFocused: mainWindow?.isFocused() ?? false }));
      }
      previous = state;
    },
    timers: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    log,
  });
  previous = controller.state();
  void client.invoke('settings:get', {}).then((settings) => {
    const parsed = settings.ok ? Settings.safeParse(settings.value) : null;
    if (parsed?.success) controller.setChannel(parsed.data.updateChannel);
    controller.start();
  });
  return controller;
}

async function offerRestart(): Promise<void> {
  const controller = updates;
  if (!controller) return;
  const action = menuUpdateAction(controller.state());
  if (action === 'check') {
    await controller.check();
    return;
  }
  const state = controller.state();
  if (action === 'offer-restart') {
    const options = {
      type: 'info' as const,
      buttons: ['Restart Now', 'Later'],
      defaultId: 0,
      cancelId: 1,
      message: `PIM Steward ${state.version ?? ''} is ready to install.`,
      detail: 'PIM Steward restarts once no upload is in progress.',
    };
    const answer = mainWindow
      ? await dialog.showMessageBox(mainWindow, options)
      : await dialog.showMessageBox(options);
    if (answer.response === 0) await controller.requestInstall();
    return;
  }
  const message =
    state.status === 'disabled'
      ? (state.message ?? 'Updates are off.')
      : state.status === 'downloading'
        ? 'An update is being downloaded.'
        : 'An update check is under way.';
  await dialog.showMessageBox({ type: 'info', buttons: ['OK'], message });
}

function shellHandlers(files: ReturnType<typeof createFileTokenTable>): ShellHandlers {
  const requireUpdates = (): UpdateController => {
    if (!updates) throw new StewardError('unavailable', 'The updater is not running.');
    return updates;
  };
  return {
    'files:openDialog': async (input) => {
      const options = openDialogOptions(input);
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      if (result.canceled) return { files: [], rejected: [] };
      return files.registerReadable(result.filePaths);
    },
    'files:saveDialog': async (input) => {
      const options = saveDialogOptions(input, app.getPath('documents'), join);
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      const registered = files.registerWritable(result.filePath, input.kind);
      if ('ok' in registered) return registered.ref;
      throw new StewardError('invalid_input', `${registered.name}: ${registered.reason}`);
    },
    'files:forget': async (input) => ({ forgotten: files.forget(input.token) }),
    'app:getUpdateState': async () => requireUpdates().state(),
    'app:checkForUpdates': async () => requireUpdates().check(),
    'app:installUpdate': async () => requireUpdates().requestInstall(),
    'system:getNotices': async () => [...notices],
  };
}

async function start(): Promise<void> {
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  currentDataDir = dataDir;
  app.setAppLogsPath(logDir(dataDir));
  logFile = createRotatingLog({
    dir: logDir(dataDir),
    onError: (err) => console.error(`[main] cannot write the log file: ${String(err)}`),
  });
  log(
    'info',
    `PIM Steward ${app.getVersion()} starting (${process.platform} ${process.arch}, data: ${dataDir})`,
  );

  applySessionPolicy(session.defaultSession, { dev, ...devOption });
  const csp = buildCsp({ dev, ...(devServerUrl ? { devServerOrigin: devServerUrl } : {}) });
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, { rendererDir: RENDERER_DIR, csp }));

  // Secrets: safeStorage in main; core reaches it over the host channel. Warn about weak storage.
  const secretsNotice = secretStorageNotice(process.platform, safeStorage);
  if (secretsNotice) {
    notices.push(secretsNotice);
    log('warn', `${secretsNotice.title}: ${secretsNotice.message}`);
  }
  let warnedWeakStorage = false;
  const secrets = createSafeStorageSecretStore({
    file: safeStoragePath(dataDir),
    safeStorage,
    platform: process.platform,
    afterSet: () => {
      if (warnedWeakStorage || secretsNotice?.id !== WEAK_BACKEND_NOTICE_ID) return;
      warnedWeakStorage = true;
      events.shell(SYSTEM_NOTICE_EVENT, secretsNotice);
      const options = {
        type: 'warning' as const,
        buttons: ['OK'],
        message: secretsNotice.title,
        detail: secretsNotice.message,
      };
      void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
    },
  });
  const files = createFileTokenTable({ platform: process.platform });

  const client = createCoreClient({
    spawn: () => spawnCoreHost(dataDir),
    onEvent: (event, payload) => {
      events.core(event, payload);
      onCoreEvent(event, payload);
    },
    services: { secrets, files },
    log,
  });
  core = client;
  updates = createUpdates(client);
  bindIpc(ipcMain, {
    forward: (channel, input) => client.invoke(channel, input),
    isTrustedSender: (event) => isTrustedSender(event, devServerUrl),
    shell: shellHandlers(files),
    log,
  });
  bindDropIpc(ipcMain, {
    isTrustedSender: (event) => isTrustedSender(event, devServerUrl),
    onPaths: (paths) => {
      void files.registerReadable(paths).then((chosen) => events.shell(FILES_DROPPED_EVENT, chosen));
    },
    log,
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        process.platform,
        {
          command: (command) => events.shell(MENU_COMMAND_EVENT, { command }),
          openDataFolder: () => void shell.openPath(dataDir),
          openLogsFolder: () => void shell.openPath(logDir(dataDir)),
          checkForUpdates: () => void offerRestart(),
        },
        { dev, appName: app.getName() },
      ),
    ),
  );

  await openMainWindow(dataDir);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openMainWindow(dataDir);
  });
}

if (!app.requestSingleInstanceLock()) {
  // Two instances would open the same SQLite mirror: the second one hands over and leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!focusWindow(mainWindow) && app.isReady() && currentDataDir !== '')
      void openMainWindow(currentDataDir);
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      ...devOption,
      openExternal: (url) => void shell.openExternal(url),
      log,
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close core (and SQLite) before the process ends; quit again once it is closed.
  app.on('will-quit', (event) => {
    updates?.stop();
    const client = core;
    if (!client || client.state() === 'closed') return;
    event.preventDefault();
    void client.close().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log('error', `startup failed: ${String(err)}`);
      app.exit(1);
    });
}
