/**
 * Fault injection and request accounting for every mounted system, run from the host's `before`
 * hook. Everything is repeatable: scripted faults ("fail the next N requests") are consumed in
 * order, and rate-based faults draw from a seeded PRNG, one draw per request.
 */
import { createPrng, type Prng } from './catalog/prng';
import type { DemoMount, DemoRequest, DemoResponse, SystemName } from './types';

export const SYSTEMS: SystemName[] = ['wexbo', 'etim', 'wizart', 'broadleaf', 'printxpand'];

export interface FaultSettings {
  /** Share of requests answered 429 with `Retry-After`. */
  rate429?: number;
  /** Share of requests answered 429 without `Retry-After`. */
  rate429NoRetryAfter?: number;
  rate500?: number;
  rate503?: number;
  /** Share of requests whose connection is reset (socket destroyed, no answer). */
  resetRate?: number;
  /** Share of requests never answered (the client times out). */
  timeoutRate?: number;
  /** Delay added to every request, in milliseconds. */
  latencyMs?: number;
  /** `Retry-After` seconds of injected 429 and 503 answers (default 1). */
  retryAfterSeconds?: number;
  /** Seed of the PRNG the rates draw from (default 1). */
  seed?: number;
}

/** One scripted fault: an HTTP status, a reset, or a request that never gets an answer. */
export type ScriptedFault = { status: number; retryAfter?: number; message?: string } | 'reset' | 'timeout';

export interface Rejections {
  /** Record ids or skus (as strings) that the system rejects. */
  keys: string[];
  message: string;
}

export interface RequestCounters {
  total: number;
  byEndpoint: Record<string, number>;
  /** By answered status, plus `reset` and `timeout` for injected ones. */
  byStatus: Record<string, number>;
}

export interface Maintenance {
  on: boolean;
  retryAfter?: number;
}

interface SystemFaults {
  settings: FaultSettings;
  prng: Prng;
  scripted: ScriptedFault[];
  maintenance: Maintenance;
  rejections: Rejections | null;
  counters: RequestCounters;
}

const emptyCounters = (): RequestCounters => ({ total: 0, byEndpoint: {}, byStatus: {} });

const fresh = (): SystemFaults => ({
  settings: {},
  prng: createPrng(1),
  scripted: [],
  maintenance: { on: false },
  rejections: null,
  counters: emptyCounters(),
});

/** `GET /products/{id}`: numeric path segments become `{id}`. */
export function defaultEndpoint(req: DemoRequest): string {
  return `${req.method} ${req.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
}

export function genericErrorReply(mount: DemoMount, status: number, message: string): DemoResponse {
  return mount.errorReply?.(status, message) ?? { status, body: { error: message } };
}

const STATUS_TEXT: Record<number, string> = {
  429: 'Too many requests (injected fault)',
  500: 'Internal server error (injected fault)',
  503: 'Service unavailable (injected fault)',
};

export interface Faults {
  setFaults(system: SystemName, settings: FaultSettings): void;
  failNext(system: SystemName, count: number, fault: ScriptedFault): void;
  setMaintenance(system: SystemName | 'all', maintenance: Maintenance): void;
  maintenance(system: SystemName): Maintenance;
  setRejections(system: SystemName, rejections: Rejections | null): void;
  rejectionFor(system: SystemName, key: string): string | undefined;
  counters(system: SystemName): RequestCounters;
  resetCounters(system?: SystemName): void;
  recordStatus(system: SystemName, status: number | 'reset' | 'timeout'): void;
  reset(): void;
  snapshot(): Record<
    SystemName,
    { settings: FaultSettings; scripted: number; maintenance: Maintenance; rejections: Rejections | null }
  >;
  before(mount: DemoMount, req: DemoRequest): Promise<DemoResponse | 'drop' | 'hang' | undefined>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createFaults(): Faults {
  const state = new Map<SystemName, SystemFaults>(SYSTEMS.map((s) => [s, fresh()]));
  const of = (s: SystemName): SystemFaults => {
    let f = state.get(s);
    if (!f) state.set(s, (f = fresh()));
    return f;
  };

  const reply = (mount: DemoMount, status: number, message: string, retryAfter?: number): DemoResponse => {
    const r = genericErrorReply(mount, status, message);
    return retryAfter === undefined
      ? r
      : { ...r, headers: { ...(r.headers ?? {}), 'Retry-After': String(retryAfter) } };
  };

  const faults: Faults = {
    setFaults(system, settings) {
      const f = of(system);
      f.settings = { ...settings };
      f.prng = createPrng(settings.seed ?? 1);
    },
    failNext(system, count, fault) {
      for (let i = 0; i < count; i++) of(system).scripted.push(fault);
    },
    setMaintenance(system, m) {
      for (const s of system === 'all' ? SYSTEMS : [system]) of(s).maintenance = { ...m };
    },
    maintenance: (system) => of(system).maintenance,
    setRejections(system, r) {
      of(system).rejections = r ? { keys: r.keys.map(String), message: r.message } : null;
    },
    rejectionFor(system, key) {
      const r = of(system).rejections;
      return r && r.keys.includes(key) ? r.message : undefined;
    },
    counters: (system) => structuredClone(of(system).counters),
    resetCounters(system) {
      for (const s of system ? [system] : SYSTEMS) of(s).counters = emptyCounters();
    },
    recordStatus(system, status) {
      const c = of(system).counters.byStatus;
      c[String(status)] = (c[String(status)] ?? 0) + 1;
    },
    reset() {
      for (const s of SYSTEMS) state.set(s, fresh());
    },
    snapshot() {
      return Object.fromEntries(
        SYSTEMS.map((s) => {
          const f = of(s);
          return [
            s,
            {
              settings: f.settings,
              scripted: f.scripted.length,
              maintenance: f.maintenance,
              rejections: f.rejections,
            },
          ];
        }),
      ) as ReturnType<Faults['snapshot']>;
    },
    async before(mount, req) {
      if (mount.name === 'admin') return undefined;
      const system = mount.name;
      const f = of(system);
      const endpoint = mount.endpointOf?.(req) ?? defaultEndpoint(req);
      f.counters.total += 1;
      f.counters.byEndpoint[endpoint] = (f.counters.byEndpoint[endpoint] ?? 0) + 1;

      const decide = (): DemoResponse | 'drop' | 'hang' | undefined => {
        if (f.maintenance.on) return reply(mount, 503, 'System maintenance', f.maintenance.retryAfter);
        const scripted = f.scripted.shift();
        if (scripted === 'reset') return 'drop';
        if (scripted === 'timeout') return 'hang';
        if (scripted)
          return reply(
            mount,
            scripted.status,
            scripted.message ?? STATUS_TEXT[scripted.status] ?? 'Injected fault',
            scripted.retryAfter,
          );
        const s = f.settings;
        const rates: [number | undefined, () => DemoResponse | 'drop' | 'hang'][] = [
          [s.resetRate, () => 'drop'],
          [s.timeoutRate, () => 'hang'],
          [s.rate429, () => reply(mount, 429, STATUS_TEXT[429]!, s.retryAfterSeconds ?? 1)],
          [s.rate429NoRetryAfter, () => reply(mount, 429, STATUS_TEXT[429]!)],
          [s.rate500, () => reply(mount, 500, STATUS_TEXT[500]!)],
          [s.rate503, () => reply(mount, 503, STATUS_TEXT[503]!, s.retryAfterSeconds ?? 1)],
        ];
        if (!rates.some(([r]) => (r ?? 0) > 0)) return undefined;
        let u = f.prng.next();
        for (const [rate, make] of rates) {
          if (u < (rate ?? 0)) return make();
          u -= rate ?? 0;
        }
        return undefined;
      };

      const outcome = decide();
      if ((f.settings.latencyMs ?? 0) > 0) await sleep(f.settings.latencyMs ?? 0);
      if (outcome === 'drop') faults.recordStatus(system, 'reset');
      else if (outcome === 'hang') faults.recordStatus(system, 'timeout');
      else if (outcome) faults.recordStatus(system, outcome.status);
      return outcome;
    },
  };
  return faults;
}
