/**
 * The ETIM mapper API (004_48b37cfc1a1923fe.txt): HTTP Basic, a daily request cap, the product
 * change feed and details, PUT/DELETE, filters, reference resources, synchronizations.
 */
import { ETIM_FEATURES } from '../catalog/etim-dictionary';
import { textIn } from '../catalog/product';
import type { ProductStore } from '../catalog/store';
import type { Faults } from '../faults';
import { nextZonedMidnight } from '../time';
import type { DemoContext, DemoRequest, DemoResponse, DemoSystem } from '../types';
import {
  createEntityStore,
  deleteCategories,
  deleteEntities,
  getEntities,
  KINDS,
  putEntities,
  type EntityStore,
} from './entities';
import { filterProducts } from './filter';
import {
  boolParam,
  ETIM_CONTENT_TYPE,
  EtimFailure,
  errors,
  fail,
  json,
  notFound,
  pageOf,
  pagingParams,
  parameters,
  readIds,
  readJson,
} from './http';
import { createNotifier, type Notifier } from './notify';
import { details, feed, put, remove, type ProductDeps } from './products';
import { toEtimDoc } from './project';
import { createSynchronizations, type Synchronizations } from './sync';

export const ETIM_PREFIX = '/etim/api/demo';
export const MAX_PUT_BYTES = 16 * 1024 * 1024;

export interface EtimSettings {
  user: string;
  password: string;
  /** Requests per user per CET day. */
  dailyCap: number;
  maxIdsPerGet: number;
  /** Products the account may hold (PUT reports the rest as `limitExceeded`); null = no limit. */
  productLimit: number | null;
}

/** Proportional to the catalog, as 004_… says: room to read everything many times over. */
export function defaultDailyCap(products: number): number {
  return Math.max(10_000, Math.ceil(products / 100) * 20);
}

export interface EtimDeps {
  store: ProductStore;
  faults: Faults;
  settings: EtimSettings;
  now: () => number;
  seed: number;
}

export interface Etim {
  system: DemoSystem;
  notifier: Notifier;
  sync: Synchronizations;
  entities: EntityStore;
  resetUsage(): void;
  usage(): { day: string; requests: number };
}

type Doc = Record<string, unknown>;

function unauthorized(): DemoResponse {
  return {
    status: 401,
    headers: { 'Content-Type': ETIM_CONTENT_TYPE, 'WWW-Authenticate': 'Basic realm="ETIM mapper API"' },
    body: '',
  };
}

export function createEtim(deps: EtimDeps): Etim {
  const { store, settings } = deps;
  const entities = createEntityStore(store.db);
  const notifier = createNotifier(store, deps.now);
  const sync = createSynchronizations(deps.seed);
  let day = 0;
  let requests = 0;

  const categoryPath = (tree: string, id: string): string[] => {
    const doc = entities.get('categoryTree', [tree])[0];
    const parents = new Map(
      ((doc?.categories as Doc[]) ?? []).map((c) => [String(c.identifier), c.parent as string | undefined]),
    );
    const path: string[] = [];
    for (let cur: string | undefined = id; cur && path.length < 50; cur = parents.get(cur)) path.unshift(cur);
    return path;
  };

  const productDeps: ProductDeps = {
    store,
    rejectionFor: (key) => deps.faults.rejectionFor('etim', key),
    maxIdsPerGet: () => settings.maxIdsPerGet,
    productLimit: () => settings.productLimit,
    categoryPath,
    supplierExists: (id) => entities.exists('supplier', id),
  };

  const attributeType = (id: string): string | undefined => {
    const a = entities.get('attribute', [id])[0];
    return typeof a?.type === 'string' ? a.type : undefined;
  };

  /** Relation details: the stored relation plus each member's value of the relation's attribute. */
  function relationDetails(docs: Doc[], lang: string | undefined): Doc[] {
    return docs.map((r) => {
      const attribute = String(r.attribute);
      const attr = entities.get('attribute', [attribute])[0];
      const valueName = (v: string): string => {
        const values =
          (attr?.values as { identifier: string; value: Record<string, string> }[] | undefined) ?? [];
        const named = values.find((x) => x.identifier === v)?.value ?? ETIM_FEATURES[attribute]?.values?.[v];
        return named && lang ? textIn(named, lang) : v;
      };
      const members = store.getMany((r.products as string[]) ?? []);
      const productValues: Doc = {};
      for (const p of members) {
        const key = ({ SIZE: 'size', COLOUR: 'colour', MATERIAL: 'material' } as const)[attribute as 'SIZE'];
        const raw = key
          ? p.attributes[key]
          : (p.etim?.features[attribute] ?? (p.etimExtra?.attributes as Doc | undefined)?.[attribute]);
        if (typeof raw === 'string') productValues[p.sku] = valueName(raw);
      }
      const name = r.name as Record<string, string>;
      return { ...r, name: lang ? textIn(name, lang) : name, productValues };
    });
  }

  /** Logical attributes say whether an attribute group asks them as its question (004_…, attribute details). */
  function withQuestionFlag(docs: Doc[]): Doc[] {
    const groups = entities.get('attributeGroup', entities.ids('attributeGroup'));
    return docs.map((d) =>
      d.type === 'L'
        ? { ...d, questionInAttributeGroup: String(groups.some((g) => g.question === d.identifier)) }
        : d,
    );
  }

  function products(req: DemoRequest, method: string): DemoResponse {
    if (method === 'GET') return req.body.length ? details(productDeps, req) : feed(productDeps, req);
    if (method === 'PUT') return put(productDeps, req);
    if (method === 'DELETE') return remove(productDeps, req);
    return errors(405, ['Method not allowed']);
  }

  function lca(req: DemoRequest): DemoResponse {
    const ids = readIds(req, 'product IDs');
    if (ids.length > settings.maxIdsPerGet)
      fail(`Maximum number of product IDs in one request is ${settings.maxIdsPerGet}`);
    const out = store
      .getMany(ids)
      .map((p) => ({ productId: p.sku, lca: toEtimDoc(p).lca }))
      .filter((x) => x.lca)
      .map((x) => ({ productId: x.productId, ...(x.lca as Doc) }));
    return json({ products: out, parameters: [] });
  }

  function reference(req: DemoRequest, method: string, resource: string): DemoResponse | undefined {
    const k = KINDS.find((x) => x.resource === resource);
    if (!k) return undefined;
    const url = req.url;
    if (method === 'GET') {
      if (k.kind === 'relation') {
        const lang = url.searchParams.get('lang') ?? undefined;
        return getEntities(entities, k, req, (docs) => relationDetails(docs, lang), lang ? { lang } : {});
      }
      if (k.kind === 'attribute') return getEntities(entities, k, req, withQuestionFlag);
      if (k.kind === 'categoryTree' && url.searchParams.has('www-image-url-lang')) {
        const v = boolParam(url, 'www-image-url-lang', false);
        return getEntities(entities, k, req, undefined, { 'www-image-url-lang': String(v) });
      }
      return getEntities(entities, k, req);
    }
    if (method === 'PUT') return putEntities(entities, k, req);
    if (method !== 'DELETE') return errors(405, ['Method not allowed']);
    if (k.kind === 'categoryTree' && url.searchParams.has('category-tree-identifier')) {
      return deleteCategories(entities, req, url.searchParams.get('category-tree-identifier') ?? '');
    }
    if (k.kind === 'attribute')
      return deleteEntities(entities, k, req, { keep: (d) => d.inCompletenessMask === 'true' });
    if (k.kind === 'supplier') {
      const withProducts = boolParam(url, 'delete-products', false);
      return deleteEntities(entities, k, req, {
        echo: { 'delete-products': String(withProducts) },
        onDelete: (id) => {
          if (!withProducts) return;
          const skus = store.db
            .prepare<[string], { sku: string }>('SELECT sku FROM product WHERE supplier = ?')
            .all(id);
          store.transaction(() => skus.forEach((r) => store.remove(r.sku, 'etim', 'etim-api')));
        },
      });
    }
    return deleteEntities(entities, k, req);
  }

  function route(req: DemoRequest, ctx: DemoContext): DemoResponse {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
    const [user, ...rest] = m ? Buffer.from(m[1]!, 'base64').toString('utf8').split(':') : [];
    if (user !== settings.user || rest.join(':') !== settings.password) return unauthorized();
    const now = ctx.now();
    const today = nextZonedMidnight(now);
    if (today !== day) [day, requests] = [today, 0];
    if (requests >= settings.dailyCap) {
      const wait = String(Math.max(1, Math.ceil((today - now) / 1000)));
      return errors(429, [`Daily limit of ${settings.dailyCap} API requests exceeded`], {
        'Retry-After': wait,
      });
    }
    requests += 1;
    if (req.bodyTooLarge || req.body.length > MAX_PUT_BYTES)
      return errors(413, ['Maximum size of data in one request is 16 MB']);

    const method = req.method;
    const path = req.path.replace(/\/+$/, '') || '/';
    if (path === '/products') return products(req, method);
    if (path === '/products/filter') {
      if (method !== 'GET' && method !== 'POST') return errors(405, ['Method not allowed']);
      const { limit, page, echo } = pagingParams(req.url);
      const ids = filterProducts(store, readJson(req) ?? {}, now, attributeType);
      return json({
        productIds: pageOf(ids, limit, page),
        total: String(ids.length),
        parameters: parameters(echo),
      });
    }
    if (path === '/products/lca') return lca(req);
    const run = /^\/synchronizations\/run\/([^/]+)$/.exec(path);
    if (run) {
      const status = sync.run(decodeURIComponent(run[1]!), settings.user, now, store.count());
      return status ? json(status) : notFound();
    }
    const check = /^\/synchronizations\/check\/([^/]+)$/.exec(path);
    if (check) {
      const status = sync.check(decodeURIComponent(check[1]!), now, store.count());
      return status ? json(status) : notFound();
    }
    return reference(req, method, path.slice(1)) ?? notFound();
  }

  const system: DemoSystem = {
    name: 'etim',
    prefix: ETIM_PREFIX,
    handle(req, ctx) {
      try {
        return route(req, ctx);
      } catch (err) {
        if (err instanceof EtimFailure) return errors(err.status, err.messages, err.headers);
        throw err;
      }
    },
    errorReply: (status, message) => errors(status, [message]),
    endpointOf: (req) => {
      const path = req.path.replace(/\/+$/, '') || '/';
      if (req.method === 'GET' && path === '/products')
        return req.body.length ? 'GET /products (details)' : 'GET /products (feed)';
      return `${req.method} ${path.replace(/\/(run|check)\/[^/]+$/, '/$1/{id}')}`;
    },
  };

  return {
    system,
    notifier,
    sync,
    entities,
    resetUsage: () => {
      requests = 0;
    },
    usage: () => ({ day: new Date(day).toISOString(), requests }),
  };
}
