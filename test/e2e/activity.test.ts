import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forceWizartNextImport } from '../../src/core/demo-pim/wizart';
import { createCaller } from '../../src/shared/rpc';
import type { Caller } from '../../src/shared/rpc';
import { wizartCsv, wizartZip } from '../integration/imports/fixtures';
import { startHarness } from './harness';
import type { Harness } from './harness';

describe('the Activity screen in Chromium', () => {
  let h: Harness;
  let call: Caller;
  let demoDb: Database.Database;

  beforeAll(async () => {
    h = await startHarness({ demo: { products: 2000 } });
    call = createCaller(h.core.dispatch);
    // The demo PIM's own database, for its scenario hooks (a job that never moves).
    demoDb = new Database(h.core.demo!.pim.dataFile);
  });
  afterAll(async () => {
    demoDb?.close();
    await h?.close();
  });

  const notifications = () => h.page.getByRole('status', { name: 'Notifications' });

  /** A real Wizart upload: a CSV and its ZIP of images, written to the test's data folder. */
  async function startWizartImport(name: string) {
    const csv = join(h.dataDir, `${name}.csv`);
    const zip = join(h.dataDir, `${name}-images.zip`);
    writeFileSync(csv, wizartCsv());
    writeFileSync(zip, wizartZip());
    return h.core.imports.start('demo-wizart', { files: [{ path: csv }], images: { path: zip } });
  }

  it('starts empty', async () => {
    await h.page.goto(h.host.url);
    await h.page.getByRole('link', { name: 'Activity' }).click();
    await h.page.getByText('No activity yet').waitFor();
  });

  it('shows a running sync with its progress, rate and time left, then the finished entry', async () => {
    await call('sync:start', { connectionId: 'demo-wexbo' });
    const running = h.page.getByRole('listitem', { name: 'Sync Demo WEXBO shop' });
    await running.getByRole('progressbar', { name: 'Progress of Sync Demo WEXBO shop' }).waitFor();
    await running.getByText(/[\d,]+ of [\d,]+/).waitFor();
    await running.getByText(/per second/).waitFor();
    await running.getByRole('button', { name: 'Cancel Sync Demo WEXBO shop' }).waitFor();
    await h.screenshot('activity-1-sync-running');

    const finished = h.page.getByRole('row').filter({ hasText: 'Sync Demo WEXBO shop' });
    await finished.getByText('succeeded', { exact: true }).waitFor({ timeout: 90_000 });
    await finished.getByText(/2,?000 records/).waitFor();
    await running.waitFor({ state: 'detached' });
    await h.page.getByText('Nothing is running.', { exact: false }).waitFor();
    await h.screenshot('activity-2-sync-finished');
  });

  it('follows a Wizart import through every stage to the end, with a toast', async () => {
    const job = await startWizartImport('wallpapers');
    const card = h.page.getByRole('article', { name: 'Import of wallpapers.csv' });
    const stages = card.getByRole('list', { name: 'Stages of Import of wallpapers.csv' });
    await stages.waitFor();
    expect(await stages.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('Uploading files'),
      expect.stringContaining('Validating the CSV'),
      expect.stringContaining('Unpacking the archive'),
      expect.stringContaining('Checking images'),
      expect.stringContaining('Waiting in the queue'),
      expect.stringContaining('Importing data'),
      expect.stringContaining('Finished'),
    ]);
    // Mid-way: one step is the current one, the ones before it are done.
    await stages.locator('[aria-current="step"]').waitFor();
    await card.getByText('Waiting in the queue · 67%').waitFor({ timeout: 30_000 });
    await h.screenshot('activity-3-import-running');

    await card.getByText('succeeded', { exact: true }).waitFor({ timeout: 60_000 });
    const steps = await stages.getByRole('listitem').allTextContents();
    expect(steps.at(-1)).toContain('Success');
    for (const step of steps) expect(step).toContain(': done');
    expect(await stages.locator('[aria-current="step"]').count()).toBe(0);
    await notifications().getByText('Import of wallpapers.csv succeeded').waitFor();
    await h.screenshot('activity-4-import-finished');
    const toast = notifications().getByRole('listitem').filter({ hasText: 'wallpapers.csv succeeded' });
    await toast.getByRole('button', { name: 'Dismiss: Import of wallpapers.csv succeeded' }).click();
    await toast.waitFor({ state: 'detached' });
    expect((await call('imports:getJob', { jobId: job.id })).status).toBe('succeeded');
  });

  it('warns about a stuck job and stops following it after a confirmation', async () => {
    forceWizartNextImport(demoDb, { status: 'stuck', stage: 'waiting_queue' });
    const job = await startWizartImport('stuck-wallpapers');
    const card = h.page.getByRole('article', { name: 'Import of stuck-wallpapers.csv' });
    await card.getByText('Waiting in the queue · 67%').waitFor({ timeout: 30_000 });
    // Twenty minutes pass without progress (more than the 15 the settings allow) at the next poll.
    const ago = new Date(Date.now() - 20 * 60_000).toISOString();
    await expect
      .poll(
        async () => {
          h.core.store.sqlite
            .prepare('UPDATE import_job SET last_progress_at = ? WHERE id = ?')
            .run(ago, job.id);
          await h.core.imports.poll({ all: true });
          return (await call('imports:getJob', { jobId: job.id })).status;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('stuck');
    await card.getByText('This job has stopped moving').waitFor();
    // In words and local time, not core's stage code and ISO time.
    await card.getByText(/No progress for 2\d min: still at “Waiting in the queue” since/).waitFor();
    await card.getByText('stuck', { exact: true }).waitFor();
    await card.locator('.activity-step--stuck[aria-current="step"]').waitFor();
    await notifications().getByText('Import of stuck-wallpapers.csv is stuck').waitFor();
    await h.screenshot('activity-5-import-stuck');

    await card.getByRole('button', { name: 'Stop following Import of stuck-wallpapers.csv' }).click();
    const confirm = h.page.getByRole('alertdialog', {
      name: 'Stop following Import of stuck-wallpapers.csv?',
    });
    await confirm.getByText('has no way to cancel an import', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Stop following' }).click();
    await confirm.waitFor({ state: 'detached' });
    await card.getByText('not followed', { exact: true }).waitFor();
    // The stuck warning is out of date once the job is no longer followed.
    await notifications().getByText('Import of stuck-wallpapers.csv is stuck').waitFor({ state: 'detached' });
    await card.getByRole('button', { name: /Stop following/ }).waitFor({ state: 'detached' });
    expect((await call('imports:getJob', { jobId: job.id })).status).toBe('cancelled');
    await h.screenshot('activity-6-import-not-followed');
  });

  it('reads well in the dark theme', async () => {
    await call('settings:update', { theme: 'dark' });
    await expect.poll(() => h.page.locator('html').getAttribute('data-theme')).toBe('dark');
    await h.page
      .getByRole('article', { name: 'Import of wallpapers.csv' })
      .getByText('Success · 100%')
      .waitFor();
    await h.screenshot('activity-7-dark');
    await call('settings:update', { theme: 'system' });
  });

  it('logged no console errors', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
