/**
 * The admin HTTP API under `/admin`, Bearer-authenticated with its own token. It is a thin RPC
 * over the AdminClient: `POST /admin/{method}` with a JSON array of arguments (or no body),
 * answering `{ "result": … }`; `GET /admin/state` is a shortcut. Faults never apply here.
 */
import type { DemoMount, DemoResponse } from '../types';
import type { AdminClient } from './client';

export const ADMIN_PREFIX = '/admin';

/** The methods reachable over HTTP (all of the client's). */
const METHODS: (keyof AdminClient)[] = [
  'state',
  'getProduct',
  'editProduct',
  'createProduct',
  'deleteProduct',
  'tombstones',
  'setCredit',
  'setWexboLimits',
  'unlockWexbo',
  'setEtimLimits',
  'resetEtimUsage',
  'setEtimNotifyUrl',
  'notifications',
  'flushNotifications',
  'setMaintenance',
  'setFaults',
  'failNext',
  'setRejections',
  'counters',
  'resetCounters',
  'reset',
];

const reply = (status: number, body: unknown): DemoResponse => ({ status, body });

export function createAdminApi(admin: AdminClient, token: string): DemoMount {
  return {
    name: 'admin',
    prefix: ADMIN_PREFIX,
    async handle(req) {
      if (req.headers.authorization !== `Bearer ${token}`)
        return reply(401, { error: 'Admin token required' });
      const method = req.path.slice(1) as keyof AdminClient;
      if (!METHODS.includes(method))
        return reply(404, { error: `No admin method ${req.path.slice(1)}`, methods: METHODS });
      if (req.method === 'GET' && method !== 'state' && method !== 'notifications') {
        return reply(405, { error: 'Use POST with a JSON array of arguments' });
      }
      let args: unknown[] = [];
      const text = req.body.toString('utf8').trim();
      if (text) {
        try {
          const parsed: unknown = JSON.parse(text);
          args = Array.isArray(parsed) ? parsed : [parsed];
        } catch {
          return reply(400, { error: 'The body must be a JSON array of arguments' });
        }
      }
      try {
        const fn = admin[method] as (...a: unknown[]) => unknown;
        const result = await fn(...args);
        return reply(200, { result: result ?? null });
      } catch (err) {
        return reply(400, { error: err instanceof Error ? err.message : String(err) });
      }
    },
  };
}
