/**
 * Broadleaf Commerce admin importer simulator (seeds/002_dd6ca172e7a2ab05.txt): POST
 * /admin/api/importer/{importType} with the CSV, XLSX or ZIP as the body, HTTP Basic security,
 * ImportStatus polling at the returned statusUrl. Mounted at `/broadleaf`.
 */
import { STATUS_CODES } from 'node:http';
import type { DemoContext, DemoRequest, DemoResponse, DemoSystem } from '../types';
import { inspectZip } from '../wizart/zip-inspect';
import { createImport, getImport, settleFinished, statusBody, toJavaJson } from './jobs';
import type { NewImport, StatusView } from './jobs';
import { parseCsv, parseXlsx } from './parse';
import { IMPORT_TYPES, MESSAGES, SPECIFICATIONS } from './specs';
import type { ImportType } from './specs';
import { ensureBroadleafTables, recordRejection, takeForcedOutcome } from './store';
import { validateTable } from './validate';
import type { RejectFor } from './validate';

export {
  addBroadleafRecordRejection,
  clearBroadleafRecordRejections,
  forceBroadleafNextImport,
  listBroadleafRecords,
  setBroadleafTiming,
} from './store';
export type { BroadleafForcedOutcome, BroadleafRecord, BroadleafTiming } from './store';
export { IMPORT_TYPES, SPECIFICATIONS } from './specs';
export type { ImportType } from './specs';

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** Spring Boot's default error body, as its BasicErrorController writes it. */
function springError(status: number, message: string, path: string, now: number, headers = {}): DemoResponse {
  const body = {
    timestamp: new Date(now).toISOString().replace('Z', '+00:00'),
    status,
    error: STATUS_CODES[status] ?? 'Error',
    message,
    path,
  };
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

function authorized(req: DemoRequest, user: string, password: string): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(String(req.headers.authorization ?? ''));
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon !== -1 && decoded.slice(0, colon) === user && decoded.slice(colon + 1) === password;
}

/** Optional request parameters are bound to Long/boolean by Spring: bad values are a 400. */
function checkParams(q: URLSearchParams): string | undefined {
  for (const name of ['catalogId', 'siteId', 'userId', 'sandboxId']) {
    const v = q.get(name);
    if (v !== null && !/^-?\d+$/.test(v)) {
      return `Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long'; For input string: "${v}"`;
    }
  }
  const sandbox = q.get('importToSandbox');
  if (sandbox !== null && !/^(true|false)$/i.test(sandbox)) {
    return `Failed to convert value of type 'java.lang.String' to required type 'boolean'; Invalid boolean value [${sandbox}]`;
  }
  return undefined;
}

async function assetImport(
  body: Buffer,
  rejectFor: RejectFor,
): Promise<Omit<NewImport, 'importType' | 'specification' | 'params'>> {
  const zip = await inspectZip(body);
  if (!zip.ok) {
    const problem = { fieldName: 'File', fieldValue: '', rowNumber: 0, message: zip.reason };
    return {
      totalRecords: 0,
      records: [],
      errors: { message: MESSAGES.fileError, headerValidation: [], recordValidation: [problem] },
    };
  }
  const files = zip.entries.filter((e) => !e.isDirectory);
  const recordValidation = files.flatMap((f, i) => {
    const message = rejectFor(f.name);
    return message ? [{ fieldName: 'File', fieldValue: f.name, rowNumber: i + 1, message }] : [];
  });
  const records = files.map((f) => ({
    key: f.name,
    data: { name: f.name, size: String(f.uncompressedSize) },
  }));
  const errors = recordValidation.length
    ? { message: MESSAGES.fileError, headerValidation: [], recordValidation }
    : undefined;
  return { totalRecords: files.length, records, errors };
}

async function tableImport(
  specName: string,
  fileType: string,
  body: Buffer,
  rejectFor: RejectFor,
): Promise<Omit<NewImport, 'importType' | 'specification' | 'params'>> {
  const spec = SPECIFICATIONS.find((s) => s.name === specName)!;
  const table = fileType === 'XLSX' ? await parseXlsx(body) : parseCsv(body);
  if (!table) {
    return {
      totalRecords: 0,
      records: [],
      errors: { message: MESSAGES.fileError, headerValidation: [], recordValidation: [] },
    };
  }
  const v = validateTable(spec, table, rejectFor);
  const failed = v.headerValidation.length > 0 || v.recordValidation.length > 0;
  return {
    totalRecords: table.rows.length,
    records: v.records.map((data) => ({ key: data[spec.key] ?? '', data })),
    errors: failed
      ? {
          message: MESSAGES.fileError,
          headerValidation: v.headerValidation,
          recordValidation: v.recordValidation,
        }
      : undefined,
  };
}

function statusUrlOf(ctx: DemoContext, id: number): string {
  return `${new URL(ctx.baseUrl).pathname}/admin/api/importer/status/${id}`;
}

function showStatus(req: DemoRequest, ctx: DemoContext, id: number, view: StatusView): DemoResponse {
  const row = getImport(ctx.sqlite, id);
  if (!row) return springError(404, `No import status with id ${id}`, req.path, ctx.now());
  return {
    status: 200,
    headers: JSON_TYPE,
    body: toJavaJson(statusBody(row, ctx.now(), statusUrlOf(ctx, id), view)),
  };
}

async function startImport(req: DemoRequest, ctx: DemoContext, rawType: string): Promise<DemoResponse> {
  const now = ctx.now();
  const bad = (message: string) => springError(400, message, req.path, now);
  if (!(IMPORT_TYPES as readonly string[]).includes(rawType)) {
    return bad(
      `Failed to convert value of type 'java.lang.String' to required type 'ImportType'; No enum constant ImportType.${rawType}`,
    );
  }
  const importType = rawType as ImportType;
  const q = req.url.searchParams;
  const specName = q.get('importSpecification');
  if (!specName) return bad("Required String parameter 'importSpecification' is not present");
  const paramError = checkParams(q);
  if (paramError) return bad(paramError);
  const fileType = (q.get('fileType') ?? 'CSV').toUpperCase();
  if (importType !== 'ASSET') {
    if (fileType !== 'CSV' && fileType !== 'XLSX')
      return bad(`Unsupported fileType ${fileType}: use CSV or XLSX`);
    const spec = SPECIFICATIONS.find((s) => s.name === specName);
    if (!spec || spec.importType !== importType)
      return bad(`Invalid importSpecification ${specName} for ${importType}`);
  }
  if (req.bodyTooLarge) return springError(413, 'Maximum upload size exceeded', req.path, now);
  if (req.body.length === 0) return bad('Required request body is missing');

  const rejectFor: RejectFor = (key) => recordRejection(ctx.sqlite, key) ?? ctx.rejectionFor?.(key);
  const parsed =
    importType === 'ASSET'
      ? await assetImport(req.body, rejectFor)
      : await tableImport(specName, fileType, req.body, rejectFor);
  const params = Object.fromEntries(q.entries());
  const id = createImport(
    ctx.sqlite,
    now,
    { importType, specification: specName, params, ...parsed },
    takeForcedOutcome(ctx.sqlite),
  );
  return showStatus(req, ctx, id, 'scheduled');
}

function route(req: DemoRequest, ctx: DemoContext): Promise<DemoResponse> | DemoResponse {
  const path = req.path.replace(/\/+$/, '');
  const status = /^\/admin\/api\/importer\/status\/(\d+)$/.exec(path);
  const importer = /^\/admin\/api\/importer\/([^/]+)$/.exec(path);
  const notAllowed = () =>
    springError(405, `Request method '${req.method}' not supported`, req.path, ctx.now());
  if (status) return req.method === 'GET' ? showStatus(req, ctx, Number(status[1]), 'poll') : notAllowed();
  if (importer) {
    const segment = decodeURIComponent(importer[1]!);
    // The seed also documents GET /api/importer/{statusId}.
    if (req.method === 'GET' && /^\d+$/.test(segment)) return showStatus(req, ctx, Number(segment), 'poll');
    return req.method === 'POST' ? startImport(req, ctx, segment) : notAllowed();
  }
  return springError(404, 'No message available', req.path, ctx.now());
}

export function createBroadleafSystem(opts: { user?: string; password?: string } = {}): DemoSystem {
  const user = opts.user ?? 'admin';
  const password = opts.password ?? 'demo';
  return {
    name: 'broadleaf',
    prefix: '/broadleaf',
    handle(req, ctx) {
      ensureBroadleafTables(ctx.sqlite);
      settleFinished(ctx.sqlite, ctx.now());
      if (!authorized(req, user, password)) {
        // Spring Security's BasicAuthenticationEntryPoint: a challenge with the default realm.
        return springError(401, 'Unauthorized', req.path, ctx.now(), {
          'WWW-Authenticate': 'Basic realm="Realm"',
        });
      }
      return route(req, ctx);
    },
    errorReply(status, message) {
      return springError(status, message, '', Date.now());
    },
  };
}
