/**
 * The `app://steward/` protocol: maps a request URL to a file of the built renderer (out/renderer)
 * and answers with the CSP and hardening headers. Anything that could escape the renderer folder
 * is refused before the file system is touched.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-url';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type ResolvedPath =
  { ok: true; filePath: string; mimeType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

function refuse(status: 400 | 403 | 404, reason: string): ResolvedPath {
  return { ok: false, status, reason };
}

/** True when the raw URL's path has a `.` or `..` segment, spelled plainly or percent-encoded. */
function hasDotSegment(rawUrl: string): boolean {
  const path = rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i, '').split(/[?#]/)[0] ?? '';
  return path
    .split(/[/\\]/)
    .map((segment) => segment.replace(/%2e/gi, '.'))
    .some((segment) => segment === '.' || segment === '..');
}

/**
 * `app://steward/assets/x.js` → `<rendererDir>/assets/x.js`. `/` is index.html, and so is any path
 * without an extension (a client-side route such as `/catalog`), so a reload on a route works.
 * Refused: other schemes or hosts, `..` or `.` segments (plain or percent-encoded, even though the
 * URL parser would fold them), backslashes,
 * NUL, drive letters, empty segments (`//x`), and anything that still resolves outside rendererDir.
 */
export function resolveAppPath(requestUrl: string, rendererDir: string): ResolvedPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'not a URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') {
    return refuse(404, 'not an app URL');
  }
  if (url.username !== '' || url.password !== '') return refuse(400, 'credentials in URL');
  // The URL parser silently folds `..` and `%2e%2e` segments; a request that carries them is an
  // attack, not a page load, so it is refused before parsing hides it.
  if (hasDotSegment(requestUrl)) return refuse(403, 'traversal');
  const rawPath = url.pathname;
  if (/%2f|%5c|%00/i.test(rawPath)) return refuse(403, 'encoded separator');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return refuse(400, 'malformed percent-encoding');
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return refuse(403, 'forbidden character');
  const segments = decoded.split('/').slice(1);
  const last = segments.length - 1;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] ?? '';
    if (segment === '..' || segment === '.') return refuse(403, 'traversal');
    if (segment === '' && i !== last) return refuse(403, 'empty segment');
    if (/^[a-z]:/i.test(segment)) return refuse(403, 'drive letter');
  }
  const relativePath = segments.join('/');
  const target = relativePath === '' || extname(relativePath) === '' ? 'index.html' : relativePath;
  if (isAbsolute(target)) return refuse(403, 'absolute path');

  const root = resolve(rendererDir);
  const filePath = resolve(root, target);
  const rel = relative(root, filePath);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    return refuse(403, 'outside the renderer folder');
  }
  return { ok: true, filePath, mimeType: mimeTypeOf(filePath) };
}

/** Headers every app response carries, on top of its Content-Type. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

export interface AppRequestContext {
  rendererDir: string;
  csp: string;
  /** Injected for asar/packaged reads and tests; defaults to fs.readFile (asar-aware in Electron). */
  read?: (filePath: string) => Promise<Uint8Array>;
}

function plain(status: number, text: string, csp: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** The `protocol.handle('app', …)` handler, as a function of a standard Request. */
export async function handleAppRequest(request: Request, context: AppRequestContext): Promise<Response> {
  const { csp } = context;
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', csp);
  const resolved = resolveAppPath(request.url, context.rendererDir);
  if (!resolved.ok) return plain(resolved.status, resolved.reason, csp);
  const read = context.read ?? ((p: string) => readFile(p));
  let body: Uint8Array;
  try {
    body = await read(resolved.filePath);
  } catch {
    return plain(404, 'Not found', csp);
  }
  const headers = { ...securityHeaders(csp), 'Content-Type': resolved.mimeType };
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}
