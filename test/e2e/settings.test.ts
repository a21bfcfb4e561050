import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldIndexesIdle, listFieldIndexes, requestFieldIndexes } from '../../src/core/catalog/field-index';
import { startHarness } from './harness';
import type { Harness } from './harness';

describe('the Settings screen in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const stored = async () => {
    const result = await h.core.dispatch('settings:get', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as {
      theme: string;
      updateChannel: string;
      stuckJobMinutes: number;
      language: string;
    };
  };

  it('shows every setting with its current value, and the data folder', async () => {
    await h.page.goto(h.host.url);
    await h.page.getByRole('link', { name: 'Settings' }).click();
    await h.page.getByRole('radio', { name: 'Same as the system' }).waitFor();
    expect(await h.page.getByRole('radio', { name: 'Same as the system' }).isChecked()).toBe(true);
    expect(await h.page.getByLabel('Language').inputValue()).toBe('en');
    expect(await h.page.getByLabel('Language').locator('option:checked').textContent()).toBe('English');
    expect(await h.page.getByLabel('Update channel').inputValue()).toBe('latest');
    await h.page.getByText(h.dataDir, { exact: true }).waitFor();
    await h.screenshot('settings-1-light');
  });

  it('copies the data folder path', async () => {
    await h.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.host.origin });
    await h.page.getByRole('button', { name: 'Copy the data folder path' }).click();
    await h.page.getByText('Copied', { exact: true }).waitFor();
    expect(await h.page.evaluate('navigator.clipboard.readText()')).toBe(h.dataDir);
  });

  it('changes theme, update channel and the stuck-job delay through core', async () => {
    await h.page.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(() => h.page.locator('html').getAttribute('data-theme')).toBe('dark');
    await h.page.getByLabel('Update channel').selectOption('beta');
    await h.page.getByText('New versions a few weeks early', { exact: false }).waitFor();
    const minutes = h.page.getByLabel('Warn about an import with no progress after (minutes)');
    await minutes.fill('0');
    await minutes.press('Enter');
    await h.page.getByText('Enter a whole number of minutes from 1 to 1,440.').waitFor();
    expect(await minutes.getAttribute('aria-invalid')).toBe('true');
    await minutes.fill('30');
    await minutes.press('Tab');
    await expect.poll(async () => (await stored()).stuckJobMinutes).toBe(30);
    expect(await stored()).toMatchObject({ theme: 'dark', updateChannel: 'beta', language: 'en' });
    await h.page.getByText('Saved', { exact: true }).waitFor();
    await h.screenshot('settings-2-dark');
    await h.page.getByRole('radio', { name: 'Same as the system' }).check();
    await expect.poll(() => h.page.locator('html').getAttribute('data-theme')).toBe('system');
  });

  it('follows a change made elsewhere (another window, the CLI)', async () => {
    await h.core.dispatch('settings:update', { stuckJobMinutes: 45 });
    await expect
      .poll(() => h.page.getByLabel('Warn about an import with no progress after (minutes)').inputValue())
      .toBe('45');
  });

  it('lists the fast filters (field indexes) and removes one', async () => {
    const { sqlite } = h.core.store;
    await h.page.getByText('None yet.', { exact: true }).waitFor();
    // A slow filter or an opened filter on a large catalog makes them; here they are asked for directly.
    requestFieldIndexes(sqlite, ['$."brand"', '$."price"']);
    await fieldIndexesIdle(sqlite);
    await h.page.getByRole('link', { name: 'Catalog' }).click();
    await h.page.getByRole('link', { name: 'Settings' }).click();
    const list = h.page.getByRole('list', { name: 'Fast filters' });
    await list.getByText('brand', { exact: true }).waitFor();
    await list.getByText('price', { exact: true }).waitFor();
    await h.screenshot('settings-3-fast-filters');
    await h.page.getByRole('button', { name: 'Remove the fast filter on brand' }).click();
    await list.getByText('brand', { exact: true }).waitFor({ state: 'detached' });
    expect([...listFieldIndexes(sqlite).values()]).toEqual(['$."price"']);
  });

  it('logged no console errors', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
