/**
 * Web permissions: denied, with two narrow exceptions for the app's own origin.
 * - `notifications`: the renderer raises import-status notifications ("import finished", "job
 *   stuck") with the standard Web Notification API, so the same code works in the web shell.
 * - `clipboard-sanitized-write`: the grid's "copy cells" writes plain text for Excel through
 *   `navigator.clipboard.writeText`. Writing sanitized data leaks nothing; reading the clipboard
 *   (`clipboard-read`) stays denied: paste comes from the user's paste event, which needs no permission.
 * Everything else (camera, microphone, geolocation, HID/USB/serial, MIDI, fullscreen, openExternal…)
 * is denied, and any request from another origin or a sub-frame is denied.
 */
import { isTrustedAppUrl } from './app-url';

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'notifications',
  'clipboard-sanitized-write',
]);

export interface PermissionContext {
  /** Development: the dev server origin counts as the app. */
  devServerUrl?: string;
  /** False when the request comes from a sub-frame; sub-frames get nothing. */
  isMainFrame?: boolean;
}

export function permissionDecision(
  permission: string,
  requestingUrl: string,
  context: PermissionContext = {},
): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  if (context.isMainFrame === false) return false;
  return isTrustedAppUrl(requestingUrl, context.devServerUrl);
}
