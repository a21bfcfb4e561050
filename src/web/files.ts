/**
 * The web shell's file routes (src/shared/wire.ts FILES_PATH): uploads of dropped or picked files
 * into core's local file store, and downloads of what core exported. Only this origin, only with the
 * per-run secret in a header (never in a URL, which logs and history keep).
 */
import { createReadStream, statSync } from 'node:fs';
import type http from 'node:http';
import type { LocalFileStore } from '../core/files/local-store';
import { MAX_UPLOAD_BYTES } from '../core/files/local-store';
import { isStewardError } from '../shared/errors';
import { FILE_NAME_HEADER, FILE_SECRET_HEADER, FILES_PATH } from '../shared/wire';
import type { UploadReply } from '../shared/wire';

export interface FileRouteContext {
  files: LocalFileStore | null;
  origin: string;
  secretOk(offered: string | undefined): boolean;
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

const fail = (res: http.ServerResponse, status: number, message: string) =>
  reply(res, status, { error: message });

export async function handleFiles(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  ctx: FileRouteContext,
): Promise<void> {
  if (req.headers.origin !== undefined && req.headers.origin !== ctx.origin)
    return fail(res, 403, 'Forbidden');
  const offered = req.headers[FILE_SECRET_HEADER];
  if (!ctx.secretOk(typeof offered === 'string' ? offered : undefined)) return fail(res, 401, 'Unauthorized');
  if (!ctx.files) return fail(res, 404, 'This host takes no files.');
  const path = (req.url ?? '').split('?')[0] ?? '';
  try {
    if (req.method === 'POST' && path === FILES_PATH) {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_UPLOAD_BYTES) {
        req.resume();
        return fail(res, 413, 'The file is larger than 4 GB.');
      }
      const rawName = req.headers[FILE_NAME_HEADER];
      let name: string;
      try {
        name = decodeURIComponent(typeof rawName === 'string' ? rawName : '');
      } catch {
        return fail(res, 400, 'The file name is not valid.');
      }
      const stored = await ctx.files.add(name, req);
      const body: UploadReply = stored;
      return reply(res, 201, body);
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && path.startsWith(`${FILES_PATH}/`)) {
      const found = ctx.files.download(path.slice(FILES_PATH.length + 1));
      if (!found) return fail(res, 404, 'That file is no longer available.');
      const size = statSync(found.path).size;
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(found.name)}`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(found.path).pipe(res);
      return;
    }
    res.writeHead(405, { Allow: 'GET, HEAD, POST' }).end();
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    if (isStewardError(err)) return fail(res, err.code === 'not_found' ? 404 : 400, err.message);
    return fail(res, 500, (err as Error).message);
  }
}
