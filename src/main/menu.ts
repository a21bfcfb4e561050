/**
 * The application menu as data. Standard items use roles (so they are native and localised);
 * app items either send a `menu:command` to the renderer or call a main-side action.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './shell-events';

export interface MenuActions {
  /** App-level commands the renderer carries out (sent as the `menu:command` event). */
  command(command: MenuCommand): void;
  /** Main-side: reveal the data folder (database, logs) in the file manager. */
  openDataFolder(): void;
  /** Main-side: reveal the logs folder. */
  openLogsFolder(): void;
  /** Main-side: check for updates now, or offer the restart when one is ready. */
  checkForUpdates(): void;
}

export interface MenuOptions {
  dev: boolean;
  appName?: string;
}

export const NAVIGATION: ReadonlyArray<{ label: string; command: MenuCommand }> = [
  { label: 'Catalog', command: 'go:catalog' },
  { label: 'Changes', command: 'go:changes' },
  { label: 'Import', command: 'go:import' },
  { label: 'Activity', command: 'go:activity' },
  { label: 'Connections', command: 'go:connections' },
  { label: 'Settings', command: 'go:settings' },
];

const separator: MenuItemConstructorOptions = { type: 'separator' };

function appMenu(appName: string, actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: appName,
    role: 'appMenu',
    submenu: [
      { role: 'about' },
      { label: 'Check for Updates…', click: () => actions.checkForUpdates() },
      separator,
      { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => actions.command('go:settings') },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
}

function fileMenu(mac: boolean, actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: 'File',
    role: 'fileMenu',
    submenu: [
      { label: 'Import File…', accelerator: 'CmdOrCtrl+O', click: () => actions.command('import:openFile') },
      separator,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

function editMenu(): MenuItemConstructorOptions {
  return {
    label: 'Edit',
    role: 'editMenu',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
}

function viewMenu(dev: boolean): MenuItemConstructorOptions {
  // Reload and DevTools only in development: a reload mid-edit in production would drop UI state,
  // and DevTools give anyone at the keyboard a console inside the app's origin.
  const devItems: MenuItemConstructorOptions[] = dev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
    : [];
  return {
    label: 'View',
    role: 'viewMenu',
    submenu: [
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
}

function goMenu(actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: 'Go',
    submenu: NAVIGATION.map((item, index) => ({
      label: item.label,
      accelerator: `CmdOrCtrl+${index + 1}`,
      click: () => actions.command(item.command),
    })),
  };
}

function syncMenu(actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: 'Sync',
    submenu: [
      // Not CmdOrCtrl+R: that is reload in development builds.
      { label: 'Sync Now', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.command('sync:now') },
      {
        label: 'Push Changes',
        accelerator: 'CmdOrCtrl+Shift+P',
        click: () => actions.command('changes:push'),
      },
    ],
  };
}

function helpMenu(mac: boolean, actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: 'Help',
    role: 'help',
    submenu: [
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      { label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
      // macOS has these two in the app menu.
      ...(mac
        ? []
        : [
            separator,
            { label: 'Check for Updates…', click: () => actions.checkForUpdates() },
            { role: 'about' } as MenuItemConstructorOptions,
          ]),
    ],
  };
}

export function menuTemplate(
  platform: NodeJS.Platform,
  actions: MenuActions,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const appName = options.appName ?? 'PIM Steward';
  return [
    ...(mac ? [appMenu(appName, actions)] : []),
    fileMenu(mac, actions),
    editMenu(),
    viewMenu(options.dev),
    goMenu(actions),
    syncMenu(actions),
    { label: 'Window', role: 'windowMenu' },
    helpMenu(mac, actions),
  ];
}
