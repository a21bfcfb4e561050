import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../src/shared/rpc';
import type { Caller } from '../../src/shared/rpc';
import { startHarness } from './harness';
import type { Harness } from './harness';

const REASON = 'Locked by the ERP: the price list is frozen until the quarterly review is signed off.';

describe('the Changes screen in Chromium', () => {
  let h: Harness;
  let call: Caller;
  let records: { recordId: number; remoteId: string; label: string }[];

  beforeAll(async () => {
    h = await startHarness({ demo: { products: 200 } });
    await h.core.sync.run('demo-wexbo');
    // The demo server stops limiting; the client still paces itself at 5/s, hence few records.
    h.core.demo!.pim.admin.setWexboLimits({ ratePerSecond: 0 });
    call = createCaller(h.core.dispatch);
    const window = await call('catalog:queryRows', {
      connectionId: 'demo-wexbo',
      entity: 'products',
      offset: 0,
      limit: 4,
    });
    records = window.rows.map((r) => ({
      recordId: r.recordId,
      remoteId: r.remoteId as string,
      label: `products ${r.remoteId}`,
    }));
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const rec = (i: number) => records[i] as (typeof records)[number];
  const row = (i: number) =>
    h.page
      .getByRole('row')
      .filter({ hasText: rec(i).label })
      .first();

  it('lists the pending edits per record with their state', async () => {
    await call('edits:apply', {
      edits: [
        { recordId: rec(0).recordId, path: 'price', value: 41.5 },
        { recordId: rec(0).recordId, path: 'name', value: 'Renamed in the e2e test' },
        { recordId: rec(1).recordId, path: 'price', value: 42.5 },
        { recordId: rec(2).recordId, path: 'price', value: 43.5 },
      ],
      label: 'e2e',
    });
    await h.page.goto(h.host.url);
    await h.page.getByRole('link', { name: 'Changes' }).click();
    for (const i of [0, 1, 2]) await row(i).getByText('queued').waitFor();
    await h.page.getByRole('button', { name: 'Push Demo WEXBO shop now' }).waitFor();
    await h.page.getByText('No conflicts.', { exact: false }).waitFor();
    await h.screenshot('changes-1-pending');
  });

  it('shows the field diff and reverts one field', async () => {
    await h.page.getByRole('button', { name: `Show the changes to ${rec(0).label}` }).click();
    const diff = h.page.getByRole('table', { name: `Changed fields of ${rec(0).label}` });
    await diff.getByRole('cell', { name: 'Renamed in the e2e test' }).waitFor();
    await diff.getByRole('cell', { name: '41.5' }).waitFor();
    const detail = await call('records:get', { recordId: rec(0).recordId });
    const base = detail.base as Record<string, unknown>;
    await diff.getByRole('cell', { name: String(base.name), exact: true }).waitFor();
    await h.screenshot('changes-2-diff');
    await diff.getByRole('button', { name: `Revert name of ${rec(0).label}` }).click();
    await expect
      .poll(async () => (await call('records:get', { recordId: rec(0).recordId })).dirtyPaths)
      .toEqual(['price']);
    await diff.getByRole('cell', { name: 'Renamed in the e2e test' }).waitFor({ state: 'detached' });
  });

  it('pushes now: delivered items become sent, a refused one shows the server’s message in full', async () => {
    h.core.demo!.pim.admin.setRejections('wexbo', [Number(rec(2).remoteId)], REASON);
    await h.page.getByRole('button', { name: 'Push Demo WEXBO shop now' }).click();
    await row(0).getByText('sent', { exact: true }).waitFor({ timeout: 30_000 });
    await row(1).getByText('sent', { exact: true }).waitFor({ timeout: 30_000 });
    await row(2).getByText('rejected', { exact: true }).waitFor({ timeout: 30_000 });
    await row(2).getByText(REASON, { exact: false }).waitFor();
    expect(h.core.demo!.pim.admin.getProduct(Number(rec(1).remoteId))?.price).toBe(42.5);
    await h.page.getByText(/Last push: 2 sent, 1 rejected/).waitFor();
    await h.screenshot('changes-2b-pushed');
    h.core.demo!.pim.admin.setRejections('wexbo', []);
  });

  it('shows base, mine and theirs of a conflict and resolves it with Take theirs', async () => {
    await call('edits:apply', {
      edits: [{ recordId: rec(3).recordId, path: 'price', value: 77 }],
      label: 'e2e',
    });
    h.core.demo!.pim.admin.editProduct(Number(rec(3).remoteId), { price: 88 });
    await h.core.sync.run('demo-wexbo');
    expect((await call('conflicts:list', {})).length).toBe(1);
    const take = h.page.getByRole('button', { name: `Take theirs for ${rec(3).label} · price` });
    await take.waitFor();
    const conflict = h.page.getByRole('row').filter({ has: take });
    await conflict.getByRole('cell', { name: '77', exact: true }).waitFor();
    await conflict.getByRole('cell', { name: '88', exact: true }).waitFor();
    await h.screenshot('changes-3-conflicts');
    await take.click();
    await expect.poll(async () => (await call('conflicts:list', {})).length).toBe(0);
    const resolved = await call('records:get', { recordId: rec(3).recordId });
    // A record that matches the remote again keeps no separate local copy.
    expect((resolved.local ?? resolved.base)?.price).toBe(88);
    await h.page.getByText('No conflicts.', { exact: false }).waitFor();
  });

  it('pauses and resumes pushing', async () => {
    await h.page.getByRole('button', { name: 'Pause pushing to Demo WEXBO shop' }).click();
    await h.page.getByRole('button', { name: 'Resume pushing to Demo WEXBO shop' }).click();
    await h.page.getByRole('button', { name: 'Pause pushing to Demo WEXBO shop' }).waitFor();
  });

  it('logged no console errors', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
