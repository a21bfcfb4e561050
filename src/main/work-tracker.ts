/**
 * What core is busy with, read from the events it already sends (`activity:updated`,
 * `sync:progress`). Main uses it for the taskbar/dock progress bar, to know when uploads are in
 * flight (a waiting update then looks again), and for "finished" notifications while no window is
 * open.
 */
import { ActivityEntry, SyncProgress } from '../shared/domain';
import { isUploadActivity } from './update-policy';

export interface ProgressBar {
  /** Electron's `setProgressBar` value: < 0 removes it, 0…1 a fraction, > 1 indeterminate. */
  value: number;
  mode: 'none' | 'normal' | 'indeterminate';
}

export interface Observation {
  /** The event changed what is running. */
  changed: boolean;
  /** An activity that was running and has just ended, with its final entry. */
  finished?: ActivityEntry;
}

export interface WorkTracker {
  observe(event: string, payload: unknown): Observation;
  uploadsInFlight(): number;
  progress(): ProgressBar;
}

interface Amount {
  done: number;
  total: number | null;
}

export function progressBarFor(items: readonly Amount[]): ProgressBar {
  if (items.length === 0) return { value: -1, mode: 'none' };
  let done = 0;
  let total = 0;
  for (const item of items) {
    if (item.total === null || item.total <= 0) return { value: 2, mode: 'indeterminate' };
    done += Math.min(item.done, item.total);
    total += item.total;
  }
  return { value: Math.max(0, Math.min(1, done / total)), mode: 'normal' };
}

export function createWorkTracker(): WorkTracker {
  const activities = new Map<number, ActivityEntry>();
  const syncs = new Map<string, Amount>();

  return {
    observe(event, payload) {
      if (event === 'activity:updated') {
        const parsed = ActivityEntry.safeParse(payload);
        if (!parsed.success) return { changed: false };
        const entry = parsed.data;
        const before = activities.get(entry.id);
        if (entry.status === 'running') {
          activities.set(entry.id, entry);
          return { changed: true };
        }
        if (!before) return { changed: false };
        activities.delete(entry.id);
        return { changed: true, finished: entry };
      }
      if (event === 'sync:progress') {
        const parsed = SyncProgress.safeParse(payload);
        if (!parsed.success) return { changed: false };
        const { connectionId, entity, state, done, total } = parsed.data;
        const key = `${connectionId}\u0000${entity}`;
        if (state === 'running') {
          syncs.set(key, { done, total });
          return { changed: true };
        }
        return { changed: syncs.delete(key) };
      }
      return { changed: false };
    },
    uploadsInFlight() {
      let n = 0;
      for (const entry of activities.values()) if (isUploadActivity(entry)) n += 1;
      return n;
    },
    progress() {
      // A sync reports both an activity and per-entity progress: the finer one wins.
      const items: Amount[] = [...syncs.values()];
      for (const entry of activities.values()) {
        if (entry.kind === 'system' || (entry.kind === 'sync' && syncs.size > 0)) continue;
        items.push({ done: entry.done, total: entry.total });
      }
      return progressBarFor(items);
    },
  };
}
