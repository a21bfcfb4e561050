import { describe, expect, it } from 'vitest';
import { createUpdateController, inertUpdater } from '../../../src/main/update-controller';
import type { UpdateState } from '../../../src/main/shell-schemas';
import { fakeUpdater, manualTimers } from './fakes';

const timing = { firstCheckDelayMs: 1000, checkIntervalMs: 10_000, idlePollMs: 500 };

function setup(options: { enabled?: boolean; idle?: () => boolean; failCheck?: Error } = {}) {
  const timers = manualTimers();
  const fake = fakeUpdater(options.failCheck ? { failCheck: options.failCheck } : {});
  const states: UpdateState[] = [];
  let idle = options.idle ?? (() => true);
  const controller = createUpdateController({
    updater: fake.updater,
    availability: options.enabled === false ? { enabled: false, reason: 'Not packaged.' } : { enabled: true },
    currentVersion: '1.0.0',
    channel: 'latest',
    uploadsIdle: async () => idle(),
    onState: (state) => states.push(state),
    timers,
    now: () => Date.parse('2025-01-01T00:00:00Z') + timers.now(),
    timing,
  });
  return {
    controller,
    fake,
    timers,
    states,
    setIdle: (fn: () => boolean) => (idle = fn),
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createUpdateController', () => {
  it('configures the channel without allowing downgrades (electron-updater turns them on)', () => {
    const { controller, fake } = setup();
    controller.start();
    expect(fake.raw).toMatchObject({
      channel: 'latest',
      allowPrerelease: false,
      allowDowngrade: false,
      autoDownload: true,
      autoInstallOnAppQuit: true,
    });
  });

  it('checks shortly after start, then every interval', async () => {
    const { controller, fake, timers } = setup();
    controller.start();
    expect(fake.calls).toEqual([]);
    timers.advance(1000);
    expect(fake.calls).toEqual(['checkForUpdates']);
    fake.emit('update-not-available', { version: '1.0.0' });
    timers.advance(9_999);
    expect(fake.calls).toHaveLength(1);
    timers.advance(1);
    expect(fake.calls).toHaveLength(2);
  });

  it('downloads in the background and announces "ready", then installs only on request', async () => {
    const { controller, fake, timers, states } = setup();
    controller.start();
    timers.advance(1000);
    fake.emit('update-available', { version: '1.1.0' });
    fake.emit('download-progress', { percent: 50 });
    fake.emit('update-downloaded', { version: '1.1.0' });
    expect(states.map((s) => s.status)).toEqual(['checking', 'downloading', 'downloading', 'ready']);
    expect(controller.state()).toMatchObject({ status: 'ready', version: '1.1.0' });
    // No check runs while an update waits to be installed.
    timers.advance(100_000);
    expect(fake.calls).toEqual(['checkForUpdates']);
    expect(await controller.requestInstall()).toMatchObject({ status: 'installing' });
    expect(fake.calls).toEqual(['checkForUpdates', 'quitAndInstall(true, true)']);
  });

  it('never installs while uploads are in flight: waits until the queue is idle', async () => {
    let uploading = true;
    const { controller, fake, timers } = setup({ idle: () => !uploading });
    controller.start();
    timers.advance(1000);
    fake.emit('update-downloaded', { version: '1.1.0' });
    expect(await controller.requestInstall()).toMatchObject({ status: 'waiting' });
    expect(fake.calls).not.toContain('quitAndInstall(true, true)');
    timers.advance(500);
    await flush();
    expect(controller.state().status).toBe('waiting');
    uploading = false;
    controller.workChanged();
    await flush();
    expect(controller.state().status).toBe('installing');
    expect(fake.calls.filter((c) => c.startsWith('quitAndInstall'))).toHaveLength(1);
  });

  it('polls the queue while waiting, and treats a failing check as busy', async () => {
    let answer: () => boolean = () => {
      throw new Error('core busy');
    };
    const { controller, fake, timers, setIdle } = setup();
    setIdle(() => answer());
    controller.start();
    fake.emit('update-downloaded', { version: '1.1.0' });
    await controller.requestInstall();
    expect(controller.state().status).toBe('waiting');
    answer = () => true;
    timers.advance(500);
    await flush();
    expect(controller.state().status).toBe('installing');
  });

  it('does not install when asked before anything was downloaded', async () => {
    const { controller, fake } = setup();
    controller.start();
    expect(await controller.requestInstall()).toMatchObject({ status: 'idle' });
    expect(fake.calls).toEqual([]);
  });

  it('records a failed check and checks again later', async () => {
    const { controller, fake, timers } = setup({ failCheck: new Error('getaddrinfo ENOTFOUND updates') });
    controller.start();
    timers.advance(1000);
    await flush();
    expect(controller.state()).toMatchObject({ status: 'error', message: 'getaddrinfo ENOTFOUND updates' });
    timers.advance(10_000);
    expect(fake.calls).toHaveLength(2);
  });

  it('switches channel from the settings and checks that channel at once', async () => {
    const { controller, fake } = setup();
    controller.start();
    controller.setChannel('beta');
    expect(fake.raw).toMatchObject({ channel: 'beta', allowPrerelease: true, allowDowngrade: false });
    expect(controller.state().channel).toBe('beta');
    expect(fake.calls).toEqual(['checkForUpdates']);
    controller.setChannel('beta');
    expect(fake.calls).toHaveLength(1);
  });

  it('takes the channel from the settings before starting, without an early check', () => {
    const { controller, fake, timers } = setup();
    controller.setChannel('beta');
    expect(fake.calls).toEqual([]);
    expect(fake.raw.channel).toBeNull();
    controller.start();
    controller.start();
    expect(fake.raw).toMatchObject({ channel: 'beta', allowPrerelease: true, allowDowngrade: false });
    expect(timers.pending()).toBe(1);
    timers.advance(1000);
    expect(fake.calls).toEqual(['checkForUpdates']);
  });

  it('allows a manual check any time nothing is under way', async () => {
    const { controller, fake } = setup();
    controller.start();
    expect(await controller.check()).toMatchObject({ status: 'checking' });
    expect(await controller.check()).toMatchObject({ status: 'checking' });
    expect(fake.calls).toEqual(['checkForUpdates']);
  });

  it('does nothing at all when updates are disabled', async () => {
    const { controller, fake, timers } = setup({ enabled: false });
    controller.start();
    timers.advance(100_000);
    expect(await controller.check()).toMatchObject({ status: 'disabled', message: 'Not packaged.' });
    controller.setChannel('beta');
    expect(fake.calls).toEqual([]);
    expect(fake.raw.channel).toBeNull();
    expect(timers.pending()).toBe(0);
  });

  it('stops its timers', () => {
    const { controller, timers } = setup();
    controller.start();
    expect(timers.pending()).toBe(1);
    controller.stop();
    expect(timers.pending()).toBe(0);
  });

  it('has an inert stand-in for when updates are off', async () => {
    const updater = inertUpdater();
    expect(await updater.checkForUpdates()).toBeNull();
    expect(() => updater.quitAndInstall()).not.toThrow();
  });
});
