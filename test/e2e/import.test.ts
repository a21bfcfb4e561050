/**
 * The import wizard in Chromium against the web shell and the demo PIM: a supplier CSV for the WEXBO
 * shop dropped on the window (a synthetic drop of a File built in the page), its issues, the row
 * editor fixing the bad cells, "fix and validate again", the dry-run diff, apply, and the edits in
 * Changes; the errors and corrected files downloaded; a Broadleaf CSV and a Wizart CSV + image ZIP
 * picked with the file input and uploaded to the demo importers, their stages followed to the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { createCaller } from '../../src/shared/rpc';
import type { Caller } from '../../src/shared/rpc';
import { broadleafCsv, wizartCsv, wizartZip } from '../integration/imports/fixtures';
import { startHarness } from './harness';
import type { Harness } from './harness';

interface Product {
  recordId: number;
  remoteId: string;
  code: string;
  name: string;
  price: number;
  stock: number | null;
}

const cell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

describe('the import wizard in Chromium', () => {
  let h: Harness;
  let call: Caller;
  let products: Product[];
  let csv: string;

  beforeAll(async () => {
    h = await startHarness({ demo: { products: 60 } });
    await h.core.sync.run('demo-wexbo');
    call = createCaller(h.core.dispatch);
    const window = await call('catalog:queryRows', {
      connectionId: 'demo-wexbo',
      entity: 'products',
      offset: 0,
      limit: 3,
    });
    products = [];
    for (const row of window.rows) {
      const detail = await call('records:get', { recordId: row.recordId });
      const base = detail.base as Record<string, unknown>;
      products.push({
        recordId: row.recordId,
        remoteId: row.remoteId as string,
        code: String(base.code),
        name: typeof base.name === 'string' ? base.name : JSON.stringify(base.name),
        price: Number(base.price),
        stock: (base.stock as number | null | undefined) ?? null,
      });
    }
    const [a, b, c] = products as [Product, Product, Product];
    // Row 1: a changed price; row 2: a new product; row 3: a bad price (its fix equals the mirror);
    // row 4: an empty name (its fix equals the mirror too).
    csv = [
      'code,name,price,stock',
      [a.code, a.name, (a.price + 1).toFixed(2), a.stock].map(cell).join(','),
      ['e2e-new-racket', 'E2E racket', '19.90', '3'].map(cell).join(','),
      [b.code, b.name, 'twelve', b.stock].map(cell).join(','),
      [c.code, '', String(c.price), c.stock].map(cell).join(','),
      '',
    ].join('\n');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const a = () => products[0] as Product;
  const b = () => products[1] as Product;
  const c = () => products[2] as Product;

  it('opens the wizard when a CSV is dropped anywhere on the window', async () => {
    await h.page.goto(h.host.url);
    await h.page.getByRole('link', { name: 'Catalog' }).waitFor();
    await h.page.getByRole('link', { name: 'Import' }).click();
    await h.page.getByRole('heading', { name: 'No files checked yet' }).waitFor();
    await h.screenshot('import-0-empty');
    await h.page.getByRole('link', { name: 'Catalog' }).click();
    // A drag with files shows the overlay on any screen; the drop opens the Import screen.
    // (Scripts as text: this file is type-checked without the DOM library.)
    await h.page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([${JSON.stringify(csv)}], 'supplier-feed.csv', { type: 'text/csv' }));
      window.__dt = dt;
      document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    })()`);
    await h.page.getByText('Drop to check the file').waitFor();
    await h.screenshot('import-1-drop-overlay');
    await h.page.evaluate(
      `document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: window.__dt, bubbles: true, cancelable: true }))`,
    );
    await h.page.getByText('Drop to check the file').waitFor({ state: 'detached' });
    await h.page.getByText('supplier-feed.csv', { exact: true }).waitFor();
    expect(h.page.url()).toContain('#/import');
    await expect.poll(() => h.page.getByLabel('Target connection').inputValue()).toBe('');
    await h.screenshot('import-2-files-and-target');
  });

  it('checks the file and reports the issues by rule and row', async () => {
    await h.page.getByRole('button', { name: 'Check file' }).click();
    await h.page.getByRole('heading', { name: '2 errors to fix before this file goes anywhere' }).waitFor();
    // The connection of the detected template's system becomes the target.
    await h.page.getByText('Matched because the headers are those of WEXBO products.').waitFor();
    const rules = h.page.getByRole('navigation', { name: 'Issues by rule' });
    await rules.getByRole('button', { name: /Not a number\s*price/ }).waitFor();
    await rules.getByRole('button', { name: /Required value missing\s*name/ }).waitFor();
    await h.screenshot('import-3-report');
  });

  it('downloads the errors file and the corrected file', async () => {
    const [errors] = await Promise.all([
      h.page.waitForEvent('download'),
      h.page.getByRole('button', { name: 'Errors file' }).click(),
    ]);
    expect(errors.suggestedFilename()).toBe('supplier-feed-errors.csv');
    const text = readFileSync((await errors.path()) as string, 'utf8');
    expect(text).toContain('Row,Column,Value,Severity,Rule,Message,Fix');
    expect(text).toContain('twelve');
    await h.page.getByText(/Saved supplier-feed-errors\.csv/).waitFor();

    await h.page.getByRole('radio', { name: 'XLSX' }).check();
    const [corrected] = await Promise.all([
      h.page.waitForEvent('download'),
      h.page.getByRole('button', { name: 'Corrected file' }).click(),
    ]);
    expect(corrected.suggestedFilename()).toBe('supplier-feed-corrected.xlsx');
    const bytes = readFileSync((await corrected.path()) as string);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await h.page.getByRole('radio', { name: 'CSV' }).check();
  });

  it('jumps to the bad rows, fixes the cells in place and validates again', async () => {
    await h.page.getByRole('button', { name: 'Show row 3 to fix price' }).click();
    const row3 = h.page.getByRole('group', { name: 'Cells of row 3' });
    const price = row3.getByLabel('price', { exact: true });
    await expect.poll(() => price.inputValue()).toBe('twelve');
    await expect.poll(() => price.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await h.screenshot('import-4-row-editor');
    await price.fill(String(b().price));
    await price.press('Enter');
    await row3.waitFor({ state: 'detached' });

    await h.page.getByRole('button', { name: 'Show row 4 to fix name' }).click();
    const row4 = h.page.getByRole('group', { name: 'Cells of row 4' });
    await row4.getByLabel('name', { exact: true }).fill(c().name);
    await h.page.getByText('2 cells changed').waitFor();
    await h.screenshot('import-5-edits');
    await h.page.getByRole('button', { name: 'Fix and validate again' }).click();
    await h.page.getByRole('heading', { name: /^No errors/ }).waitFor();
    await h.page.getByText('Checked again after fixing 2 cells: 2 errors before, 0 now.').waitFor();
    await h.screenshot('import-6-clean');
  });

  it('previews the changes against the mirror', async () => {
    await h.page.getByRole('button', { name: 'Preview changes' }).click();
    const counts = h.page.getByRole('list', { name: 'Rows by outcome' });
    await counts.getByText('modified').waitFor();
    await expect
      .poll(() => counts.locator('.iw-diffcount--modified .iw-diffcount__n').textContent())
      .toBe('1');
    await expect.poll(() => counts.locator('.iw-diffcount--new .iw-diffcount__n').textContent()).toBe('1');
    await expect
      .poll(() => counts.locator('.iw-diffcount--unchanged .iw-diffcount__n').textContent())
      .toBe('2');
    const modified = h.page.getByRole('tabpanel');
    await modified.getByRole('cell', { name: a().code, exact: true }).waitFor();
    await modified.getByRole('cell', { name: String(a().price), exact: true }).waitFor();
    await modified
      .getByRole('cell', { name: String(Number((a().price + 1).toFixed(2))), exact: true })
      .waitFor();
    await h.screenshot('import-7-preview');
    await h.page.getByRole('tab', { name: /New/ }).click();
    await h.page.getByRole('tabpanel').getByRole('cell', { name: 'e2e-new-racket', exact: true }).waitFor();
    await h.page.getByRole('tab', { name: /Not in the file/ }).click();
    await h.page.getByText(/records of the mirror are not in the file/).waitFor();
  });

  it('applies the rows as edits and shows them in Changes', async () => {
    await h.page.getByRole('button', { name: 'Apply 2 rows as edits' }).click();
    await h.page.getByRole('heading', { name: 'Applied: the edits wait in Changes' }).waitFor();
    await h.screenshot('import-8-applied');
    const outbox = await call('changes:list', {});
    expect(outbox.map((o) => o.op).sort()).toEqual(['create', 'update']);
    await h.page.getByRole('button', { name: 'Open Changes' }).click();
    await h.page.getByRole('heading', { name: 'Changes', exact: true }).waitFor();
    await h.page
      .getByRole('row')
      .filter({ hasText: `products ${a().remoteId}` })
      .getByText('queued')
      .waitFor();
    await h.page.getByRole('cell', { name: 'Create', exact: true }).waitFor();
    await h.screenshot('import-9-changes');
  });

  it('uploads a Broadleaf file to its importer and follows the job to its end', async () => {
    await h.page.getByRole('link', { name: 'Import' }).click();
    await h.page.getByRole('button', { name: 'Check another file' }).first().click();
    await h.page.locator('input[type=file][data-role=any]').setInputFiles({
      name: 'broadleaf-products.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(broadleafCsv()),
    });
    await h.page.getByRole('button', { name: 'Check file' }).click();
    await h.page.getByRole('heading', { name: /^No errors/ }).waitFor();
    await h.page.getByRole('button', { name: 'Continue to upload to Demo Broadleaf importer' }).click();
    await h.page.getByRole('heading', { name: 'Upload to Demo Broadleaf importer' }).waitFor();
    await h.screenshot('import-10-broadleaf-upload');
    await h.page.getByRole('button', { name: 'Upload to Demo Broadleaf importer' }).click();
    await h.page
      .getByRole('heading', { name: /Importing into Demo Broadleaf importer|The import finished/ })
      .waitFor();
    await h.page.getByRole('heading', { name: 'The import finished' }).waitFor({ timeout: 60_000 });
    await h.screenshot('import-11-broadleaf-done');
    const jobs = await call('imports:listJobs', { connectionId: 'demo-broadleaf' });
    expect(jobs[0]).toMatchObject({ fileName: 'broadleaf-products.csv', status: 'succeeded' });
  });

  it('uploads a Wizart CSV with its image ZIP and watches the stages', async () => {
    await h.page.getByRole('button', { name: 'Check another file' }).first().click();
    await h.page.locator('input[type=file][data-role=any]').setInputFiles([
      { name: 'wallpapers.csv', mimeType: 'text/csv', buffer: Buffer.from(wizartCsv()) },
      { name: 'wallpapers-images.zip', mimeType: 'application/zip', buffer: wizartZip() },
    ]);
    await h.page.getByText('wallpapers-images.zip', { exact: true }).waitFor();
    await h.page.getByRole('button', { name: 'Check file' }).click();
    await h.page.getByRole('heading', { name: /^No errors/ }).waitFor();
    await h.page.getByText(/3 files in the ZIP · 3 used by rows/).waitFor();
    await h.page.getByRole('button', { name: 'Continue to upload to Demo Wizart' }).click();
    await h.page.getByRole('button', { name: 'Upload to Demo Wizart' }).click();
    await h.page.getByRole('heading', { name: 'Importing into Demo Wizart' }).waitFor();
    // A stage after the upload is seen live before the end.
    await h.page
      .getByText(/Validating the CSV|Unpacking the archive|Checking images|Waiting in the queue/)
      .first()
      .waitFor({ timeout: 30_000 });
    await h.screenshot('import-12-wizart-stages');
    await h.page.getByRole('heading', { name: /The import finished/ }).waitFor({ timeout: 90_000 });
    await h.screenshot('import-13-wizart-done');
    const jobs = await call('imports:listJobs', { connectionId: 'demo-wizart' });
    expect(jobs[0]?.status).toMatch(/succeeded|warning/);
  }, 150_000);

  it('shows a long check’s progress and first issues live, and cancels it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Products');
    ws.addRow(['code', 'name', 'price', 'stock']);
    for (let i = 1; i <= 60_000; i++)
      ws.addRow([`bulk-${i}`, `Bulk product ${i}`, i % 40 === 0 ? 'n/a' : (i % 500) + 0.99, i % 100]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    await h.page.getByRole('button', { name: 'Check another file' }).first().click();
    await h.page.locator('input[type=file][data-role=any]').setInputFiles({
      name: 'bulk-feed.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    await h.page.getByText('bulk-feed.xlsx', { exact: true }).waitFor();
    // "Check file" has the focus: Enter starts the check.
    await h.page.keyboard.press('Enter');
    await h.page.getByRole('heading', { name: 'Checking bulk-feed.xlsx' }).waitFor();
    await h.page.getByRole('table', { name: 'First issues found' }).getByText('n/a').first().waitFor();
    await h.screenshot('import-14-progress');
    await h.page.getByRole('button', { name: 'Cancel' }).click();
    await h.page.getByRole('heading', { name: 'The check was cancelled' }).waitFor();
    await h.screenshot('import-15-cancelled');
  });

  it('shows the history and is readable in the dark theme', async () => {
    await h.page.getByRole('heading', { name: 'History' }).scrollIntoViewIfNeeded();
    await h.page
      .getByRole('button', { name: /Open the report of supplier-feed\.csv/ })
      .first()
      .waitFor();
    await call('settings:update', { theme: 'dark' });
    await expect.poll(() => h.page.evaluate(`document.documentElement.dataset.theme`)).toBe('dark');
    await h.screenshot('import-16-history-dark');
    await h.page
      .getByRole('button', { name: /Open the report of supplier-feed\.csv/ })
      .first()
      .click();
    await h.page
      .getByRole('heading', { name: /errors to fix|No errors/ })
      .first()
      .waitFor();
    await h.page.evaluate(`document.querySelector('.main')?.scrollTo(0, 0)`);
    await h.screenshot('import-17-report-dark');
    await call('settings:update', { theme: 'light' });
  });

  it('logged no console errors', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
