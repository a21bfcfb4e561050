/**
 * Broadleaf Commerce admin importer (seeds/002_dd6ca172e7a2ab05.txt): import only, HTTP Basic.
 * `POST /admin/api/importer/{importType}?importSpecification=…` with the CSV or XLSX (or, for
 * ASSET, the ZIP) as the raw body schedules an import and answers its ImportStatus; the status is
 * then polled at its `statusUrl`, `/admin/api/importer/status/{statusId}`. The connection's base URL
 * is where the admin application is served (the seed's paths start at `/admin`).
 */
import { StewardError } from '../../../shared/errors';
import type { HttpClient, HttpResponse } from '../../net/http-client';
import { isHttpError } from '../../net/http-error';
import { percentEncode } from '../../net/url';
import type { QueryParams } from '../../net/url';
import type {
  Capabilities,
  Connector,
  ConnectorContext,
  ConnectorDefinition,
  ImportFile,
  ImportRequest,
  RemoteJobStatus,
} from '../types';
import { unexpectedAnswer } from '../import-status';
import { broadleafJobStatus } from './status';

export { broadleafJobStatus, validationIssues } from './status';

/**
 * The seed's import types and the default specification of each ("Available default
 * specifications are here"). For ASSET the seed says to "provide any valid specification": we send
 * the product one, which every installation has.
 */
export const BROADLEAF_SPECIFICATIONS: Readonly<Record<string, string>> = {
  PRODUCT: 'DefaultProductImportSpecification',
  CATEGORY: 'DefaultCategoryImportSpecification',
  CUSTOMER: 'DefaultCustomerImportSpecification',
  ADDRESS: 'DefaultCustomerAddressImportSpecification',
  ORDER: 'DefaultOrderImportSpecification',
  ASSET: 'DefaultProductImportSpecification',
};

/** Optional request parameters (seed, "Request Parameters"); an import's options override these. */
const DEFAULT_SETTINGS = {
  /** The admin user (registry.ts reads it from the settings; the password is the secret). */
  user: '',
  catalogId: '',
  siteId: '',
  userId: '',
  sandboxId: '',
  /** The zone of the server's `lastUpdateDate` (the seed's examples carry no zone). */
  timeZone: 'UTC',
};

const ID_PARAMS = ['catalogId', 'siteId', 'userId', 'sandboxId'] as const;

const TABLE_TYPES = ['PRODUCT', 'CATEGORY', 'CUSTOMER', 'ADDRESS', 'ORDER'];

export const BROADLEAF_CAPABILITIES: Capabilities = {
  entities: [...TABLE_TYPES, 'ASSET'],
  read: false,
  write: false,
  importOnly: true,
  auth: 'basic',
  limits: {
    // The seed states no rate; an import is one upload and then a poll every few seconds.
    requestsPerSecond: 2,
    // The seed states no size. The body is held in memory, so this bounds that; the server's own
    // upload limit answers 413 before we would reach it.
    maxBodyBytes: 512 * 1024 * 1024,
  },
  imports: [
    ...TABLE_TYPES.map((entity) => ({ entity, formats: ['csv', 'xlsx'] as const, images: false })),
    { entity: 'ASSET', formats: ['zip'] as const, images: false },
  ],
};

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
} as const;

function pickFile(importType: string, files: readonly ImportFile[]): ImportFile {
  if (files.length !== 1) {
    throw new StewardError(
      'invalid_input',
      `A Broadleaf import takes one file per request (${files.length} given); images go in a separate ASSET import.`,
    );
  }
  const file = files[0]!;
  const ok = importType === 'ASSET' ? file.format === 'zip' : file.format === 'csv' || file.format === 'xlsx';
  if (!ok) {
    const wanted = importType === 'ASSET' ? 'a ZIP of the assets' : 'a CSV or XLSX file';
    throw new StewardError('invalid_input', `A Broadleaf ${importType} import takes ${wanted}.`);
  }
  return file;
}

/** Spring binds the ids to Long and importToSandbox to boolean: a bad value is refused here, not by a 400. */
function importQuery(req: ImportRequest, file: ImportFile, settings: Record<string, string>): QueryParams {
  const importType = req.entity.toUpperCase();
  const opt = (name: string) => req.options?.[name] ?? settings[name] ?? '';
  const query: Record<string, string> = {
    importSpecification: opt('importSpecification') || BROADLEAF_SPECIFICATIONS[importType] || '',
  };
  if (!query.importSpecification) {
    throw new StewardError('invalid_input', `Broadleaf needs an importSpecification for ${importType}.`);
  }
  for (const name of ID_PARAMS) {
    const value = opt(name).trim();
    if (value === '') continue;
    if (!/^-?\d+$/.test(value))
      throw new StewardError('invalid_input', `Broadleaf ${name} must be a whole number.`);
    query[name] = value;
  }
  // The seed: sandboxId applies only with importToSandbox=true; without either it goes to production.
  const toSandbox = opt('importToSandbox').trim().toLowerCase() || (query.sandboxId ? 'true' : '');
  if (toSandbox !== '') {
    if (toSandbox !== 'true' && toSandbox !== 'false')
      throw new StewardError('invalid_input', 'Broadleaf importToSandbox must be true or false.');
    query.importToSandbox = toSandbox;
  }
  if (importType !== 'ASSET') query.fileType = file.format === 'xlsx' ? 'XLSX' : 'CSV';
  return query;
}

function statusOf(res: HttpResponse, remoteId: string, timeZone: string): RemoteJobStatus {
  const status = broadleafJobStatus(res.json(), remoteId, timeZone);
  if (!status) throw unexpectedAnswer(res, 'the answer is not an ImportStatus');
  return status;
}

/** The upload has to get through at 100 kB/s or better, plus a minute for the server to answer. */
const uploadTimeoutMs = (bytes: number) => 60_000 + Math.ceil(bytes / 100);

async function importFile(
  http: HttpClient,
  settings: Record<string, string>,
  req: ImportRequest,
  signal: AbortSignal,
): Promise<RemoteJobStatus> {
  const importType = req.entity.toUpperCase();
  const file = pickFile(importType, req.files);
  const res = await http.request({
    method: 'POST',
    path: `admin/api/importer/${percentEncode(importType)}`,
    query: importQuery(req, file, settings),
    body: file.bytes,
    headers: { accept: 'application/json', 'content-type': CONTENT_TYPES[file.format] },
    signal,
    timeoutMs: uploadTimeoutMs(file.bytes.byteLength),
  });
  const status = statusOf(res, '', settings.timeZone ?? 'UTC');
  if (status.remoteId === '') throw unexpectedAnswer(res, 'the ImportStatus has no statusId');
  return status;
}

const statusPath = (remoteId: string) => `admin/api/importer/status/${percentEncode(remoteId)}`;

export function createBroadleafConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  const settings: Record<string, string> = { ...DEFAULT_SETTINGS, ...ctx.settings };
  const timeZone = settings.timeZone || 'UTC';
  return {
    kind: 'broadleaf',
    capabilities: BROADLEAF_CAPABILITIES,
    importFile: (req, signal) => importFile(http, settings, req, signal),
    async importStatus(remoteId, signal) {
      const res = await http.request({
        method: 'GET',
        path: statusPath(remoteId),
        headers: { accept: 'application/json' },
        signal,
      });
      return statusOf(res, remoteId, timeZone);
    },
    /**
     * The importer has no read-only call, so ask for a status that cannot exist: Spring Security
     * answers 401 before routing, and an authenticated request gets 404 (or 200 if 0 exists).
     */
    async probe(signal) {
      try {
        await http.request({
          method: 'GET',
          path: statusPath('0'),
          headers: { accept: 'application/json' },
          signal,
        });
      } catch (err) {
        if (!isHttpError(err, 'not_found')) throw err;
      }
    },
  };
}

export const broadleafConnector: ConnectorDefinition = {
  kind: 'broadleaf',
  capabilities: BROADLEAF_CAPABILITIES,
  secretFields: ['password'],
  defaultSettings: DEFAULT_SETTINGS,
  create: createBroadleafConnector,
};
