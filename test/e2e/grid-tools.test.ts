/**
 * The catalog grid's tools in Chromium against the web shell and the demo WEXBO shop: find and
 * replace with a preview, set a field on a selection, column filters and facets, the record panel,
 * the language switch and the status line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridWindow } from '../../src/shared/domain';
import { createCaller } from '../../src/shared/rpc';
import { startHarness } from './harness';
import type { Harness } from './harness';

/** A 2×2 PNG, to show that images the CSP allows are drawn as thumbnails. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';

describe('the catalog grid tools in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ demo: { products: 300 } });
    await h.core.sync.run('demo-wexbo');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const grid = () => h.page.getByRole('grid', { name: 'Catalog records' });
  const rowCount = async () => Number(await grid().getAttribute('aria-rowcount')) - 1;
  const colIndex = async (label: string) =>
    Number(
      await h.page.getByRole('columnheader', { name: label, exact: true }).getAttribute('aria-colindex'),
    );
  const cell = async (row: number, label: string) =>
    grid().locator(
      `[role="row"][aria-rowindex="${row + 1}"] [role="gridcell"][aria-colindex="${await colIndex(label)}"]`,
    );
  const gutter = (row: number) =>
    grid().locator(`[role="row"][aria-rowindex="${row + 1}"] [role="rowheader"]`);
  const drawer = () => h.page.locator('dialog.modal--drawer');
  const gridFocused = () => grid().evaluate((el) => el === el.ownerDocument.activeElement);

  it('shows the tools bar, the facets and the language switch', async () => {
    await h.page.goto(h.host.url);
    await h.page.getByRole('link', { name: 'Catalog' }).click();
    await h.page.getByLabel('Connection and entity').selectOption({ label: 'Demo WEXBO shop · products' });
    await grid().waitFor();
    await (await cell(1, 'Code')).filter({ hasText: /\S/ }).waitFor();
    const tools = h.page.getByRole('toolbar', { name: 'Grid tools' });
    await tools.getByRole('button', { name: /Find and replace/ }).waitFor();
    await tools.getByRole('combobox', { name: 'Brand' }).waitFor();
    await tools.getByRole('combobox', { name: 'Category' }).waitFor();
    // WEXBO's translations object becomes one column per language and field.
    await h.page.getByRole('columnheader', { name: 'Name (DE)', exact: true }).waitFor();
    const languages = await h.page.getByLabel('Language').locator('option').allTextContents();
    expect(languages).toEqual(['All languages', 'German (de)', 'English (en)', 'Polish (pl)', 'Slovak (sk)']);
    // A list reads as a list, not as JSON.
    expect(await (await cell(1, 'Labels')).textContent()).not.toMatch(/[[\]"]/);
    await h.screenshot('grid-tools-1-overview');
  });

  it('finds and replaces with a preview, applies as one group and undoes it', async () => {
    const brandCell = await cell(1, 'Brand');
    const brand = (await brandCell.textContent()) as string;
    expect(brand).toMatch(/\S/);
    await brandCell.click();
    await h.page.keyboard.press('Control+h');
    const dialog = h.page.getByRole('dialog', { name: 'Find and replace' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Column').inputValue()).toBe('brand');
    expect(await dialog.getByRole('radio', { name: /Every record of Demo WEXBO shop/ }).isChecked()).toBe(
      true,
    );
    await dialog.getByLabel('Find').fill(brand);
    await dialog.getByLabel('Replace with').fill('Zenith');
    expect(await dialog.getByRole('button', { name: /Replace all/ }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const count = dialog.getByText(/^\d+ values will change/);
    await count.waitFor();
    const n = Number(/^(\d+)/.exec((await count.textContent()) as string)?.[1]);
    expect(n).toBeGreaterThan(1);
    const rows = dialog
      .getByRole('table', { name: 'Values before and after the replacement' })
      .locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(n, 200));
    expect(await rows.first().locator('td').nth(1).textContent()).toBe(brand);
    expect(await rows.first().locator('td').nth(3).textContent()).toContain('Zenith');
    expect(await rows.first().locator('mark').first().textContent()).toBe(brand);
    await h.screenshot('grid-tools-2-replace-preview');
    // Changing the inputs invalidates the preview.
    await dialog.getByLabel('Replace with').fill('Zenith!');
    await expect.poll(() => dialog.getByRole('button', { name: /Replace all/ }).isDisabled()).toBe(true);
    await dialog.getByLabel('Replace with').fill('Zenith');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByRole('button', { name: `Replace all (${n})` }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => brandCell.textContent()).toBe('Zenith');
    expect(await brandCell.getAttribute('data-dirty')).toBe('true');
    await h.page
      .getByRole('status')
      .filter({ hasText: `Replaced ${n} values in Brand` })
      .waitFor();
    await h.screenshot('grid-tools-3-replaced');
    await expect.poll(gridFocused).toBe(true);
    await h.page.keyboard.press('Control+z');
    await expect.poll(() => brandCell.textContent()).toBe(brand);
    expect(await brandCell.getAttribute('data-dirty')).toBeNull();
  });

  it('replaces with a regular expression in the selected rows only', async () => {
    await (await cell(1, 'Code')).click();
    await (await cell(3, 'Code')).click({ modifiers: ['Shift'] });
    await h.page.getByRole('button', { name: /Find and replace/ }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Find and replace' });
    expect(await dialog.getByRole('radio', { name: 'The selected rows (3)' }).isChecked()).toBe(true);
    await dialog.getByLabel('Regular expression').check();
    await dialog.getByLabel('Find').fill('^([a-z]+)-');
    await dialog.getByLabel('Replace with').fill('$1_');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText('3 values will change.').waitFor();
    const after = await dialog.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(after.every((a) => /^becomes [a-z]+_\d+/.test(a))).toBe(true);
    // A broken pattern is explained before anything is sent.
    await dialog.getByLabel('Find').fill('([a-z');
    await dialog.getByText(/Not a valid regular expression/).waitFor();
    expect(await dialog.getByRole('button', { name: 'Preview' }).isDisabled()).toBe(true);
    await h.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(gridFocused).toBe(true);
  });

  it('sets a field on a three-row selection and lists refused values with the reason', async () => {
    const top = await cell(6, 'Stock');
    const bottom = await cell(8, 'Stock');
    await top.click();
    await bottom.click({ modifiers: ['Shift'] });
    await h.page.keyboard.press('Control+Shift+E');
    const dialog = h.page.getByRole('dialog', { name: 'Set a field on the selected rows' });
    await dialog.getByText('3 selected rows (rows 6–8) get the same value.').waitFor();
    expect(await dialog.getByLabel('Field').inputValue()).toBe('stock');
    await dialog.getByLabel('Value').fill('42');
    await dialog.getByRole('button', { name: 'Set on 3 rows' }).click();
    await dialog.waitFor({ state: 'detached' });
    for (const r of [6, 7, 8]) {
      await expect.poll(async () => (await cell(r, 'Stock')).textContent()).toBe('42');
      expect(await (await cell(r, 'Stock')).getAttribute('data-dirty')).toBe('true');
    }
    expect(await (await cell(9, 'Stock')).getAttribute('data-dirty')).toBeNull();
    await h.page.getByRole('status').filter({ hasText: 'Set Stock on 3 rows' }).waitFor();

    // The editor follows the field's type: an enum offers its values, a boolean is a checkbox.
    await h.page.keyboard.press('Control+Shift+E');
    await dialog.getByLabel('Field').selectOption('type');
    expect(await dialog.getByLabel('Value').locator('option').allTextContents()).toEqual([
      'simple',
      'configurable',
      'variant',
    ]);
    await dialog.getByLabel('Field').selectOption('active');
    await dialog.getByRole('checkbox', { name: /Active/ }).waitFor();
    await dialog.getByLabel('Field').selectOption('price');
    await dialog.getByLabel('Value').fill('cheap');
    await dialog.getByRole('button', { name: 'Set on 3 rows' }).click();
    const refused = dialog.getByRole('alert');
    await refused.getByText('Price set on 0 rows; 3 refused:').waitFor();
    // The same reason for three rows is said once, with the rows it applies to.
    expect(await refused.locator('li').count()).toBe(1);
    expect(await refused.locator('li').textContent()).toMatch(
      /^price must be a number.*\(got "cheap"\)\.Records: Row 6 · .+; Row 7 · .+; Row 8 · .+$/,
    );
    await h.screenshot('grid-tools-4-set-field-refused');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });
    expect(await (await cell(6, 'Price')).getAttribute('data-dirty')).toBeNull();
  });

  it('narrows the rows with a column filter and a facet, shows chips, clears them', async () => {
    const before = await rowCount();
    const brand = (await (await cell(1, 'Brand')).textContent()) as string;
    await (await cell(1, 'Brand')).click();
    await h.page.keyboard.press('Alt+ArrowDown');
    const popover = h.page.getByRole('dialog', { name: 'Filter Brand' });
    await popover.waitFor();
    await popover.getByLabel('Value').fill(brand);
    await h.screenshot('grid-tools-5-filter-popover');
    await popover.getByRole('button', { name: 'Apply' }).click();
    await popover.waitFor({ state: 'detached' });
    await expect.poll(rowCount).toBeLessThan(before);
    const byBrand = await rowCount();
    expect(byBrand).toBeGreaterThan(0);
    await expect.poll(gridFocused).toBe(true);
    const chips = h.page.getByRole('group', { name: 'Active filters' });
    await chips.getByRole('button', { name: `Remove filter: Brand contains “${brand}”` }).waitFor();
    expect(await (await cell(1, 'Brand')).textContent()).toContain(brand);

    // The category facet suggests values from the sample; a picked value filters by equality.
    const category = (await (await cell(1, 'Category')).textContent()) as string;
    const facet = h.page.getByRole('combobox', { name: 'Category' });
    await facet.fill(category);
    await expect.poll(rowCount).toBeLessThanOrEqual(byBrand);
    await chips.getByRole('button', { name: `Remove filter: Category = “${category}”` }).waitFor();
    await h.screenshot('grid-tools-6-filtered');

    // Removing a chip keeps the other filter; Clear all removes every one.
    await chips.getByRole('button', { name: /Remove filter: Category/ }).click();
    await expect.poll(rowCount).toBe(byBrand);
    expect(await facet.inputValue()).toBe('');
    await chips.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(rowCount).toBe(before);
    await chips.getByText(/No column filters/).waitFor();
    await expect.poll(gridFocused).toBe(true);

    // The popover also sorts, so sorting is reachable from the keyboard.
    const price = h.page.getByRole('columnheader', { name: 'Price', exact: true });
    await (await cell(1, 'Price')).click();
    await h.page.keyboard.press('Alt+ArrowDown');
    await h.page.getByRole('dialog', { name: 'Filter Price' }).getByRole('button', { name: 'Z → A' }).click();
    await expect.poll(() => price.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(gridFocused).toBe(true);
    await h.page.keyboard.press('Alt+ArrowDown');
    await h.page
      .getByRole('dialog', { name: 'Filter Price' })
      .getByRole('button', { name: 'Unsorted' })
      .click();
    await expect.poll(() => price.getAttribute('aria-sort')).toBe('none');

    // Typed text filters by "contains"; nothing matching says so instead of an empty box.
    const brandFacet = h.page.getByRole('combobox', { name: 'Brand' });
    await brandFacet.fill('no such brand');
    await brandFacet.press('Enter');
    await expect.poll(rowCount).toBe(0);
    await h.page.getByText(/No records match the search/).waitFor();
    await chips.getByRole('button', { name: 'Remove filter: Brand contains “no such brand”' }).click();
    await expect.poll(rowCount).toBe(before);
  });

  it('offers every value of a field in its facet, asked from core when the facet gets focus', async () => {
    // A value the grid's sample has never seen: only core's answer can offer it.
    const call = createCaller(h.core.dispatch);
    const first = await call('catalog:queryIds', {
      connectionId: 'demo-wexbo',
      entity: 'products',
      offset: 0,
      limit: 1,
    });
    const edit = await call('edits:setField', { recordIds: first.ids, path: 'brand', value: 'Zeta Sports' });
    expect(edit.changed).toBe(1);
    const brandFacet = h.page.getByRole('combobox', { name: 'Brand' });
    await grid().focus();
    await brandFacet.focus();
    const list = await brandFacet.getAttribute('list');
    await expect
      .poll(() => h.page.locator(`datalist[id="${list}"] option[value="Zeta Sports"]`).count())
      .toBe(1);
    const { values } = await call('catalog:prepareFilter', {
      connectionId: 'demo-wexbo',
      entity: 'products',
      path: 'brand',
    });
    expect(await h.page.locator(`datalist[id="${list}"] option`).count()).toBe(values?.length);
    await call('edits:undo', { connectionId: 'demo-wexbo' });
    await grid().focus();
  });

  it('opens the record panel with fields, images and the edit history', async () => {
    const price = await cell(2, 'Price');
    await price.click();
    await h.page.keyboard.press('Enter');
    await h.page.getByLabel('Edit Price').fill('99.5');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => price.getAttribute('data-dirty')).toBe('true');
    const rows = await h.core.dispatch('catalog:queryRows', {
      connectionId: 'demo-wexbo',
      entity: 'products',
      offset: 1,
      limit: 1,
      paths: ['images', 'name'],
    });
    if (!rows.ok) throw new Error(rows.error.message);
    const record = (rows.value as GridWindow).rows[0];
    if (!record) throw new Error('no second row');
    const remote = record.cells.images as string[];
    await h.core.dispatch('edits:apply', {
      edits: [{ recordId: record.recordId, path: 'images', value: [...remote, PNG] }],
      label: 'Add an image',
    });

    await gutter(2).dblclick();
    const panel = h.page.getByRole('dialog', { name: record.cells.name as string });
    await panel.waitFor();
    const fields = panel.getByRole('table', { name: 'Fields' });
    await fields.getByRole('rowheader', { name: 'translations.de.name', exact: true }).waitFor();
    await fields.getByRole('row', { name: /^price 99\.5 Edited here\. On the remote: / }).waitFor();
    // Remote images are links with their file name (the CSP does not let them load); a data: image is drawn.
    const fileName = remote[0]?.split('/').at(-1) as string;
    const link = panel.getByRole('link', { name: new RegExp(fileName.replace('.', '\\.')) });
    expect(await link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/images\//);
    const img = panel.getByRole('img', {
      name: new RegExp(`image ${remote.length + 1} of ${remote.length + 1}`),
    });
    await img.waitFor();
    expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(2);
    const history = panel.getByRole('table', { name: 'Edit history' });
    await history.getByRole('row', { name: /price .* becomes 99\.5/ }).waitFor();
    await history.getByRole('row', { name: /images/ }).waitFor();
    await h.screenshot('grid-tools-7-record-panel');
    await history.scrollIntoViewIfNeeded();
    await h.screenshot('grid-tools-7b-record-history');

    // Next steps to the following row; Escape closes and gives focus back to the grid.
    await panel.getByRole('button', { name: 'Next ↓' }).click();
    await drawer()
      .getByText(/Row 3 of/)
      .waitFor();
    await h.page.keyboard.press('Escape');
    await drawer().waitFor({ state: 'detached' });
    await expect.poll(gridFocused).toBe(true);

    // Keyboard: Home, ← to the row number, Enter opens the same panel.
    await h.page.keyboard.press('Home');
    await h.page.keyboard.press('ArrowLeft');
    expect(await grid().getAttribute('aria-activedescendant')).toBe('grid-row-2');
    await h.page.keyboard.press('Enter');
    await drawer()
      .getByText(/Row 3 of/)
      .waitFor();
    await h.page.keyboard.press('Escape');
    await expect.poll(gridFocused).toBe(true);
    await h.page.keyboard.press('Control+i');
    await drawer()
      .getByText(/Row 3 of/)
      .waitFor();
    await h.page.keyboard.press('Escape');
  });

  it('explains the active cell in the status line', async () => {
    const price = await cell(2, 'Price');
    await price.click();
    const note = h.page.locator('#grid-cell-note');
    await note.filter({ hasText: 'Edited here, not sent yet' }).waitFor();
    expect(await price.getAttribute('aria-describedby')).toBe('grid-cell-note');
    await h.page.getByText('Row 2 of 300 · Price').waitFor();
    await (await cell(2, 'Id')).click();
    await note.filter({ hasText: /Read-only/ }).waitFor();
  });

  it('shows one language of the multilingual columns', async () => {
    await h.page.getByLabel('Language').selectOption('de');
    await h.page.getByRole('columnheader', { name: 'Name (DE)', exact: true }).waitFor();
    await h.page.getByRole('columnheader', { name: 'Name (EN)', exact: true }).waitFor({ state: 'detached' });
    await h.page.getByRole('columnheader', { name: 'Description (DE)', exact: true }).waitFor();
    const de = await cell(1, 'Name (DE)');
    await de.filter({ hasText: /\S/ }).waitFor();
    // A language column is edited like any other (a nested path).
    await de.click();
    await grid().evaluate((el) => (el.scrollLeft = 0));
    await h.page.keyboard.press('Enter');
    await h.page.getByLabel('Edit Name (DE)').fill('Neuer Name');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => de.textContent()).toBe('Neuer Name');
    expect(await de.getAttribute('data-dirty')).toBe('true');
    await h.screenshot('grid-tools-8-language-de');
    await h.page.getByLabel('Language').selectOption('');
    await h.page.getByRole('columnheader', { name: 'Name (EN)', exact: true }).waitFor();
  });

  it('reads well in the dark theme', async () => {
    await h.core.dispatch('settings:update', { theme: 'dark' });
    await h.page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await (await cell(1, 'Brand')).click();
    await h.page.keyboard.press('Alt+ArrowDown');
    await h.page.getByRole('dialog', { name: 'Filter Brand' }).waitFor();
    await h.screenshot('grid-tools-9-dark-popover');
    await h.page.keyboard.press('Escape');
    await gutter(2).dblclick();
    await drawer()
      .getByText(/Row 2 of/)
      .waitFor();
    await h.screenshot('grid-tools-10-dark-panel');
    await h.page.keyboard.press('Escape');
    await h.core.dispatch('settings:update', { theme: 'light' });
  });

  it('gives ETIM’s multilingual members their own language columns', async () => {
    await h.core.sync.run('demo-etim');
    await h.page.reload();
    await h.page.getByLabel('Connection and entity').selectOption({ label: 'Demo ETIM mapper · products' });
    await h.page.getByRole('columnheader', { name: 'Product Name (EN)', exact: true }).waitFor();
    await h.page.getByLabel('Language').selectOption('pl');
    await h.page.getByRole('columnheader', { name: 'Product Name (PL)', exact: true }).waitFor();
    await h.page
      .getByRole('columnheader', { name: 'Product Name (EN)', exact: true })
      .waitFor({ state: 'detached' });
    await (await cell(1, 'Product Name (PL)')).filter({ hasText: /\S/ }).waitFor();
    await h.screenshot('grid-tools-11-etim-pl');
  });

  it('on a Mac, names Command shortcuts and opens find and replace with Cmd+Option+F (Cmd+H hides the app)', async () => {
    const mac = await h.browser.newPage({
      viewport: { width: 1280, height: 800 },
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
    });
    const errors: string[] = [];
    mac.on('pageerror', (err) => errors.push(err.message));
    try {
      await mac.goto(h.host.url);
      const catalog = mac.getByRole('link', { name: 'Catalog' });
      expect(await catalog.getAttribute('title')).toBe('⌘1');
      expect(await catalog.getAttribute('aria-keyshortcuts')).toBe('Meta+1');
      await catalog.click();
      await mac.getByLabel('Connection and entity').selectOption({ label: 'Demo WEXBO shop · products' });
      const macGrid = mac.getByRole('grid', { name: 'Catalog records' });
      await macGrid.locator('[role="gridcell"]').first().waitFor();
      const tools = mac.getByRole('toolbar', { name: 'Grid tools' });
      const find = tools.getByRole('button', { name: /Find and replace/ });
      expect(await find.getAttribute('title')).toBe('Find and replace (⌘⌥F)');
      expect(await find.getAttribute('aria-keyshortcuts')).toBe('Meta+Alt+F');
      await mac.getByText(/⌘⌥F find and replace · ⇧⌘E set a field/).waitFor();
      await macGrid.locator('[role="gridcell"]').first().click();
      await mac.keyboard.press('Meta+Alt+KeyF');
      const dialog = mac.getByRole('dialog', { name: 'Find and replace' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(errors).toEqual([]);
    } finally {
      await mac.close();
    }
    // Elsewhere the texts say Ctrl.
    const pcFind = h.page
      .getByRole('toolbar', { name: 'Grid tools' })
      .getByRole('button', { name: /Find and replace/ });
    expect(await pcFind.getAttribute('title')).toBe('Find and replace (Ctrl+H)');
  });

  it('logged no console errors', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
