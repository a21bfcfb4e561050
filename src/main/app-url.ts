/**
 * Which URLs are "the app". The renderer is served from a custom standard + secure scheme
 * (`app://steward/`), never from `file://`: a file origin would give every local HTML file the
 * same origin as the app, and `file:` pages may read other local files.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'steward';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Longest URL we ever hand to the OS browser: a guard against absurd payloads, not a spec limit. */
const MAX_EXTERNAL_URL_LENGTH = 2048;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for `app://steward/...` (and, in development only, for the electron-vite dev server's
 * origin). Compared by scheme + host + port because Node's URL reports `null` as the origin of
 * custom schemes.
 */
export function isTrustedAppUrl(url: unknown, devServerUrl?: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.hostname === APP_HOST && parsed.port === '';
  }
  if (devServerUrl === undefined) return false;
  const dev = parse(devServerUrl);
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return false;
  return parsed.origin === dev.origin;
}

/**
 * Links we are willing to open in the user's browser with `shell.openExternal`: https only
 * (no `file:`, `smb:`, custom handlers or plain http), no credentials in the URL, a real host.
 */
export function isSafeExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.hostname;
  // A host needs a dot (or is an IPv6 literal): this rejects `https://localhost-ish` typos and
  // single-label intranet names that a hostile page could use to probe the local network.
  if (host === '' || (!host.includes('.') && !host.startsWith('['))) return false;
  if (host.startsWith('.') || host.endsWith('.') || host.includes('..')) return false;
  return true;
}

/**
 * The electron-vite dev server URL (`ELECTRON_RENDERER_URL`), honoured only in an unpackaged app and
 * only on loopback: an environment variable must never point a shipped app at a remote page.
 */
export function devServerUrlFrom(
  env: Record<string, string | undefined>,
  isPackaged: boolean,
): string | undefined {
  if (isPackaged) return undefined;
  const parsed = parse(env.ELECTRON_RENDERER_URL);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return undefined;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.href;
}
