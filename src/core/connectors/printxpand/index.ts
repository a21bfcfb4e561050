/**
 * PrintXpand custom API on Magento 2 (seeds/003_f9a1ab627ff386f6.txt): push only. It cannot be
 * read, so there is no pull, no findExisting and no conflict: creates and updates upsert by the id
 * we send, deletes take id lists, and every call answers one result per record. Requests are signed
 * with OAuth 1.0a as Magento verifies it (the HttpAuth `oauth1` kind, src/core/net/auth.ts).
 */
import { StewardError } from '../../../shared/errors';
import type { HttpClient } from '../../net/http-client';
import { HttpError, isHttpError } from '../../net/http-error';
import type {
  BatchSize,
  Capabilities,
  Connector,
  ConnectorContext,
  ConnectorDefinition,
  EntityCapabilities,
  PushOp,
  PushResult,
} from '../types';
import { PX_ENTITIES, countLeaves, planBatch, pxEntity } from './requests';
import type { PlannedRequest, PxEntity } from './requests';
import { matchResults, parseResponse } from './results';

export { parseResponse, matchResults } from './results';
export { planBatch, PX_ENTITIES } from './requests';
export type { PxEntity, PxEntityName, PlannedRequest } from './requests';

/**
 * A Magento integration has four OAuth values; the two secrets live in the secret store and the
 * consumer key and access token, which identify rather than prove, in the settings (registry.ts).
 */
const SECRET_FIELDS = ['consumerSecret', 'accessSecret'] as const;

const DEFAULT_SETTINGS = {
  consumerKey: '',
  accessToken: '',
  /** Magento 2.4 verifies both; older installations only HMAC-SHA1. */
  signatureMethod: 'HMAC-SHA256',
};

function details(entity: PxEntity): EntityCapabilities {
  return {
    incremental: false,
    // Nothing can be read back, so remote deletions never become known.
    deletions: 'none',
    ops: entity.ops,
    // Every call upserts by the id we send: a create re-sent after a crash updates, never duplicates.
    idempotentCreate: true,
  };
}

export const PRINTXPAND_CAPABILITIES: Capabilities = {
  entities: PX_ENTITIES.map((e) => e.name),
  read: false,
  write: true,
  importOnly: false,
  auth: 'oauth1',
  limits: {
    // The seed states no rate. Each record is a full Magento save (seconds for a configurable
    // product), so we stay well below what a shared Magento host tolerates.
    requestsPerSecond: 2,
    // The seed states no size either; 1 MiB is nginx's default client_max_body_size, the most
    // common front of a Magento 2 installation, and a 413 would cost a round trip and a split.
    maxBodyBytes: 1024 * 1024,
    // Our choice, not the seed's: a 201 "partially succeeded" answer or a timed-out save leaves the
    // records of a batch unknown, so batches stay small enough to keep that blast radius bounded.
    maxRecordsPerBatch: 100,
  },
  entityDetails: Object.fromEntries(PX_ENTITIES.map((e) => [e.name, details(e)])),
};

/**
 * Magento answers some OAuth refusals with 400 (a token of the wrong length, a missing oauth_*
 * parameter, an unsupported signature method): they are about the credentials, not the data, so
 * the connection must stop instead of marking every record of the batch rejected.
 */
function asAuthFailure(err: unknown): unknown {
  if (!isHttpError(err) || err.status !== 400) return err;
  const message = err.serverMessage ?? '';
  if (!/oauth|token length|signature method/i.test(message) && !/"oauth_[a-z_]+"/i.test(err.body ?? '')) {
    return err;
  }
  return new HttpError({
    kind: 'unauthorized',
    status: err.status,
    method: err.method,
    url: err.url,
    ...(err.serverMessage ? { serverMessage: err.serverMessage } : {}),
    ...(err.body ? { body: err.body } : {}),
    cause: err,
  });
}

const PUSH_TIMEOUT_MS = 120_000;

async function send(http: HttpClient, req: PlannedRequest, signal: AbortSignal) {
  try {
    return await http.request({
      method: 'POST',
      path: req.path,
      body: req.json,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      signal,
      // Magento saves record by record (seconds for a configurable product); a timeout leaves the
      // batch to be sent again, which the upserts make safe but not cheap.
      timeoutMs: PUSH_TIMEOUT_MS,
    });
  } catch (err) {
    throw asAuthFailure(err);
  }
}

function entityOrThrow(entity: string): PxEntity {
  const found = pxEntity(entity);
  if (!found) {
    throw new StewardError(
      'invalid_input',
      `PrintXpand has no entity "${entity}"; it takes ${PX_ENTITIES.map((e) => e.name).join(', ')}.`,
    );
  }
  return found;
}

async function push(
  http: HttpClient,
  entity: string,
  batch: readonly PushOp[],
  signal: AbortSignal,
): Promise<PushResult[]> {
  const plan = planBatch(entityOrThrow(entity), batch);
  const results: PushResult[] = plan.refused.map(({ op, message }) => ({
    clientOpId: op.clientOpId,
    ok: false,
    error: { kind: 'rejected', message },
  }));
  // One request after the other, in batch order: a delete may follow an upsert of the same id.
  for (const req of plan.requests) {
    const res = await send(http, req, signal);
    const parsed = parseResponse(safeJson(res.text()));
    results.push(...matchResults(req.ops, req.mode, parsed, res.status));
  }
  return results;
}

/** A 2xx body that is not JSON leaves every record unknown rather than failing the whole batch. */
function safeJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function measureBatch(entity: string, batch: readonly PushOp[]): BatchSize {
  const plan = planBatch(entityOrThrow(entity), batch);
  let bytes = 0;
  let params = 0;
  for (const req of plan.requests) {
    // Each request must fit the body limit on its own, so the largest one is what counts.
    bytes = Math.max(bytes, Buffer.byteLength(req.json, 'utf8'));
    const records = req.mode === 'upsert' ? Object.values(req.body)[0] : undefined;
    for (const rec of Object.values((records ?? {}) as Record<string, unknown>)) {
      params = Math.max(params, countLeaves(rec));
    }
  }
  return { bytes, params, requests: plan.requests.length };
}

/**
 * Every PrintXpand call writes. An empty delete list is the one call that changes nothing and still
 * goes through OAuth, ACL and the body rules (Magento checks them before the records).
 */
async function probe(http: HttpClient, signal: AbortSignal): Promise<void> {
  const body = { category: [] };
  await send(
    http,
    { mode: 'delete', path: 'rest/V1/category/delete/', body, json: JSON.stringify(body), ops: [] },
    signal,
  );
}

export function createPrintxpandConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  return {
    kind: 'printxpand',
    capabilities: PRINTXPAND_CAPABILITIES,
    push: (entity, batch, signal) => push(http, entity, batch, signal),
    measureBatch,
    probe: (signal) => probe(http, signal),
  };
}

export const printxpandConnector: ConnectorDefinition = {
  kind: 'printxpand',
  capabilities: PRINTXPAND_CAPABILITIES,
  secretFields: SECRET_FIELDS,
  defaultSettings: DEFAULT_SETTINGS,
  create: createPrintxpandConnector,
};
