import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startHarness } from './harness';
import type { Harness } from './harness';

describe('the catalog grid in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ demo: { products: 300 } });
    await h.core.sync.run('demo-wexbo');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const grid = () => h.page.getByRole('grid', { name: 'Catalog records' });
  const colIndex = async (label: string) =>
    Number(
      await h.page.getByRole('columnheader', { name: label, exact: true }).getAttribute('aria-colindex'),
    );
  const cell = async (row: number, label: string) =>
    grid().locator(
      `[role="row"][aria-rowindex="${row + 1}"] [role="gridcell"][aria-colindex="${await colIndex(label)}"]`,
    );

  it('shows the products in a virtualized grid', async () => {
    await h.page.goto(h.host.url);
    await h.page.getByRole('link', { name: 'Catalog' }).click();
    await h.page.getByLabel('Connection and entity').selectOption({ label: 'Demo WEXBO shop · products' });
    await grid().waitFor();
    await h.page.getByText(/Demo WEXBO shop · products · 3\d\d records/).waitFor();
    const rowCount = Number(await grid().getAttribute('aria-rowcount'));
    expect(rowCount).toBeGreaterThan(300);
    await (await cell(1, 'Code')).filter({ hasText: /\S/ }).waitFor();
    // Only the visible rows (plus overscan) are in the DOM.
    expect(await grid().locator('[role="row"]').count()).toBeLessThan(60);
    expect(
      await h.page.getByRole('columnheader', { name: 'Price', exact: true }).getAttribute('aria-sort'),
    ).toBe('none');
    await h.screenshot('catalog-1-grid');
  });

  it('loads later rows on scroll', async () => {
    await grid().evaluate((el) => (el.scrollTop = 260 * 30));
    const late = grid().locator('[role="row"][aria-rowindex="281"]');
    await late.waitFor();
    await late.locator('[role="gridcell"]').nth(1).filter({ hasText: /\S/ }).waitFor();
    await h.screenshot('catalog-2-scrolled');
    await grid().evaluate((el) => (el.scrollTop = 0));
  });

  it('sorts on a header click and narrows with the search box', async () => {
    const price = h.page.getByRole('columnheader', { name: 'Price', exact: true });
    await price.click();
    await expect.poll(() => price.getAttribute('aria-sort')).toBe('ascending');
    await price.click();
    await price.click();
    await expect.poll(() => price.getAttribute('aria-sort')).toBe('none');
    const code = await (await cell(1, 'Code')).textContent();
    expect(code).toBeTruthy();
    await h.page.getByRole('searchbox', { name: 'Search' }).fill(code as string);
    await expect.poll(async () => Number(await grid().getAttribute('aria-rowcount'))).toBeLessThan(10);
    await h.screenshot('catalog-3-search');
    await h.page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect.poll(async () => Number(await grid().getAttribute('aria-rowcount'))).toBeGreaterThan(300);
  });

  it('edits a price, marks it dirty and queues the change', async () => {
    const price = await cell(1, 'Price');
    await price.filter({ hasText: /\S/ }).waitFor();
    await price.click();
    await h.page.keyboard.press('Enter');
    await h.page.getByLabel('Edit Price').fill('12.5');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => price.getAttribute('data-dirty')).toBe('true');
    expect(await price.textContent()).toBe('12.5');
    const changes = await h.core.dispatch('changes:list', {});
    expect(changes.ok ? (changes.value as unknown[]).length : -1).toBe(1);
    await h.screenshot('catalog-4-edited');
  });

  it('explains a rejected value and lets it be dismissed', async () => {
    const price = await cell(2, 'Price');
    await price.click();
    await h.page.keyboard.type('t');
    await h.page.getByLabel('Edit Price').fill('twelve');
    await h.page.keyboard.press('Enter');
    const alert = h.page.getByRole('alert');
    await alert.getByText(/price must be a number/).waitFor();
    await h.screenshot('catalog-5-rejected');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await price.getAttribute('data-dirty')).toBeNull();
  });

  it('pastes a 2×2 TSV block and undoes it with Ctrl+Z', async () => {
    const name = await cell(3, 'Brand');
    const before = await name.textContent();
    await name.click();
    // A synthetic paste event, as Chromium raises for Ctrl+V (written as a string: the test's
    // TypeScript has no DOM types).
    await h.page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Pasted A\\tcat-a\\nPasted B\\tcat-b\\n');
      document
        .querySelector('[role="grid"]')
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await expect.poll(() => name.textContent()).toBe('Pasted A');
    expect(await (await cell(4, 'Brand')).textContent()).toBe('Pasted B');
    expect(await (await cell(4, 'Category id')).textContent()).toBe('cat-b');
    expect(await name.getAttribute('data-dirty')).toBe('true');
    await h.screenshot('catalog-6-pasted');
    await grid().focus();
    await h.page.keyboard.press('Control+z');
    await expect.poll(() => name.textContent()).toBe(before);
    expect(await name.getAttribute('data-dirty')).toBeNull();
    // The price edit from before is still there.
    expect(await (await cell(1, 'Price')).getAttribute('data-dirty')).toBe('true');
    await h.screenshot('catalog-7-undone');
  });

  it('fills down with Ctrl+D and copies the selection as TSV with Ctrl+C', async () => {
    const top = await cell(6, 'Stock');
    const bottom = await cell(8, 'Stock');
    await top.click();
    await bottom.click({ modifiers: ['Shift'] });
    expect(await grid().locator('[aria-selected="true"]').count()).toBe(3);
    const value = await top.textContent();
    expect(value).not.toBe('');
    await h.page.keyboard.press('Control+d');
    await expect.poll(() => bottom.getAttribute('data-dirty')).toBe('true');
    expect(await bottom.textContent()).toBe(value);
    await h.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.host.url });
    await (await cell(6, 'Code')).click();
    await (await cell(7, 'Name')).click({ modifiers: ['Shift'] });
    await h.page.keyboard.press('Control+c');
    await expect.poll(() => h.page.evaluate('navigator.clipboard.readText()')).toMatch(/^\S+\t.+\n\S+\t.+$/);
    await h.screenshot('catalog-8-filled');
  });

  it('draws rows still loading as one skeleton each, and their cells once they come', async () => {
    // A page whose socket holds back row windows on request, so the loading state can be seen.
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
    let hold = false;
    const held: string[] = [];
    let release: (() => void) | null = null;
    await page.routeWebSocket(/./, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const text = String(message);
        if (hold && (JSON.parse(text) as { channel?: string }).channel === 'catalog:queryRows')
          held.push(text);
        else server.send(text);
      });
      server.onMessage((message) => ws.send(message));
      release = () => {
        hold = false;
        for (const text of held.splice(0)) server.send(text);
      };
    });
    try {
      await page.goto(h.host.url);
      await page.getByRole('link', { name: 'Catalog' }).click();
      await page.getByLabel('Connection and entity').selectOption({ label: 'Demo WEXBO shop · products' });
      const g = page.getByRole('grid', { name: 'Catalog records' });
      await g
        .locator('[role="row"][aria-rowindex="2"] [role="gridcell"]')
        .first()
        .filter({ hasText: /\S/ })
        .waitFor();
      hold = true;
      await g.locator('[role="gridcell"]').first().click();
      await page.keyboard.press('Control+End');
      const busy = g.locator('[role="row"][aria-busy="true"]');
      await busy.first().waitFor();
      // One gutter and one skeleton cell per loading row, whatever the number of columns.
      const last = g.locator('[role="row"][aria-rowindex]').last();
      expect(await last.getAttribute('aria-busy')).toBe('true');
      expect(await last.locator('[role="gridcell"]').count()).toBe(1);
      expect(await last.locator('[role="gridcell"]').textContent()).toBe('Loading…');
      // The active cell still names an element while its row loads.
      const active = await g.getAttribute('aria-activedescendant');
      expect(await page.locator(`[id="${active}"]`).count()).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, 'catalog-9-loading-rows.png') });
      (release as (() => void) | null)?.();
      await busy.first().waitFor({ state: 'detached' });
      expect(await last.locator('[role="gridcell"]').count()).toBeGreaterThan(5);
      expect(await page.locator(`[id="${await g.getAttribute('aria-activedescendant')}"]`).count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('logged no console errors', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
