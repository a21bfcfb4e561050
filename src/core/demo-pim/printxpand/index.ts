/**
 * PrintXpand custom API on Magento 2 (seeds/003_f9a1ab627ff386f6.txt): batched create/update and
 * delete of customers, categories, products and orders under <HOST>/rest/V1/…, OAuth 1.0a signed
 * as Magento verifies it, one result per record. Mounted at `/printxpand` (so <HOST> is
 * `http://127.0.0.1:port/printxpand`).
 */
import type Database from 'better-sqlite3';
import type { DemoSystem } from '../types';
import { createCategories, deleteCategories } from './categories';
import { createCustomers } from './customers';
import { magentoError, magentoJson, noRoute, notAuthorized, readInput, requiredField } from './magento';
import { verifyOAuth } from './oauth';
import type { PrintXpandCredentials } from './oauth';
import { createOrders } from './orders';
import { createProducts, deleteProducts } from './products';
import { finalize, rejector } from './records';
import type { RecordResult, Rejector } from './records';
import { ensurePrintXpandTables } from './store';

export { clearPrintXpandRejections, printXpandSnapshot, rejectPrintXpandRecords } from './store';
export type { Entity as PrintXpandEntity, PrintXpandSnapshot } from './store';
export { OAUTH_LENGTH } from './oauth';
export type { PrintXpandCredentials } from './oauth';
export type { RecordResult as PrintXpandRecordResult } from './records';

/**
 * Credentials shaped like a Magento integration's (OAUTH_LENGTH = 32 characters each). Any
 * non-empty strings work; with these the key and token length checks are exactly Magento's.
 */
export const DEMO_PRINTXPAND_CREDENTIALS: PrintXpandCredentials = {
  consumerKey: 'demoprintxpandconsumerkey0000001',
  consumerSecret: 'demoprintxpandconsumersecret0001',
  accessToken: 'demoprintxpandaccesstoken0000001',
  accessSecret: 'demoprintxpandaccesssecret000001',
};

interface Route {
  /** The top-level key of the request document. */
  param: string;
  /** The ACL resource named when an anonymous request is refused (our choice). */
  resource: string;
  methods: string[];
  run(db: Database.Database, input: unknown, reject: Rejector): RecordResult[];
}

const ROUTES: Record<string, Route> = {
  'customer/create': {
    param: 'customer',
    resource: 'Magento_Customer::manage',
    methods: ['POST'],
    run: createCustomers,
  },
  'category/create': {
    param: 'category',
    resource: 'Magento_Catalog::categories',
    methods: ['POST'],
    run: createCategories,
  },
  'category/delete': {
    param: 'category',
    resource: 'Magento_Catalog::categories',
    methods: ['POST'],
    run: deleteCategories,
  },
  'product/create': {
    param: 'product',
    resource: 'Magento_Catalog::products',
    methods: ['POST'],
    run: createProducts,
  },
  'product/delete': {
    param: 'product',
    resource: 'Magento_Catalog::products',
    methods: ['POST'],
    run: deleteProducts,
  },
  // The seed gives "METHOD : GET/POST" for orders.
  'order/create': {
    param: 'order',
    resource: 'Magento_Sales::sales',
    methods: ['GET', 'POST'],
    run: createOrders,
  },
};

function checkCredentials(c: PrintXpandCredentials): void {
  for (const [name, value] of Object.entries(c)) {
    if (typeof value !== 'string' || value === '')
      throw new Error(`PrintXpand ${name} must be a non-empty string.`);
  }
}

export function createPrintXpandSystem(credentials: PrintXpandCredentials): DemoSystem {
  checkCredentials(credentials);
  const creds = { ...credentials };
  return {
    name: 'printxpand',
    prefix: '/printxpand',
    handle(req, ctx) {
      ensurePrintXpandTables(ctx.sqlite);
      // Magento matches the route first, then authorizes, then reads the body.
      const m = /^\/rest(?:\/(?:default|all))?\/V1\/([a-z]+\/[a-z]+)\/?$/.exec(req.path);
      const route = m ? ROUTES[m[1]!] : undefined;
      if (!route || !route.methods.includes(req.method)) return noRoute();
      const auth = verifyOAuth(req, ctx.sqlite, ctx.now(), creds);
      if (auth === 'guest') return notAuthorized(route.resource);
      if (auth) return auth;
      if (req.bodyTooLarge) return magentoError(413, 'Request Entity Too Large');
      const read = readInput(req);
      if ('error' in read) return read.error;
      const input = read.input[route.param];
      if (input === undefined || input === null) return requiredField(route.param);
      const reject = rejector(ctx.sqlite, ctx.rejectionFor);
      const results = ctx.sqlite.transaction(() => route.run(ctx.sqlite, input, reject))();
      return magentoJson(200, finalize(results));
    },
    errorReply(status, message) {
      return magentoError(status, message);
    },
  };
}
