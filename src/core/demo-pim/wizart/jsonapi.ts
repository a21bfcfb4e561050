/**
 * JSON:API v1.1 documents as the Wizart API sends them (seeds/000_e06ea13dbfabb382.txt says the API
 * follows JSON:API v1.1; the error objects and the `import_data` resource follow the public
 * openapi.yml of the same repository, github.com/wizart-tech/api).
 */
import { randomUUID } from 'node:crypto';
import type { DemoRequest, DemoResponse } from '../types';
import type { ImportRow, ImportState } from './jobs';

export const JSONAPI_TYPE = 'application/vnd.api+json';

/** JSON:API media type when the client asks for it, else plain JSON as the openapi documents. */
export function contentTypeFor(req: DemoRequest): string {
  const accept = String(req.headers.accept ?? '');
  return accept.includes(JSONAPI_TYPE) ? JSONAPI_TYPE : 'application/json; charset=utf-8';
}

export function doc(req: DemoRequest, status: number, body: unknown): DemoResponse {
  return { status, headers: { 'Content-Type': contentTypeFor(req) }, body: JSON.stringify(body) };
}

export interface ErrorObject {
  id: string;
  status: string;
  title: string;
  detail: string;
  source?: { parameter: string };
}

export function errorObject(status: number, title: string, detail = title, parameter?: string): ErrorObject {
  const e: ErrorObject = { id: randomUUID(), status: String(status), title, detail };
  if (parameter) e.source = { parameter };
  return e;
}

export function errorDoc(req: DemoRequest, status: number, title: string, detail = title): DemoResponse {
  return doc(req, status, { errors: [errorObject(status, title, detail)] });
}

export const unauthenticated = (req: DemoRequest) => errorDoc(req, 401, 'Unauthenticated.');
// "Unathorized." is spelled as in the openapi's UnauthorizedObject.
export const forbidden = (req: DemoRequest, detail: string) => errorDoc(req, 403, 'Unathorized.', detail);
export const notFound = (req: DemoRequest) => errorDoc(req, 404, 'Model not found.');

/** `YYYY-MM-DD HH:MM:SS` in UTC; the resource carries `timezone` alongside. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function importResource(row: ImportRow, state: ImportState) {
  return {
    type: 'import_data',
    id: String(row.id),
    attributes: {
      path: row.path,
      original_name: row.original_name,
      status: state.status,
      status_message: state.message,
      result: state.result,
      mapping_id: `default-${row.product_type}`,
      created_at: formatTime(row.created_ms),
      updated_at: formatTime(state.since),
      timezone: 'UTC',
    },
  };
}
