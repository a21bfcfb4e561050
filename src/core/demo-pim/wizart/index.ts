/**
 * Wizart PIM API simulator (seeds/000_e06ea13dbfabb382.txt): CSV + ZIP imports by product type and
 * their status, JSON:API documents, OAuth 2.0 bearer plus web/android/ios/direct tokens. Paths and
 * resource shapes follow the public openapi.yml (v2.1) of github.com/wizart-tech/api, which the seed
 * is the introduction of. Mounted at `/wizart`; the API itself lives under `/api/v2.1`.
 */
import type Database from 'better-sqlite3';
import type { DemoContext, DemoRequest, DemoResponse, DemoSystem } from '../types';
import { analyzeImport } from './analyze';
import { createImport, getImport, importState, listImports, settleFinished } from './jobs';
import type { ImportRow } from './jobs';
import { doc, errorDoc, errorObject, forbidden, importResource, notFound, unauthenticated } from './jsonapi';
import { PRODUCT_TYPES, ensureWizartTables, productType, readConfig, writeConfig } from './schema';
import type { TokenKind } from './schema';
import { addWizartToken, rowRejections, takeForcedOutcome, wizartTiming } from './scenario';

export {
  addWizartRowRejection,
  addWizartToken,
  clearWizartRowRejections,
  forceWizartNextImport,
  listWizartProducts,
  setWizartTiming,
} from './scenario';
export type { WizartForcedOutcome, WizartProduct, WizartTiming } from './scenario';
export { STAGES } from './schema';
export type { ImportStatus, Stage, TokenKind } from './schema';

const API = '/api/v2.1';

// Laravel's wording for the statuses the fault layer injects.
const FAULT_TITLES: Record<number, string> = {
  408: 'Request Timeout.',
  413: 'Payload Too Large.',
  429: 'Too Many Attempts.',
  500: 'Server Error.',
  502: 'Bad Gateway.',
  503: 'Service Unavailable.',
};

function tokenKind(req: DemoRequest, db: Database.Database): TokenKind | undefined {
  const header = String(req.headers.authorization ?? '').trim();
  if (!header) return undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  const value = bearer ? bearer[1]!.trim() : header;
  const row = db.prepare('SELECT kind FROM wizart_token WHERE token = ?').get(value) as
    { kind: TokenKind } | undefined;
  if (!row) return undefined;
  // OAuth tokens travel as `Bearer …`; the other kinds are API keys sent bare in Authorization.
  if ((row.kind === 'bearer') !== Boolean(bearer)) return undefined;
  return row.kind;
}

/** The factory's bearer token replaces the one a previous run configured; hook-added tokens stay. */
function seedToken(db: Database.Database, token: string): void {
  const previous = readConfig<string>(db, 'factory-token');
  if (previous !== undefined && previous !== token)
    db.prepare('DELETE FROM wizart_token WHERE token = ?').run(previous);
  addWizartToken(db, token, 'bearer');
  writeConfig(db, 'factory-token', token);
}

function showImport(req: DemoRequest, row: ImportRow | undefined, now: number): DemoResponse {
  if (!row) return notFound(req);
  return doc(req, 200, { data: importResource(row, importState(row, now)) });
}

function templateCsv(req: DemoRequest, code: string): DemoResponse {
  const type = productType(code);
  if (!type) return notFound(req);
  return {
    status: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    body: `${type.columns.join(',')}\n`,
  };
}

function productTypes(req: DemoRequest): DemoResponse {
  const data = PRODUCT_TYPES.map((t) => ({
    type: 'product_type',
    id: t.code,
    attributes: { type: t.code, name: t.name },
  }));
  return doc(req, 200, { data });
}

async function readForm(req: DemoRequest): Promise<FormData | undefined> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.toLowerCase().startsWith('multipart/form-data')) return undefined;
  try {
    return await new Response(req.body, { headers: { 'content-type': type } }).formData();
  } catch {
    return undefined;
  }
}

const hasNul = (buf: Buffer) => buf.subarray(0, 8192).includes(0);

async function startImport(req: DemoRequest, ctx: DemoContext, code: string): Promise<DemoResponse> {
  const type = productType(code);
  if (!type) return notFound(req);
  if (req.bodyTooLarge) return errorDoc(req, 413, 'Payload Too Large.');
  const form = await readForm(req);
  const data = form?.get('data');
  const archive = form?.get('archive');
  const errors = [];
  let csv: Buffer | undefined;
  let zip: Buffer | undefined;
  // Laravel-style validation: every failing field is reported at once, with source.parameter.
  if (!(data instanceof File))
    errors.push(errorObject(422, 'The data field is required.', undefined, 'data'));
  else {
    csv = Buffer.from(await data.arrayBuffer());
    if (hasNul(csv))
      errors.push(errorObject(422, 'The data must be a file of type: csv, txt.', undefined, 'data'));
  }
  if (!(archive instanceof File))
    errors.push(errorObject(422, 'The archive field is required.', undefined, 'archive'));
  else {
    zip = Buffer.from(await archive.arrayBuffer());
    if (zip.subarray(0, 2).toString('latin1') !== 'PK') {
      errors.push(errorObject(422, 'The archive must be a file of type: zip.', undefined, 'archive'));
    }
  }
  if (errors.length || !csv || !zip || !(data instanceof File)) return doc(req, 422, { errors });

  const scripted = rowRejections(ctx.sqlite);
  const rejectFor = (key: string) => scripted.get(key) ?? ctx.rejectionFor?.(key);
  const analysis = await analyzeImport(type, csv, zip, rejectFor);
  const now = ctx.now();
  const id = createImport(
    ctx.sqlite,
    { type, originalName: data.name || 'data.csv', bytes: csv.length + zip.length, now },
    analysis,
    wizartTiming(ctx.sqlite),
    takeForcedOutcome(ctx.sqlite),
  );
  return showImport(req, getImport(ctx.sqlite, id), now);
}

async function route(req: DemoRequest, ctx: DemoContext, kind: TokenKind): Promise<DemoResponse> {
  const path = req.path.replace(/\/+$/, '');
  const now = ctx.now();
  const db = ctx.sqlite;
  const upload = /^\/product-type\/([^/]+)\/import$/.exec(path.slice(API.length));
  if (path.startsWith(`${API}/`) && upload) {
    if (req.method !== 'POST') return errorDoc(req, 405, 'Method Not Allowed.');
    // The seed: OAuth 2.0 is for data manipulation, the other tokens only read.
    if (kind !== 'bearer') return forbidden(req, `This method is not available for ${kind} tokens.`);
    return startImport(req, ctx, decodeURIComponent(upload[1]!));
  }
  if (req.method !== 'GET') return errorDoc(req, 405, 'Method Not Allowed.');
  if (path === `${API}/import/product-types`) return productTypes(req);
  const mapping = /^\/api\/v2\.1\/data-mappings\/default\/([^/]+)$/.exec(path);
  if (mapping) return templateCsv(req, decodeURIComponent(mapping[1]!));
  if (path === `${API}/imports`) {
    return doc(req, 200, { data: listImports(db).map((row) => importResource(row, importState(row, now))) });
  }
  if (path === `${API}/imports/last`) return showImport(req, listImports(db)[0], now);
  const one = /^\/api\/v2\.1\/imports\/(\d+)$/.exec(path);
  if (one) return showImport(req, getImport(db, Number(one[1])), now);
  return errorDoc(req, 404, 'Not Found.', `The route ${req.url.pathname} could not be found.`);
}

export function createWizartSystem(opts: { token?: string } = {}): DemoSystem {
  const token = opts.token ?? 'demo-wizart-token';
  const seeded = new WeakSet<Database.Database>();
  return {
    name: 'wizart',
    prefix: '/wizart',
    async handle(req, ctx) {
      ensureWizartTables(ctx.sqlite);
      if (!seeded.has(ctx.sqlite)) {
        seedToken(ctx.sqlite, token);
        seeded.add(ctx.sqlite);
      }
      settleFinished(ctx.sqlite, ctx.now());
      const kind = tokenKind(req, ctx.sqlite);
      if (!kind) return unauthenticated(req);
      return route(req, ctx, kind);
    },
    errorReply(status, message) {
      const title = FAULT_TITLES[status] ?? 'Error.';
      return {
        status,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ errors: [errorObject(status, title, message)] }),
      };
    },
  };
}
