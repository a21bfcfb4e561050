/**
 * The WEXBO API v1 connector (001_15500709165aa147.txt; English digest in seeds/README.md): Bearer
 * token, `Content-Type: application/vnd.wexbo.v1` on every call, 5 requests/s per token, 1 MB bodies,
 * at most 100 parameters per PUT, one record per POST/PUT/DELETE, pages of at most 250.
 */
import { StewardError } from '../../../shared/errors';
import { WEXBO_MAX_LIMIT } from '../../net';
import type {
  Capabilities,
  Connector,
  ConnectorContext,
  ConnectorDefinition,
  PushOp,
  RemoteRecord,
} from '../types';
import { listProductIds, pullProducts, readProducts } from './pull';
import type { PullDeps } from './pull';
import { MAX_BODY_BYTES, MAX_PUT_PARAMS, measureWexboBatch, pushWexbo } from './push';
import { wexboCall } from './request';
import { readWexboSettings, WEXBO_DEFAULT_SETTINGS } from './settings';

export const WEXBO_CAPABILITIES: Capabilities = {
  entities: ['products'],
  read: true,
  write: true,
  importOnly: false,
  auth: 'bearer',
  limits: {
    // "maximálne 5 požiadaviek za sekundu pre jedno pripojenie (token)" (001, Restrictions).
    requestsPerSecond: 5,
    maxBodyBytes: MAX_BODY_BYTES,
    maxIdsPerRead: WEXBO_MAX_LIMIT,
    maxParamsPerUpdate: MAX_PUT_PARAMS,
    maxRecordsPerBatch: 1,
  },
  entityDetails: {
    // No deletion feed: deletions are found by comparing id sets after a full read.
    products: {
      incremental: true,
      deletions: 'reconcile',
      ops: ['create', 'update', 'delete'],
      idempotentCreate: false,
    },
  },
};

function assertEntity(entity: string): void {
  if (entity !== 'products') {
    throw new StewardError('unavailable', `WEXBO connections sync products only, not "${entity}".`);
  }
}

function createWexboConnector(ctx: ConnectorContext): Connector {
  const settings = readWexboSettings(ctx.settings);
  const deps: PullDeps = { ctx, settings };
  return {
    kind: 'wexbo',
    capabilities: WEXBO_CAPABILITIES,
    pull(entity, cursor, signal) {
      assertEntity(entity);
      return pullProducts(deps, cursor, signal);
    },
    async readDetails(entity, ids, signal) {
      assertEntity(entity);
      if (ids.length === 0) return [];
      if (ids.length > WEXBO_MAX_LIMIT) throw new RangeError(`at most ${WEXBO_MAX_LIMIT} ids per read`);
      const bad = ids.find((id) => !/^\d+$/.test(id));
      if (bad !== undefined) throw new StewardError('invalid_input', `"${bad}" is not a WEXBO product id.`);
      return readProducts(deps, { id: ids.join(';') }, signal);
    },
    listIds(entity, signal) {
      assertEntity(entity);
      return listProductIds(deps, signal);
    },
    push(entity, batch, signal) {
      assertEntity(entity);
      return pushWexbo(ctx, settings, batch, signal);
    },
    measureBatch(entity, batch) {
      assertEntity(entity);
      return measureWexboBatch(batch, settings);
    },
    /** Our creates always carry `code`, which WEXBO keeps unique (409 on a duplicate). */
    async findExisting(entity: string, op: PushOp, signal: AbortSignal): Promise<RemoteRecord | undefined> {
      assertEntity(entity);
      const code = op.doc?.code;
      if (typeof code !== 'string' || code === '') return undefined;
      const found = await readProducts(deps, { code }, signal);
      return found.find((r) => r.doc.code === code);
    },
    async probe(signal) {
      // The cheapest authenticated call: a count, one credit, one request.
      await wexboCall(ctx, { method: 'GET', path: 'products/count', signal });
    },
  };
}

export const wexboConnector: ConnectorDefinition = {
  kind: 'wexbo',
  capabilities: WEXBO_CAPABILITIES,
  secretFields: ['token'],
  defaultSettings: WEXBO_DEFAULT_SETTINGS,
  create: createWexboConnector,
};
