import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import type { Core } from '../../src/core';
import { channelNames, channels, eventNames, events } from '../../src/shared/contract';
import { checkEvent, checkRequest } from '../../src/shared/rpc';

describe('the contract', () => {
  let core: Core;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-contract-'));
    core = await createCore({ dataDir: dir });
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names every channel domain:verbNoun', () => {
    for (const name of channelNames) expect(name).toMatch(/^[a-z]+:[a-z]+[A-Za-z]*$/);
    for (const name of eventNames) expect(name).toMatch(/^[a-z]+:[a-z]+[A-Za-z]*$/);
  });

  it('has a core handler for every channel and no handler outside it', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...channelNames].sort());
  });

  it.each(channelNames)('%s answers a minimal valid input with a valid output', async (name) => {
    const result = await core.dispatch(name, {});
    expect(result.ok).toBe(true);
    if (result.ok) expect(channels[name].output.safeParse(result.value).success).toBe(true);
  });

  it('rejects an unknown channel with a clear error', async () => {
    const result = await core.dispatch('catalog:dropEverything', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: 'Unknown channel: "catalog:dropEverything"' },
    });
  });

  it.each([
    ['app:getInfo', { extra: 1 }, 'Unrecognized key'],
    ['changes:list', { limit: 'ten' }, 'input.limit'],
    ['changes:list', { limit: 100000 }, 'input.limit'],
    ['settings:update', { theme: 'purple' }, 'input.theme'],
    ['activity:list', 'not an object', 'input'],
  ] as const)('rejects malformed input to %s before core runs', async (name, input, mention) => {
    const result = await core.dispatch(name, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain(mention);
      expect(result.error.message).toContain(name);
    }
  });

  it('does not let a rejected update change anything', async () => {
    await core.dispatch('settings:update', { theme: 'purple' });
    const settings = await core.dispatch('settings:get', {});
    expect(settings).toMatchObject({ ok: true, value: { theme: 'system' } });
  });

  it('checks requests without running them (used by shells before forwarding)', () => {
    expect(checkRequest('settings:get', {}).ok).toBe(true);
    expect(checkRequest(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(checkRequest('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('validates events before they cross a boundary', () => {
    expect(Object.keys(events).length).toBeGreaterThan(0);
    expect(checkEvent('settings:changed', { theme: 'dark' })).toBeNull();
    expect(
      checkEvent('settings:changed', {
        theme: 'dark',
        language: 'en',
        updateChannel: 'beta',
        stuckJobMinutes: 5,
      }),
    ).not.toBeNull();
    expect(checkEvent('nope:event', {})).toBeNull();
  });

  it('emits settings:changed through onEvent', async () => {
    const seen: string[] = [];
    const off = core.onEvent((event) => seen.push(event));
    await core.dispatch('settings:update', { updateChannel: 'beta' });
    off();
    expect(seen).toEqual(['settings:changed']);
  });
});
