/**
 * Electron main: wiring only. Every decision (URLs, CSP, window options and state, menus,
 * permissions, navigation, IPC checks, the core host protocol) lives in a small tested module
 * of this folder; this file connects them to Electron. See docs/electron-shell.md.
 */
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell, utilityProcess } from 'electron';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { APP_INDEX_URL, APP_SCHEME, devServerUrlFrom } from './app-url';
import { handleAppRequest } from './app-protocol';
import { CORE_HOST_FROM_MAIN, PRELOAD_FROM_MAIN, RENDERER_FROM_MAIN } from './build-layout';
import { createCoreClient } from './core-client';
import type { CoreClient, HostProcess } from './core-client';
import { encodeHostArgs } from './core-host-runtime';
import { buildCsp } from './csp';
import { applySessionPolicy, hardenWebContents } from './harden';
import { bindIpc, createEventSender, isTrustedSender } from './ipc';
import type { Log } from './ipc';
import { createMainWindow } from './main-window';
import { menuTemplate } from './menu';
import { nativeBindingPath, resolveDataDir } from './paths';
import { MENU_COMMAND_EVENT } from './shell-events';

const log: Log = (level, msg, data) => {
  if (data === undefined) console[level](`[main] ${msg}`);
  else console[level](`[main] ${msg}`, data);
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

let mainWindow: BrowserWindow | null = null;
let core: CoreClient | null = null;
const events = createEventSender(() => mainWindow?.webContents ?? null, { ...devOption, log });

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
    stdio: 'inherit',
  });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', listener),
    kill: () => child.kill(),
  };
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
}

async function start(): Promise<void> {
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  applySessionPolicy(session.defaultSession, { dev, ...devOption });
  const csp = buildCsp({ dev, ...(devServerUrl ? { devServerOrigin: devServerUrl } : {}) });
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, { rendererDir: RENDERER_DIR, csp }));

  const client = createCoreClient({
    spawn: () => spawnCoreHost(dataDir),
    onEvent: (event, payload) => events.core(event, payload),
    log,
  });
  core = client;
  bindIpc(ipcMain, {
    forward: (channel, input) => client.invoke(channel, input),
    isTrustedSender: (event) => isTrustedSender(event, devServerUrl),
    log,
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        process.platform,
        {
          command: (command) => events.shell(MENU_COMMAND_EVENT, { command }),
          openDataFolder: () => void shell.openPath(dataDir),
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
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
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
