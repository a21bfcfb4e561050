import { describe, expect, it } from 'vitest';
import { UpdateState } from '../../../src/main/shell-schemas';
import type { UpdateState as State } from '../../../src/main/shell-schemas';
import {
  canCheck,
  DISABLE_UPDATES_ENV,
  errorMessage,
  initialUpdateState,
  installDecision,
  isCheckDue,
  isQueueIdle,
  isUploadActivity,
  menuUpdateAction,
  reduceUpdate,
  UPDATE_TIMING,
  updaterSettings,
  updatesAvailability,
} from '../../../src/main/update-policy';
import type { UpdateEvent } from '../../../src/main/update-policy';

const HOUR = 60 * 60 * 1000;
const idle = initialUpdateState('1.2.0', 'latest', { enabled: true });
const at = (state: Partial<State>): State => ({ ...idle, ...state });
const run = (state: State, ...events: UpdateEvent[]): State => events.reduce(reduceUpdate, state);

function activity(kind: string, status: string) {
  return {
    id: 1,
    kind,
    connectionId: 'c1',
    title: 't',
    status,
    done: 0,
    total: null,
    message: null,
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: null,
  };
}

function outbox(state: string) {
  return {
    id: 1,
    connectionId: 'c1',
    entity: 'product',
    remoteId: null,
    recordId: 1,
    op: 'update',
    state,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('updatesAvailability', () => {
  it('is on only in a packaged Windows or macOS app', () => {
    expect(updatesAvailability({ isPackaged: true, platform: 'win32', env: {} })).toEqual({ enabled: true });
    expect(updatesAvailability({ isPackaged: true, platform: 'darwin', env: {} })).toEqual({ enabled: true });
    expect(updatesAvailability({ isPackaged: false, platform: 'win32', env: {} })).toMatchObject({
      enabled: false,
    });
    expect(updatesAvailability({ isPackaged: true, platform: 'linux', env: {} })).toMatchObject({
      enabled: false,
    });
  });

  it('can be switched off by an administrator', () => {
    expect(
      updatesAvailability({ isPackaged: true, platform: 'win32', env: { [DISABLE_UPDATES_ENV]: '1' } }),
    ).toMatchObject({ enabled: false, reason: expect.stringMatching(/administrator/) });
    expect(
      updatesAvailability({ isPackaged: true, platform: 'win32', env: { [DISABLE_UPDATES_ENV]: '0' } }),
    ).toEqual({
      enabled: true,
    });
  });

  it('starts disabled with the reason, and the state is always valid', () => {
    const state = initialUpdateState('1.0.0', 'beta', { enabled: false, reason: 'nope' });
    expect(state).toMatchObject({ status: 'disabled', channel: 'beta', message: 'nope' });
    expect(UpdateState.safeParse(state).success).toBe(true);
    expect(UpdateState.safeParse(idle).success).toBe(true);
  });
});

describe('updaterSettings', () => {
  it('maps the settings channel to electron-updater, never allowing a downgrade', () => {
    expect(updaterSettings('latest')).toEqual({
      channel: 'latest',
      allowPrerelease: false,
      allowDowngrade: false,
      autoDownload: true,
      autoInstallOnAppQuit: true,
    });
    expect(updaterSettings('beta')).toMatchObject({
      channel: 'beta',
      allowPrerelease: true,
      allowDowngrade: false,
    });
  });
});

describe('when to check', () => {
  it('checks first thing, then every few hours', () => {
    expect(UPDATE_TIMING.checkIntervalMs).toBeGreaterThanOrEqual(HOUR);
    expect(UPDATE_TIMING.checkIntervalMs).toBeLessThanOrEqual(12 * HOUR);
    expect(isCheckDue(idle, Date.parse('2025-01-01T00:00:00Z'))).toBe(true);
    const checked = at({ lastCheckedAt: '2025-01-01T00:00:00.000Z' });
    expect(isCheckDue(checked, Date.parse('2025-01-01T03:59:00Z'), 4 * HOUR)).toBe(false);
    expect(isCheckDue(checked, Date.parse('2025-01-01T04:00:00Z'), 4 * HOUR)).toBe(true);
    expect(
      isCheckDue(
        at({ status: 'error', lastCheckedAt: '2025-01-01T00:00:00.000Z' }),
        Date.parse('2025-01-02T00:00:00Z'),
      ),
    ).toBe(true);
  });

  it('never checks while a check, a download or a downloaded update is under way', () => {
    for (const status of ['checking', 'downloading', 'ready', 'waiting', 'installing', 'disabled'] as const) {
      expect(canCheck(at({ status }))).toBe(false);
      expect(isCheckDue(at({ status }), Date.now())).toBe(false);
    }
  });
});

describe('reduceUpdate', () => {
  it('follows check → download → ready', () => {
    const state = run(
      idle,
      { type: 'checking', at: '2025-01-01T00:00:00.000Z' },
      { type: 'available', version: '1.3.0' },
      { type: 'progress', percent: 42.123 },
      { type: 'downloaded', version: '1.3.0' },
    );
    expect(state).toMatchObject({
      status: 'ready',
      version: '1.3.0',
      percent: 100,
      lastCheckedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(
      run(
        idle,
        { type: 'checking', at: 'x' },
        { type: 'available', version: '2' },
        { type: 'progress', percent: 42.123 },
      ),
    ).toMatchObject({
      status: 'downloading',
      percent: 42.1,
    });
  });

  it('goes back to idle when there is nothing new, and records errors', () => {
    expect(run(idle, { type: 'checking', at: 'x' }, { type: 'not-available' })).toMatchObject({
      status: 'idle',
      version: null,
    });
    expect(run(idle, { type: 'checking', at: 'x' }, { type: 'error', message: 'offline' })).toMatchObject({
      status: 'error',
      message: 'offline',
    });
  });

  it('keeps a downloaded update through later checks and errors', () => {
    const ready = at({ status: 'ready', version: '1.3.0', percent: 100 });
    expect(run(ready, { type: 'checking', at: 'later' })).toMatchObject({
      status: 'ready',
      lastCheckedAt: 'later',
    });
    expect(run(ready, { type: 'error', message: 'offline' })).toMatchObject({
      status: 'ready',
      message: 'offline',
    });
    expect(run(ready, { type: 'not-available' })).toMatchObject({ status: 'ready' });
  });

  it('moves to waiting only from ready, and to installing only from waiting', () => {
    expect(run(idle, { type: 'install-requested' })).toBe(idle);
    expect(run(idle, { type: 'installing' })).toBe(idle);
    const waiting = run(at({ status: 'ready', version: '2' }), { type: 'install-requested' });
    expect(waiting.status).toBe('waiting');
    expect(run(waiting, { type: 'installing' }).status).toBe('installing');
  });

  it('changes nothing but the channel while disabled', () => {
    const disabled = initialUpdateState('1.0.0', 'latest', { enabled: false, reason: 'dev' });
    expect(run(disabled, { type: 'checking', at: 'x' }, { type: 'downloaded', version: '9' })).toBe(disabled);
    expect(run(disabled, { type: 'channel', channel: 'beta' }).channel).toBe('beta');
  });

  it('keeps updater errors short', () => {
    expect(errorMessage(new Error('net::ERR_INTERNET_DISCONNECTED\n<html>…'))).toBe(
      'net::ERR_INTERNET_DISCONNECTED',
    );
    expect(errorMessage('x'.repeat(1000))).toHaveLength(300);
    expect(errorMessage('')).toBe('The update failed.');
  });
});

describe('installing', () => {
  it('installs only when asked and the upload queue is idle; otherwise waits', () => {
    const waiting = at({ status: 'waiting', version: '2' });
    expect(installDecision(waiting, true)).toBe('install');
    expect(installDecision(waiting, false)).toBe('wait');
    expect(installDecision(at({ status: 'ready', version: '2' }), true)).toBe('none');
    expect(installDecision(idle, true)).toBe('none');
  });

  it('counts running pushes and imports as uploads, nothing else', () => {
    expect(isUploadActivity({ kind: 'push', status: 'running' })).toBe(true);
    expect(isUploadActivity({ kind: 'import', status: 'running' })).toBe(true);
    expect(isUploadActivity({ kind: 'push', status: 'succeeded' })).toBe(false);
    expect(isUploadActivity({ kind: 'sync', status: 'running' })).toBe(false);
    expect(isUploadActivity({ kind: 'validation', status: 'running' })).toBe(false);
  });

  it('asks core: idle means no upload activity and no outbox operation being sent', () => {
    const ok = (value: unknown) => ({ ok: true as const, value });
    expect(isQueueIdle({ coreRunning: true, activities: ok([]), outbox: ok([]) })).toBe(true);
    expect(
      isQueueIdle({
        coreRunning: true,
        activities: ok([activity('sync', 'running'), activity('push', 'succeeded')]),
        outbox: ok([outbox('queued'), outbox('retrying'), outbox('sent')]),
      }),
    ).toBe(true);
    expect(
      isQueueIdle({ coreRunning: true, activities: ok([activity('import', 'running')]), outbox: ok([]) }),
    ).toBe(false);
    expect(isQueueIdle({ coreRunning: true, activities: ok([]), outbox: ok([outbox('sending')]) })).toBe(
      false,
    );
  });

  it('counts a failed or unreadable answer as busy, and a stopped core as idle', () => {
    const failed = { ok: false as const, error: { code: 'unavailable' as const, message: 'x' } };
    expect(isQueueIdle({ coreRunning: true, activities: failed, outbox: { ok: true, value: [] } })).toBe(
      false,
    );
    expect(
      isQueueIdle({
        coreRunning: true,
        activities: { ok: true, value: [{ bad: 1 }] },
        outbox: { ok: true, value: [] },
      }),
    ).toBe(false);
    expect(isQueueIdle({ coreRunning: false, activities: failed, outbox: failed })).toBe(true);
  });
});

describe('menuUpdateAction', () => {
  it('checks, offers the restart, or does nothing', () => {
    expect(menuUpdateAction(idle)).toBe('check');
    expect(menuUpdateAction(at({ status: 'error' }))).toBe('check');
    expect(menuUpdateAction(at({ status: 'ready', version: '2' }))).toBe('offer-restart');
    expect(menuUpdateAction(at({ status: 'downloading' }))).toBe('none');
    expect(menuUpdateAction(at({ status: 'disabled' }))).toBe('none');
  });
});
