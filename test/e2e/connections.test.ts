import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../src/shared/rpc';
import type { Caller } from '../../src/shared/rpc';
import { startHarness } from './harness';
import type { Harness } from './harness';

const NAME = 'Shop on the demo PIM';
const RENAMED = 'Main shop (demo PIM)';

describe('the Connections screen in Chromium', () => {
  let h: Harness;
  let call: Caller;
  let wexboUrl: string;
  let token: string;

  beforeAll(async () => {
    h = await startHarness({ demo: { products: 100 } });
    call = createCaller(h.core.dispatch);
    wexboUrl = h.core.demo!.pim.urls.wexbo;
    token = h.core.demo!.pim.credentials.wexbo.token;
  });
  afterAll(async () => {
    await h?.close();
  });

  const dialog = (name: string | RegExp) => h.page.getByRole('dialog', { name });
  /** The label (or text) of the focused element. */
  const focused = () =>
    h.page.evaluate<string>(
      '(() => { const el = document.activeElement; return el ? (el.labels?.[0]?.textContent ?? el.textContent ?? "").trim() : ""; })()',
    );
  const row = (name: string) => h.page.getByRole('row').filter({ hasText: name });

  it('lists the demo connections, marked Demo, with their actions', async () => {
    await h.page.goto(h.host.url);
    await h.page.getByRole('link', { name: 'Connections' }).click();
    await h.page.getByRole('button', { name: 'Test Demo WEXBO shop' }).waitFor();
    await h.page.getByText('Connections marked Demo talk to the demo PIM', { exact: false }).waitFor();
    expect(await h.page.getByRole('row').filter({ hasText: 'Demo' }).count()).toBe(5);
    await h.screenshot('connections-1-list');
  });

  it('tests a connection from its row and shows the server’s answer', async () => {
    await h.page.getByRole('button', { name: 'Test Demo WEXBO shop' }).click();
    await row('Demo WEXBO shop')
      .getByText('answered and accepted the credentials', { exact: false })
      .waitFor();
  });

  it('shows the details of a connection', async () => {
    await h.page.getByRole('button', { name: 'Demo WEXBO shop', exact: true }).click();
    await h.page.getByText('Nothing mirrored yet', { exact: false }).waitFor();
    await h.page.getByRole('button', { name: 'Demo WEXBO shop', exact: true }).click();
    await h.page.getByText('Nothing mirrored yet', { exact: false }).waitFor({ state: 'detached' });
  });

  it('refuses an empty form and an address that is not HTTPS, next to the field', async () => {
    await h.page.getByRole('button', { name: 'Add connection' }).click();
    const form = dialog('Add a connection');
    await form.waitFor();
    // Focus starts in the form, on the first field.
    expect(await focused()).toBe('System');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByText('Give the connection a name.').waitFor();
    await form.getByText('Enter the address of the API.').waitFor();
    expect(await form.getByLabel('API token').getAttribute('aria-invalid')).toBe('true');
    await h.screenshot('connections-2-form-errors');

    await form.getByLabel('Name').fill(NAME);
    await form.getByLabel('Address').fill('http://pim.example.com/api');
    await form.getByLabel('API token').fill(token);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    // Core's own check (shared with the CLI), shown by the address field.
    const address = form.getByLabel('Address');
    await form.getByText('is not HTTPS', { exact: false }).waitFor();
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await address.getAttribute('aria-describedby')).toContain('error');
    expect((await call('connections:list', {})).some((c) => c.name === NAME)).toBe(false);
  });

  it('adds a WEXBO connection to the demo PIM and tests it: success', async () => {
    // Once saved, the same dialog edits the new connection.
    const form = h.page.getByRole('dialog');
    await form.getByLabel('Address').fill(wexboUrl);
    // The secret was kept in the field while the address was fixed.
    await form.getByRole('button', { name: 'Save and test' }).click();
    await form.getByText('Connected.').waitFor({ timeout: 30_000 });
    await dialog(`Edit ${NAME}`).waitFor();
    await form.getByText(`${NAME} answered and accepted the credentials.`).waitFor();
    await h.screenshot('connections-3-tested-ok');
    const created = (await call('connections:list', {})).find((c) => c.name === NAME);
    expect(created).toMatchObject({ kind: 'wexbo', baseUrl: wexboUrl, demo: false });
    // Secrets never come back: not in the list, not in the form.
    expect(JSON.stringify(created)).not.toContain(token);
    expect(await form.getByLabel('API token').inputValue()).toBe('');
    await form.getByRole('button', { name: 'Close', exact: true }).last().click();
    await form.waitFor({ state: 'detached' });
    await row(NAME).getByRole('cell', { name: 'WEXBO', exact: true }).waitFor();
  });

  it('edits it: the token field stays empty to keep the stored one', async () => {
    await h.page.getByRole('button', { name: `Edit ${NAME}` }).click();
    const form = dialog(`Edit ${NAME}`);
    await form.waitFor();
    const tokenField = form.getByLabel('API token');
    expect(await tokenField.inputValue()).toBe('');
    expect(await tokenField.getAttribute('placeholder')).toBe('Leave empty to keep');
    await form.getByText('Leave empty to keep the stored one.', { exact: false }).waitFor();
    await h.screenshot('connections-4-edit');
    await form.getByLabel('Name').fill(RENAMED);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await h.page.getByRole('status', { name: 'Notifications' }).getByText(`Saved ${RENAMED}`).waitFor();
    await row(RENAMED).waitFor();
    // The stored token was kept: the connection still works.
    const conn = (await call('connections:list', {})).find((c) => c.name === RENAMED)!;
    expect(await call('connections:test', { connectionId: conn.id })).toMatchObject({ ok: true });
  });

  it('a wrong token gives the server’s failure message', async () => {
    await h.page.getByRole('button', { name: `Edit ${RENAMED}` }).click();
    const form = dialog(`Edit ${RENAMED}`);
    await form.getByLabel('API token').fill('not-the-right-token');
    await form.getByRole('button', { name: 'Save and test' }).click();
    await form.getByText('Connection failed.').waitFor({ timeout: 30_000 });
    await form.getByText('refused the credentials (401)', { exact: false }).waitFor();
    await h.screenshot('connections-5-tested-wrong-token');
    // Escape closes the dialog like Cancel.
    await h.page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    // A sync with the refused token stops the connection and says why, in its row.
    await h.page.getByRole('button', { name: `Sync ${RENAMED} now` }).click();
    await row(RENAMED).getByText('stopped', { exact: true }).waitFor({ timeout: 30_000 });
    await h.page
      .getByText(`Last sync of ${RENAMED}: The remote refused the credentials (401).`, { exact: false })
      .waitFor();
    await h.screenshot('connections-5b-stopped');
  });

  it('a demo connection can only be renamed, and says so', async () => {
    await h.page.getByRole('button', { name: 'Edit Demo WEXBO shop' }).click();
    const form = dialog('Edit Demo WEXBO shop');
    await form.getByText('Demo connection:', { exact: false }).waitFor();
    expect(await form.getByLabel('Address').isDisabled()).toBe(true);
    expect(await form.getByLabel('API token').isDisabled()).toBe(true);
    expect(await form.getByLabel('Name').isDisabled()).toBe(false);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('removes it after a confirmation', async () => {
    await h.page.getByRole('button', { name: `Remove ${RENAMED}` }).click();
    const confirm = h.page.getByRole('alertdialog', { name: `Remove ${RENAMED}?` });
    await confirm.getByText('The remote system is not changed.', { exact: false }).waitFor();
    await h.screenshot('connections-6-remove');
    // Cancel is where focus starts: Enter on a stray keypress never deletes.
    expect(await focused()).toBe('Cancel');
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await row(RENAMED).waitFor({ state: 'detached' });
    await h.page.getByRole('status', { name: 'Notifications' }).getByText(`Removed ${RENAMED}`).waitFor();
    expect((await call('connections:list', {})).some((c) => c.name === RENAMED)).toBe(false);
  });

  it('offers the right credential fields for every kind', async () => {
    await h.page.getByRole('button', { name: 'Add connection' }).click();
    const form = dialog('Add a connection');
    const kinds: [string, string[]][] = [
      ['ETIM mapper', ['User name', 'Password']],
      ['PrintXpand', ['Consumer key', 'Consumer secret', 'Access token', 'Access token secret']],
      ['Wizart', ['API token']],
      ['Broadleaf', ['Admin user', 'Password']],
    ];
    for (const [kind, labels] of kinds) {
      await form.getByLabel('System').selectOption({ label: kind });
      for (const label of labels) await form.getByLabel(label, { exact: true }).waitFor();
    }
    await form.getByText('More settings').click();
    await form.getByLabel('Server time zone (optional)').waitFor();
    await h.screenshot('connections-7-broadleaf-form');
    await call('settings:update', { theme: 'dark' });
    await expect.poll(() => h.page.locator('html').getAttribute('data-theme')).toBe('dark');
    await h.screenshot('connections-8-form-dark');
    await call('settings:update', { theme: 'system' });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('logged no console errors', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
