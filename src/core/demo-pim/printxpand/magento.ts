/**
 * Magento 2 REST plumbing around the PrintXpand endpoints: the error body its Webapi
 * ErrorProcessor writes in production mode ({"message", "parameters"?, "errors"?}), and the
 * request body rules of Webapi\Rest\Request (Content-Type checks, JSON decoding).
 */
import type { DemoRequest, DemoResponse } from '../types';
import { parsePhpQuery } from './php';

export type MagentoReply = DemoResponse;

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

export function magentoJson(status: number, body: unknown): MagentoReply {
  return { status, headers: JSON_TYPE, body: JSON.stringify(body) };
}

/** Messages keep their %1 / %name placeholders; the values travel in `parameters`, as Magento does. */
export function magentoError(
  status: number,
  message: string,
  parameters?: string[] | Record<string, string>,
  extra: Record<string, unknown> = {},
): MagentoReply {
  return magentoJson(status, { message, ...(parameters ? { parameters } : {}), ...extra });
}

export const noRoute = () => magentoError(404, 'Request does not match any route.');

/** Anonymous request to a protected route (no OAuth header at all). */
export const notAuthorized = (resource: string) =>
  magentoError(401, "The consumer isn't authorized to access %resources.", { resources: resource });

export const requiredField = (field: string) =>
  magentoError(400, '"%fieldName" is required. Enter and try again.', { fieldName: field });

/** The input parameters of a route: the JSON body for POST, the query string for GET. */
export type Input = { input: Record<string, unknown> } | { error: MagentoReply };

export function readInput(req: DemoRequest): Input {
  if (req.method === 'GET') return { input: parsePhpQuery(req.url.search.slice(1)) };
  const fail = (...args: Parameters<typeof magentoError>) => ({ error: magentoError(...args) });
  const header = String(req.headers['content-type'] ?? '');
  if (!header) return fail(400, 'Content-Type header is empty.');
  const m = /^([a-z\d/\-+.]+)(?:; *charset=(.+))?$/i.exec(header);
  if (!m) return fail(400, 'Content-Type header is invalid.');
  if (m[2] !== undefined && m[2].toLowerCase() !== 'utf-8')
    return fail(400, 'UTF-8 is the only supported charset.');
  if (m[1]!.toLowerCase() !== 'application/json') {
    return fail(400, 'Server cannot understand Content-Type HTTP header media type %1', [m[1]!]);
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(req.body.toString('utf8'));
  } catch {
    return fail(400, 'Decoding error.');
  }
  const isMap = decoded !== null && typeof decoded === 'object' && !Array.isArray(decoded);
  return { input: isMap ? (decoded as Record<string, unknown>) : {} };
}
