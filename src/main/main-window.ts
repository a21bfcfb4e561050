/**
 * Creates the main window from the saved state and keeps that state saved. Electron wiring only:
 * every decision it applies (bounds, options, persistence) lives in a tested module.
 */
import { BrowserWindow, screen } from 'electron';
import { clampWindowState } from './window-state';
import type { WindowState } from './window-state';
import {
  debounce,
  loadWindowState,
  saveWindowState,
  saveWindowStateSync,
  SAVE_DELAY_MS,
  windowStatePath,
} from './window-state-store';
import { windowOptions } from './window-options';
import type { Log } from './ipc';

export interface MainWindowOptions {
  dataDir: string;
  preloadPath: string;
  url: string;
  dev: boolean;
  log: Log;
}

function displaysPrimaryFirst(): Array<{ workArea: Electron.Rectangle }> {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
}

function currentState(win: BrowserWindow): WindowState {
  // Normal bounds: a maximized window remembers the size it returns to, not the screen size.
  return { ...win.getNormalBounds(), maximized: win.isMaximized() };
}

export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const file = windowStatePath(options.dataDir);
  const state = clampWindowState(await loadWindowState(file), displaysPrimaryFirst());
  const win = new BrowserWindow(windowOptions(state, { preloadPath: options.preloadPath, dev: options.dev }));

  win.once('ready-to-show', () => {
    // maximize() shows a hidden window on some platforms, so it waits until we show it anyway.
    if (state.maximized) win.maximize();
    win.show();
  });

  const saver = debounce(() => {
    if (win.isDestroyed()) return;
    saveWindowState(file, currentState(win)).catch((err: unknown) =>
      options.log('warn', `could not save the window state: ${String(err)}`),
    );
  }, SAVE_DELAY_MS);
  const schedule = (): void => saver.schedule();
  win.on('resize', schedule);
  win.on('move', schedule);
  win.on('maximize', schedule);
  win.on('unmaximize', schedule);
  win.on('close', () => {
    saver.cancel();
    try {
      saveWindowStateSync(file, currentState(win));
    } catch (err) {
      options.log('warn', `could not save the window state: ${String(err)}`);
    }
  });

  await win.loadURL(options.url);
  return win;
}
