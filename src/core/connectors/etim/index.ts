/**
 * The ETIM mapper connector (004_48b37cfc1a1923fe.txt): HTTP Basic, CET times, the product change
 * feed with details of at most 100 ids per GET, PUT of up to 16 MB with the new/existing/empty modes,
 * DELETE by id list, the reference resources, synchronization triggers and push notifications.
 */
import { StewardError } from '../../../shared/errors';
import type {
  Capabilities,
  Connector,
  ConnectorContext,
  ConnectorDefinition,
  EntityCapabilities,
} from '../types';
import { checkSynchronization, parseEtimNotification, runSynchronization } from './jobs';
import { createProductReader, MAX_IDS_PER_READ } from './products';
import { MAX_PUT_BYTES, measureEtimBatch, productTarget, pushEtim, referenceTarget } from './push';
import type { EtimPushTarget } from './push';
import { createReferenceReader, REFERENCE_KINDS, referenceKind } from './reference';
import type { ReferenceKind } from './reference';
import { etimCall } from './request';

const PRODUCTS: EntityCapabilities = {
  incremental: true,
  // The feed lists no deletions; notifications name them (parseNotification) and a full read
  // reconciles the id set.
  deletions: 'reconcile',
  ops: ['create', 'update', 'delete'],
  // PUT upserts by the productId we send.
  idempotentCreate: true,
};

const REFERENCE: EntityCapabilities = {
  incremental: false,
  deletions: 'reconcile',
  ops: ['create', 'update', 'delete'],
  idempotentCreate: true,
};

/** Push order: reference data before the products that use it; relations name products. */
const ENTITIES = [
  ...REFERENCE_KINDS.filter((k) => k.entity !== 'relations-by-attribute').map((k) => k.entity),
  'products',
  'relations-by-attribute',
];

export const ETIM_CAPABILITIES: Capabilities = {
  entities: ENTITIES,
  read: true,
  write: true,
  importOnly: false,
  auth: 'basic',
  limits: {
    // 004 states no per-second rate, only a daily request cap per API user proportional to the
    // catalog; 5/s is a conservative default that a sync cannot burn through the day's cap with.
    requestsPerSecond: 5,
    maxBodyBytes: MAX_PUT_BYTES,
    maxIdsPerRead: MAX_IDS_PER_READ,
  },
  entityDetails: Object.fromEntries(ENTITIES.map((e) => [e, e === 'products' ? PRODUCTS : REFERENCE])),
};

/** Seed defaults of PUT (its report example echoes new=add, existing=replace, empty=false). */
export const ETIM_DEFAULT_SETTINGS: Readonly<Record<string, string>> = {
  user: '',
  existing: 'replace',
  empty: 'false',
  etimVersion: '',
};

function readModes(settings: Readonly<Record<string, string>>): { existing: string; empty: string } {
  const existing = settings.existing || 'replace';
  const empty = settings.empty || 'false';
  if (!['replace', 'complete', 'skip'].includes(existing))
    throw new StewardError('invalid_input', `The ETIM setting "existing" must be replace, complete or skip.`);
  if (!['true', 'false'].includes(empty))
    throw new StewardError('invalid_input', `The ETIM setting "empty" must be true or false.`);
  return { existing, empty };
}

function createEtimConnector(ctx: ConnectorContext): Connector {
  const modes = readModes(ctx.settings);
  const products = createProductReader(ctx);
  const reference = createReferenceReader(ctx);
  const kindOf = (entity: string): ReferenceKind | 'products' => {
    if (entity === 'products') return 'products';
    const k = referenceKind(entity);
    if (!k) throw new StewardError('unavailable', `ETIM has no entity "${entity}".`);
    return k;
  };
  const targetOf = (entity: string): EtimPushTarget => {
    const k = kindOf(entity);
    return k === 'products' ? productTarget() : referenceTarget(k);
  };
  return {
    kind: 'etim',
    capabilities: ETIM_CAPABILITIES,
    pull(entity, cursor, signal) {
      const k = kindOf(entity);
      return k === 'products' ? products.pull(cursor, signal) : reference.pull(k, cursor, signal);
    },
    readDetails(entity, ids, signal) {
      const k = kindOf(entity);
      return k === 'products' ? products.readDetails(ids, signal) : reference.readDetails(k, ids, signal);
    },
    listIds(entity, signal) {
      const k = kindOf(entity);
      return k === 'products' ? products.listIds(signal) : reference.listIds(k, signal);
    },
    push: (entity, batch, signal) => pushEtim(ctx, targetOf(entity), modes, batch, signal),
    measureBatch: (entity, batch) => measureEtimBatch(batch, targetOf(entity)),
    runSynchronization: (trigger, signal) => runSynchronization(ctx, trigger, signal),
    importStatus: (progressId, signal) => checkSynchronization(ctx, progressId, signal),
    parseNotification: parseEtimNotification,
    async probe(signal) {
      // The smallest authenticated answer: the label identifiers.
      await etimCall(ctx, { method: 'GET', path: 'labels', signal });
    },
  };
}

export const etimConnector: ConnectorDefinition = {
  kind: 'etim',
  capabilities: ETIM_CAPABILITIES,
  // The user name is a setting (registry.ts reads settings.user); the password is the secret.
  secretFields: ['password'],
  defaultSettings: ETIM_DEFAULT_SETTINGS,
  create: createEtimConnector,
};
