/** The desktop update banner's wording and action for every updater state. */
import { describe, expect, it } from 'vitest';
import { updateBanner } from '../../../src/renderer/src/shell/update-banner';
import { UpdateStatus } from '../../../src/shared/shell';
import type { UpdateState } from '../../../src/shared/shell';
import { enShell } from '../../../src/renderer/src/i18n/en-shell';

const state = (patch: Partial<UpdateState>): UpdateState => ({
  status: 'idle',
  channel: 'latest',
  currentVersion: '0.1.0',
  version: null,
  percent: null,
  lastCheckedAt: null,
  message: null,
  ...patch,
});

describe('update banner', () => {
  it('stays quiet unless the user has something to do or to know', () => {
    for (const status of ['idle', 'checking', 'disabled'] as const)
      expect(updateBanner(state({ status }))).toBeNull();
  });

  it('offers the restart only when the update is ready, and says it waits for uploads', () => {
    expect(updateBanner(state({ status: 'ready', version: '0.2.0' }))).toEqual({
      tone: 'info',
      text: { key: 'shell.update.ready', vars: { version: '0.2.0' } },
      action: 'install',
    });
    expect(updateBanner(state({ status: 'waiting', version: '0.2.0' }))).toMatchObject({
      tone: 'warning',
      action: null,
    });
    expect(enShell['shell.update.waiting']).toMatch(/uploads in progress finish/);
    expect(
      updateBanner(state({ status: 'downloading', version: '0.2.0', percent: 41.6 }))?.text.vars,
    ).toEqual({
      version: '0.2.0',
      percent: 42,
    });
    expect(updateBanner(state({ status: 'error', message: 'offline' }))).toMatchObject({
      tone: 'error',
      action: 'retry',
      text: { vars: { message: 'offline' } },
    });
  });

  it('has a text for every key it uses', () => {
    for (const status of UpdateStatus.options) {
      const b = updateBanner(state({ status, version: '1.0.0' }));
      if (b) expect(enShell[b.text.key]).toBeTruthy();
    }
  });
});
