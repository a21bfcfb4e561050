/**
 * Wizart PIM API (seeds/000_e06ea13dbfabb382.txt; paths from the openapi v2.1 of the seed's
 * repository, github.com/wizart-tech/api): import only. Products arrive as a CSV plus a ZIP of their
 * images uploaded to `POST /product-type/{code}/import`; the import then walks its stages
 * asynchronously and is followed with `GET /imports/{importId}`. JSON:API documents.
 *
 * Tokens: the seed names Bearer (OAuth 2.0, "for data manipulation") plus Web, Android, iOS and
 * Direct tokens "to get the data". Only the Bearer token can upload; the scheme word is the
 * `tokenType` setting (the HttpAuth `bearer` kind's tokenType, src/core/net/auth.ts).
 */
import { StewardError } from '../../../shared/errors';
import type { HttpClient, HttpResponse } from '../../net/http-client';
import { percentEncode } from '../../net/url';
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
import { multipartBody } from './multipart';
import { wizartJobStatus } from './status';

export { wizartJobStatus, wizartPercent, WIZART_STAGES } from './status';
export { multipartBody } from './multipart';

const DEFAULT_SETTINGS = {
  /** Authorization scheme word: Bearer for the OAuth 2.0 token that may upload (000). */
  tokenType: 'Bearer',
  /** Below the base URL: the openapi's server is `https://pim-client.wizart.ai/api/v2.1`. */
  apiPath: 'api/v2.1',
};

/**
 * Product types are per account (`GET /import/product-types`); the seed names wall product types
 * and flooring, which are what we declare. Another code still works: importFile takes any.
 */
const PRODUCT_TYPES = ['wallpaper', 'flooring'];

export const WIZART_CAPABILITIES: Capabilities = {
  entities: PRODUCT_TYPES,
  read: false,
  write: false,
  importOnly: true,
  auth: 'bearer',
  limits: {
    // The seed states no rate; an import is one upload and then a status poll every few seconds.
    requestsPerSecond: 2,
    // The seed states no size. The whole upload is held in memory, so this bounds that; the
    // server's own limit answers 413 before we would reach it.
    maxBodyBytes: 512 * 1024 * 1024,
  },
  imports: PRODUCT_TYPES.map((entity) => ({ entity, formats: ['csv'], images: true })),
};

/** The openapi documents `Accept: application/json` for every call. */
const ACCEPT = { accept: 'application/json' };

function statusOf(res: HttpResponse): RemoteJobStatus {
  const status = wizartJobStatus(res.json());
  if (!status) throw unexpectedAnswer(res, 'the answer is not an import_data resource');
  return status;
}

/** The upload has to get through at 100 kB/s or better, plus a minute for the PIM to answer. */
function uploadTimeoutMs(bytes: number): number {
  return 60_000 + Math.ceil(bytes / 100);
}

function pickFiles(req: ImportRequest): { data: ImportFile; archive: ImportFile } {
  const data = req.files.filter((f) => f.role === 'data');
  const archive = req.files.filter((f) => f.role === 'images');
  // The openapi: "you have to use this method to send two files", the CSV and the ZIP of images.
  if (data.length !== 1 || archive.length !== 1 || req.files.length !== 2) {
    throw new StewardError(
      'invalid_input',
      'A Wizart import takes exactly two files: the product CSV and a ZIP of its images.',
    );
  }
  if (data[0]!.format !== 'csv')
    throw new StewardError(
      'invalid_input',
      `Wizart imports a CSV file, not ${data[0]!.format.toUpperCase()}.`,
    );
  if (archive[0]!.format !== 'zip')
    throw new StewardError('invalid_input', 'Wizart takes the product images as one ZIP archive.');
  return { data: data[0]!, archive: archive[0]! };
}

async function importFile(
  http: HttpClient,
  api: string,
  req: ImportRequest,
  signal: AbortSignal,
): Promise<RemoteJobStatus> {
  const { data, archive } = pickFiles(req);
  const { body, contentType } = multipartBody([
    { field: 'data', filename: data.name, contentType: 'text/csv', bytes: data.bytes },
    { field: 'archive', filename: archive.name, contentType: 'application/zip', bytes: archive.bytes },
  ]);
  const res = await http.request({
    method: 'POST',
    path: `${api}/product-type/${percentEncode(req.entity)}/import`,
    body,
    headers: { ...ACCEPT, 'content-type': contentType },
    signal,
    timeoutMs: uploadTimeoutMs(body.byteLength),
  });
  return statusOf(res);
}

export function createWizartConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  const api = (ctx.settings.apiPath || DEFAULT_SETTINGS.apiPath).replace(/^\/+|\/+$/g, '');
  return {
    kind: 'wizart',
    capabilities: WIZART_CAPABILITIES,
    importFile: (req, signal) => importFile(http, api, req, signal),
    async importStatus(remoteId, signal) {
      const path = `${api}/imports/${percentEncode(remoteId)}`;
      return statusOf(await http.request({ method: 'GET', path, headers: ACCEPT, signal }));
    },
    // The product-type list: small, read-only, and open to every kind of token.
    async probe(signal) {
      await http.request({ method: 'GET', path: `${api}/import/product-types`, headers: ACCEPT, signal });
    },
  };
}

export const wizartConnector: ConnectorDefinition = {
  kind: 'wizart',
  capabilities: WIZART_CAPABILITIES,
  secretFields: ['token'],
  defaultSettings: DEFAULT_SETTINGS,
  create: createWizartConnector,
};
