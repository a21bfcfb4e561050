import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../src/shared/domain';
import { updateReadyNotification, workFinishedNotification } from '../../../src/main/notifications';
import { initialUpdateState } from '../../../src/main/update-policy';
import { focusWindow } from '../../../src/main/window-focus';
import { createWorkTracker, progressBarFor } from '../../../src/main/work-tracker';

function activity(overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    id: 1,
    kind: 'push',
    connectionId: 'c1',
    title: 'Push to WEXBO',
    status: 'running',
    done: 0,
    total: 10,
    message: null,
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

function sync(entity: string, state: string, done: number, total: number | null) {
  return { connectionId: 'c1', entity, done, total, rate: 1, etaSeconds: null, state };
}

describe('createWorkTracker', () => {
  it('counts uploads in flight from activity events', () => {
    const tracker = createWorkTracker();
    expect(tracker.observe('activity:updated', activity({ id: 1 })).changed).toBe(true);
    tracker.observe('activity:updated', activity({ id: 2, kind: 'import' }));
    tracker.observe('activity:updated', activity({ id: 3, kind: 'sync' }));
    expect(tracker.uploadsInFlight()).toBe(2);
    const done = tracker.observe('activity:updated', activity({ id: 1, status: 'succeeded', done: 10 }));
    expect(done).toMatchObject({ changed: true, finished: { id: 1, status: 'succeeded' } });
    expect(tracker.uploadsInFlight()).toBe(1);
  });

  it('ignores unknown and malformed events, and endings of work it never saw', () => {
    const tracker = createWorkTracker();
    expect(tracker.observe('status:changed', {})).toEqual({ changed: false });
    expect(tracker.observe('activity:updated', { id: 'x' })).toEqual({ changed: false });
    expect(tracker.observe('activity:updated', activity({ status: 'failed' }))).toEqual({ changed: false });
    expect(tracker.observe('sync:progress', { nope: true })).toEqual({ changed: false });
  });

  it('drives the taskbar progress: none, a fraction, or indeterminate', () => {
    const tracker = createWorkTracker();
    expect(tracker.progress()).toEqual({ value: -1, mode: 'none' });
    tracker.observe('activity:updated', activity({ id: 1, done: 5, total: 10 }));
    expect(tracker.progress()).toEqual({ value: 0.5, mode: 'normal' });
    tracker.observe('activity:updated', activity({ id: 2, kind: 'import', done: 0, total: null }));
    expect(tracker.progress()).toEqual({ value: 2, mode: 'indeterminate' });
    tracker.observe('activity:updated', activity({ id: 2, kind: 'import', status: 'failed' }));
    tracker.observe('activity:updated', activity({ id: 1, status: 'succeeded' }));
    expect(tracker.progress()).toEqual({ value: -1, mode: 'none' });
  });

  it('prefers per-entity sync progress over the sync activity, and drops finished syncs', () => {
    const tracker = createWorkTracker();
    tracker.observe('activity:updated', activity({ id: 7, kind: 'sync', done: 0, total: null }));
    tracker.observe('sync:progress', sync('product', 'running', 30, 100));
    tracker.observe('sync:progress', sync('category', 'running', 10, 100));
    expect(tracker.progress()).toEqual({ value: 0.2, mode: 'normal' });
    tracker.observe('sync:progress', sync('product', 'done', 100, 100));
    tracker.observe('sync:progress', sync('category', 'cancelled', 10, 100));
    // Only the sync activity is left, with no total.
    expect(tracker.progress()).toEqual({ value: 2, mode: 'indeterminate' });
  });

  it('never reports more than done', () => {
    expect(progressBarFor([{ done: 15, total: 10 }])).toEqual({ value: 1, mode: 'normal' });
    expect(progressBarFor([{ done: 0, total: 0 }])).toEqual({ value: 2, mode: 'indeterminate' });
  });
});

describe('notifications', () => {
  it('reports finished work only while no window is open (the page notifies otherwise)', () => {
    const ok = activity({ status: 'succeeded' });
    expect(workFinishedNotification(ok, { windowOpen: true })).toBeNull();
    expect(workFinishedNotification(ok, { windowOpen: false })).toEqual({
      title: 'Push to WEXBO',
      body: 'Upload of changes finished.',
    });
    expect(
      workFinishedNotification(activity({ kind: 'import', status: 'failed', message: '401 Unauthorized' }), {
        windowOpen: false,
      }),
    ).toEqual({ title: 'Push to WEXBO', body: 'Import failed: 401 Unauthorized' });
    expect(workFinishedNotification(activity({ status: 'cancelled' }), { windowOpen: false })).toBeNull();
    expect(
      workFinishedNotification(activity({ kind: 'system', status: 'succeeded' }), { windowOpen: false }),
    ).toBeNull();
  });

  it('announces a ready update once, unless the window is in front', () => {
    const before = {
      ...initialUpdateState('1.0.0', 'latest', { enabled: true }),
      status: 'downloading' as const,
    };
    const ready = { ...before, status: 'ready' as const, version: '1.1.0' };
    expect(updateReadyNotification(before, ready, { windowFocused: false })).toEqual({
      title: 'Update ready',
      body: 'PIM Steward 1.1.0 is ready. Restart to update (it waits for uploads in progress).',
    });
    expect(updateReadyNotification(before, ready, { windowFocused: true })).toBeNull();
    expect(updateReadyNotification(ready, { ...ready, percent: 100 }, { windowFocused: false })).toBeNull();
  });
});

describe('focusWindow (single-instance lock)', () => {
  function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean }) {
    const calls: string[] = [];
    return {
      calls,
      win: {
        isDestroyed: () => state.destroyed ?? false,
        isMinimized: () => state.minimized ?? false,
        isVisible: () => state.visible ?? true,
        restore: () => calls.push('restore'),
        show: () => calls.push('show'),
        focus: () => calls.push('focus'),
      },
    };
  }

  it('restores, shows and focuses the running window', () => {
    const minimized = fakeWindow({ minimized: true, visible: false });
    expect(focusWindow(minimized.win)).toBe(true);
    expect(minimized.calls).toEqual(['restore', 'show', 'focus']);
    const plain = fakeWindow({});
    focusWindow(plain.win);
    expect(plain.calls).toEqual(['focus']);
  });

  it('reports when there is no window to focus', () => {
    expect(focusWindow(null)).toBe(false);
    const gone = fakeWindow({ destroyed: true });
    expect(focusWindow(gone.win)).toBe(false);
    expect(gone.calls).toEqual([]);
  });
});
