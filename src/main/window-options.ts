/** The main window's constructor options: every security-relevant web preference spelled out. */
import type { BrowserWindowConstructorOptions } from 'electron';
import { MIN_HEIGHT, MIN_WIDTH } from './window-state';
import type { WindowState } from './window-state';

export interface WindowOptionsContext {
  preloadPath: string;
  /** Development build: DevTools allowed. */
  dev?: boolean;
  title?: string;
  backgroundColor?: string;
}

export function windowOptions(
  state: WindowState,
  context: WindowOptionsContext,
): BrowserWindowConstructorOptions {
  return {
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    // Shown on ready-to-show so the user never sees a white flash or a half-painted window.
    show: false,
    title: context.title ?? 'PIM Steward',
    backgroundColor: context.backgroundColor ?? '#1f2328',
    webPreferences: {
      preload: context.preloadPath,
      // The renderer is a web page: no Node, its own JS world, an OS-level sandbox.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // No feature the app does not use: the spellchecker would send words to a service on some
      // platforms, and a dropped file must reach our drop handler, not replace the page.
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click would open a link as a new window: the window-open handler denies it anyway,
      // and the app has no use for auxclick.
      disableBlinkFeatures: 'Auxclick',
      enableWebSQL: false,
      experimentalFeatures: false,
      devTools: context.dev === true,
    },
  };
}
