/**
 * ETIM synchronization triggers (004_…, "Run synchronization trigger" / "check"). No timers:
 * progress is computed from the elapsed `now()` on each poll, so tests move time instead of
 * waiting. The demo's synchronizations change no product data; their report says so.
 */
import { createPrng } from '../catalog/prng';
import { formatZoned } from '../time';

export interface Trigger {
  /** How long a run takes. */
  durationMs: number;
  /** How a run ends: a report, or the seed's error example. */
  outcome: 'done' | 'error';
}

export const DEFAULT_TRIGGERS: Record<string, Trigger> = {
  tr67: { durationMs: 60_000, outcome: 'done' },
  'tr-quick': { durationMs: 5_000, outcome: 'done' },
  'tr-fail': { durationMs: 10_000, outcome: 'error' },
};

interface Run {
  progressId: string;
  trigger: string;
  startedAt: number;
  user: string;
}

export type SyncStatus = Record<string, string>;

export interface Synchronizations {
  triggers: Record<string, Trigger>;
  /** Undefined for an unknown trigger. */
  run(trigger: string, user: string, now: number, selectedProducts: number): SyncStatus | undefined;
  /** Undefined for an unknown progress id. */
  check(progressId: string, now: number, selectedProducts: number): SyncStatus | undefined;
  reset(): void;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function createSynchronizations(seed: number): Synchronizations {
  const triggers: Record<string, Trigger> = structuredClone(DEFAULT_TRIGGERS);
  const runs = new Map<string, Run>();
  let rng = createPrng(seed);

  const status = (r: Run, now: number, selected: number): SyncStatus => {
    const t = triggers[r.trigger] ?? { durationMs: 0, outcome: 'done' as const };
    const head = { 'trigger-identifier': r.trigger, 'starting-time': formatZoned(r.startedAt) };
    const elapsed = now - r.startedAt;
    if (elapsed < t.durationMs) {
      const pct = Math.max(0, (elapsed / t.durationMs) * 100).toFixed(2);
      return { status: 'in progress', ...head, info: `${pct}%`, 'progress-id': r.progressId };
    }
    if (t.outcome === 'error') {
      return {
        status: 'error',
        ...head,
        info: 'Attributes conflicted: Attr1: attribute (logical) vs. attribute (numeric)',
      };
    }
    const info = [
      'Source: Demo PIM',
      `Target: ${r.user}`,
      'Creation of new products: no',
      'Deletion of products: no',
      'Overwriting of additional global attributes: no',
      `Selected products: ${selected}`,
      'Created products: 0',
      'Modified products: 0',
      'Deleted products: 0',
      'Classified products: 0',
      'Reclassified products: 0',
      'Products with deleted class: 0',
      'Overwritten additional global attributes: 0',
      'Created additional global attributes: 0',
    ].join(' | ');
    return { status: 'done', ...head, info };
  };

  return {
    triggers,
    run(trigger, user, now, selected) {
      const t = triggers[trigger];
      if (!t) return undefined;
      const busy = [...runs.values()].find((r) => r.trigger === trigger && now - r.startedAt < t.durationMs);
      if (busy) {
        return {
          status: 'error',
          'trigger-identifier': trigger,
          'starting-time': formatZoned(busy.startedAt),
          info: `This operation is already in progress (started by ${busy.user}).`,
        };
      }
      const progressId = Array.from({ length: 32 }, () => ALPHABET[rng.int(ALPHABET.length)]).join('');
      const r: Run = { progressId, trigger, startedAt: now, user };
      runs.set(progressId, r);
      return status(r, now, selected);
    },
    check(progressId, now, selected) {
      const r = runs.get(progressId);
      return r ? status(r, now, selected) : undefined;
    },
    reset() {
      runs.clear();
      rng = createPrng(seed);
    },
  };
}
