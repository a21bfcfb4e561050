/**
 * The admin client: what tests and demos use to script the remote. The admin HTTP API
 * (`admin/api.ts`) calls exactly these methods, so both stay the same.
 */
import { emptyProduct, mergePatch, type CanonicalProduct, type ProductPatch } from '../catalog/product';
import type { ProductStore, Tombstone } from '../catalog/store';
import type { Etim, EtimSettings } from '../etim';
import type { NotificationRecord } from '../etim/notify';
import type { Faults, FaultSettings, Maintenance, RequestCounters, ScriptedFault } from '../faults';
import type { SystemName } from '../types';
import type { Wexbo } from '../wexbo';
import type { WexboSettings } from '../wexbo/guards';

export type WexboLimits = Partial<Omit<WexboSettings, 'token' | 'credit'>>;
export type EtimLimits = Partial<Pick<EtimSettings, 'dailyCap' | 'maxIdsPerGet' | 'productLimit'>>;

export interface AdminState {
  catalog: { products: number; seed: number; generatedAtStart: boolean; dataFile: string };
  wexbo: Omit<WexboSettings, 'token'>;
  etim: Omit<EtimSettings, 'user' | 'password'> & { requestsToday: number; notifyUrl: string | null };
  faults: ReturnType<Faults['snapshot']>;
}

export interface EditOptions {
  /** Recorded as `modifiedBy`; defaults to `colleague` (someone else editing in the remote). */
  user?: string;
}

export interface AdminClient {
  state(): AdminState;
  /** A product by WEXBO id (number) or sku / ETIM productId (string). */
  getProduct(ref: number | string): CanonicalProduct | null;
  /** Edits a product as another user would: merges the patch and bumps its modified time. */
  editProduct(ref: number | string, patch: ProductPatch, opts?: EditOptions): CanonicalProduct;
  createProduct(input: ProductPatch & { sku: string }, opts?: EditOptions): CanonicalProduct;
  deleteProduct(ref: number | string, opts?: EditOptions): boolean;
  /** Deletions recorded since `sinceMs` (all by default). */
  tombstones(sinceMs?: number): Tombstone[];
  /** WEXBO credit; null means unlimited. */
  setCredit(credit: number | null): void;
  setWexboLimits(limits: WexboLimits): void;
  /** Lifts the 423 lock after failed logins. */
  unlockWexbo(): void;
  setEtimLimits(limits: EtimLimits): void;
  /** Resets today's ETIM request count. */
  resetEtimUsage(): void;
  setEtimNotifyUrl(url: string | null): void;
  notifications(): NotificationRecord[];
  flushNotifications(): Promise<void>;
  setMaintenance(system: SystemName | 'all', on: boolean, retryAfter?: number): void;
  setFaults(system: SystemName, settings: FaultSettings): void;
  failNext(system: SystemName, count: number, fault: ScriptedFault): void;
  /** Records (ids or skus) the system rejects, with the message it gives; an empty list clears. */
  setRejections(system: SystemName, keys: (string | number)[], message?: string): void;
  counters(system: SystemName): RequestCounters;
  resetCounters(system?: SystemName): void;
  /** Back to defaults: faults, rejections, maintenance, limits, credit, locks, counters, notifications. The catalog stays. */
  reset(): void;
}

export interface AdminDeps {
  store: ProductStore;
  faults: Faults;
  wexbo: Wexbo;
  wexboSettings: WexboSettings;
  wexboDefaults: WexboSettings;
  etim: Etim;
  etimSettings: EtimSettings;
  etimDefaults: EtimSettings;
  catalog: AdminState['catalog'];
}

export function createAdminClient(d: AdminDeps): AdminClient {
  const must = (ref: number | string): CanonicalProduct => {
    const p = d.store.get(ref);
    if (!p) throw new Error(`No product ${String(ref)}`);
    return p;
  };
  const admin: AdminClient = {
    state: () => {
      const { token: _t, ...wexbo } = d.wexboSettings;
      const { user: _u, password: _p, ...etim } = d.etimSettings;
      return {
        catalog: { ...d.catalog, products: d.store.count() },
        wexbo: { ...wexbo },
        etim: { ...etim, requestsToday: d.etim.usage().requests, notifyUrl: d.etim.notifier.url() },
        faults: d.faults.snapshot(),
      };
    },
    getProduct: (ref) => d.store.get(ref) ?? null,
    editProduct(ref, patch, opts = {}) {
      const p = must(ref);
      const {
        id: _i,
        createdAt: _c,
        modifiedAt: _m,
        ...safe
      } = patch as ProductPatch & Partial<CanonicalProduct>;
      return d.store.update(mergePatch(p, safe), 'admin', opts.user ?? 'colleague');
    },
    createProduct(input, opts = {}) {
      if (d.store.get(input.sku)) throw new Error(`Product ${input.sku} exists`);
      const user = opts.user ?? 'colleague';
      const base = { ...emptyProduct(), sku: input.sku, createdBy: user, modifiedBy: user };
      return d.store.insert(mergePatch(base, input), 'admin');
    },
    deleteProduct: (ref, opts = {}) => d.store.remove(ref, 'admin', opts.user ?? 'colleague'),
    tombstones: (since = 0) => d.store.tombstonesSince(since),
    setCredit(credit) {
      d.wexboSettings.credit = credit;
    },
    setWexboLimits(limits) {
      const { token: _t, credit: _c, ...rest } = limits as WexboLimits & Partial<WexboSettings>;
      Object.assign(d.wexboSettings, rest);
    },
    unlockWexbo: () => d.wexbo.guards.unlock(),
    setEtimLimits(limits) {
      const { dailyCap, maxIdsPerGet, productLimit } = limits;
      Object.assign(d.etimSettings, {
        ...(dailyCap !== undefined ? { dailyCap } : {}),
        ...(maxIdsPerGet !== undefined ? { maxIdsPerGet } : {}),
        ...(productLimit !== undefined ? { productLimit } : {}),
      });
    },
    resetEtimUsage: () => d.etim.resetUsage(),
    setEtimNotifyUrl: (url) => d.etim.notifier.setUrl(url),
    notifications: () => d.etim.notifier.log(),
    flushNotifications: () => d.etim.notifier.flush(),
    setMaintenance(system, on, retryAfter) {
      const m: Maintenance = retryAfter === undefined ? { on } : { on, retryAfter };
      d.faults.setMaintenance(system, m);
    },
    setFaults: (system, settings) => d.faults.setFaults(system, settings),
    failNext: (system, count, fault) => d.faults.failNext(system, count, fault),
    setRejections(system, keys, message = 'Rejected by the remote (scripted)') {
      d.faults.setRejections(system, keys.length ? { keys: keys.map(String), message } : null);
    },
    counters: (system) => d.faults.counters(system),
    resetCounters: (system) => d.faults.resetCounters(system),
    reset() {
      d.faults.reset();
      Object.assign(d.wexboSettings, d.wexboDefaults);
      Object.assign(d.etimSettings, d.etimDefaults);
      d.wexbo.guards.reset();
      d.etim.resetUsage();
      d.etim.sync.reset();
      d.etim.notifier.setUrl(null);
      d.etim.notifier.clear();
    },
  };
  return admin;
}
