import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness';
import type { Harness } from './harness';

describe('the demo workspace in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ demo: { products: 300 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the five demo connections, marked Demo', async () => {
    await h.page.goto(h.host.url);
    await h.page.getByRole('link', { name: 'Connections' }).click();
    const rows = h.page.getByRole('row').filter({ hasText: 'Demo' });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(5);
    for (const name of [
      'Demo WEXBO shop',
      'Demo ETIM mapper',
      'Demo PrintXpand store',
      'Demo Wizart',
      'Demo Broadleaf importer',
    ]) {
      await h.page
        .getByRole('cell', { name: new RegExp(`^${name}`) })
        .first()
        .waitFor();
    }
    await h.screenshot('demo-1-connections');
  });

  it('syncs the demo WEXBO shop from the Connections screen and shows the mirror in the Catalog', async () => {
    await h.page.getByRole('button', { name: 'Sync Demo WEXBO shop now' }).click();
    const row = h.page.getByRole('row').filter({ hasText: 'Demo WEXBO shop' });
    await row.getByText('online').waitFor({ timeout: 60_000 });
    await h.screenshot('demo-2-synced');
    await h.page.getByRole('link', { name: 'Catalog' }).click();
    await h.page.getByText('Demo WEXBO shop').first().waitFor();
    // The count arrives with the first window of rows.
    await h.page
      .getByText(/3\d\d records/)
      .first()
      .waitFor();
    await h.screenshot('demo-3-catalog');
  });

  it('shows the finished sync in Activity', async () => {
    await h.page.getByRole('link', { name: 'Activity' }).click();
    await h.page.getByText('Sync Demo WEXBO shop').first().waitFor();
    await h.page.getByText('succeeded').first().waitFor();
    await h.screenshot('demo-4-activity');
  });

  it('logged no console errors', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
