import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness';
import type { Harness } from './harness';

const AREAS = [
  { name: 'Catalog', heading: 'Catalog', empty: 'The mirror is empty' },
  { name: 'Changes', heading: 'Changes', empty: 'Nothing waiting to be sent' },
  { name: 'Import', heading: 'Import', empty: 'No files checked yet' },
  { name: 'Activity', heading: 'Activity', empty: 'No activity yet' },
  { name: 'Connections', heading: 'Connections', empty: 'No connections yet' },
  { name: 'Settings', heading: 'Settings', empty: 'Data folder' },
];

describe('web shell frame in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads the frame with navigation and a live status bar', async () => {
    await h.page.goto(h.host.url);
    await h.page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    const bar = h.page.getByRole('status', { name: 'Status' });
    await bar.getByText('Connected to core').waitFor();
    await bar.getByText('0 pending').waitFor();
    // The secret left the address bar once taken.
    expect(h.page.url()).not.toContain('secret=');
  });

  for (const [i, area] of AREAS.entries()) {
    it(`opens ${area.name} and shows its real empty state`, async () => {
      await h.page.getByRole('link', { name: area.name }).click();
      await h.page.getByRole('heading', { level: 1, name: area.heading }).waitFor();
      await h.page.getByText(area.empty, { exact: false }).first().waitFor();
      expect(await h.page.getByRole('link', { name: area.name }).getAttribute('aria-current')).toBe('page');
      const file = await h.screenshot(`frame-${i + 1}-${area.name.toLowerCase()}`);
      expect(statSync(file).size).toBeGreaterThan(5_000);
    });
  }

  it('navigates with Ctrl+1..6', async () => {
    await h.page.keyboard.press('Control+5');
    await h.page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    await h.page.keyboard.press('Control+1');
    await h.page.getByRole('heading', { level: 1, name: 'Catalog' }).waitFor();
  });

  it('persists a setting through core and applies the theme', async () => {
    await h.page.getByRole('link', { name: 'Settings' }).click();
    await h.page.getByRole('radio', { name: 'Dark' }).check();
    await h.page.getByText('Saved').waitFor();
    await expect(h.page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    const stored = await h.core.dispatch('settings:get', {});
    expect(stored).toMatchObject({ ok: true, value: { theme: 'dark' } });
    await h.screenshot('frame-7-settings-dark');
  });

  it('survives a reload (the secret is kept for the tab)', async () => {
    await h.page.reload();
    await h.page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await h.page.getByRole('status', { name: 'Status' }).getByText('Connected to core').waitFor();
  });

  it('shows a clear page, not a crash, when opened without the access key', async () => {
    const other = await h.browser.newPage();
    await other.goto(h.host.origin);
    await other.getByText('This page needs its access key').waitFor();
    await other.close();
  });

  it('logged no console errors (CSP violations included)', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
