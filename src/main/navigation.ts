/**
 * Where a page may go. The app is one page at `app://steward/`: it never navigates away, never
 * opens Electron windows, never hosts `<webview>`. Links to the web open in the user's browser,
 * and only when they pass `isSafeExternalUrl`.
 */
import { isSafeExternalUrl, isTrustedAppUrl } from './app-url';

/**
 * `will-navigate` / `will-redirect` / `will-frame-navigate`: only within the app itself. A denied
 * navigation is not forwarded to the browser: scripts can trigger navigations without the user, so
 * only `window.open` (a `target="_blank"` link) may open the browser.
 */
export function isNavigationAllowed(url: string, devServerUrl?: string): boolean {
  return isTrustedAppUrl(url, devServerUrl);
}

/** `setWindowOpenHandler`: never a new Electron window; a safe https link goes to the browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternal: string | null } {
  return { action: 'deny', openExternal: isSafeExternalUrl(url) ? url : null };
}
