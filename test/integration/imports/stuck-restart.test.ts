/**
 * What makes the tracker trustworthy over hours: stuck jobs (no progress for the `stuckJobMinutes`
 * setting) flagged, still polled, and back to running when they move; cancelling; a restart in the
 * middle of Wizart and Broadleaf imports (the core closed and created again on the same data folder)
 * after which the jobs are followed to their end; and failed polls backing off, Retry-After honoured.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WIZART_STAGES } from '../../../src/core/connectors/wizart';
import { forceBroadleafNextImport, setBroadleafTiming } from '../../../src/core/demo-pim/broadleaf';
import type { ImportJobSummary } from '../../../src/core/imports';
import { updateSettings } from '../../../src/core/settings';
import { startImportHarness } from './harness';
import type { ImportHarness, RecordedEvent } from './harness';
import { broadleafCsv, evenWizartStages, quickBroadleaf, wizartFiles } from './fixtures';

let h: ImportHarness;

beforeEach(async () => {
  h = await startImportHarness();
  quickBroadleaf(h);
});
afterEach(async () => {
  await h.close();
});

const updatesOf = (jobId: number): (RecordedEvent & { event: 'job:updated' })[] =>
  h.events.filter(
    (e): e is RecordedEvent & { event: 'job:updated' } => e.event === 'job:updated' && e.payload.id === jobId,
  );

const statusesOf = (jobId: number) =>
  updatesOf(jobId)
    .map((e) => e.payload.status)
    .filter((s, i, all) => all[i - 1] !== s);

const polls = (system: 'wizart' | 'broadleaf') =>
  Object.entries(h.pim.admin.counters(system).byEndpoint)
    .filter(([endpoint]) => endpoint.startsWith('GET'))
    .reduce((sum, [, n]) => sum + n, 0);

async function startWizart(tag = 'products'): Promise<ImportJobSummary> {
  const { csv, zip } = wizartFiles(h, undefined, tag);
  return h.tracker.start('Wizart', { files: [{ path: csv }], images: { path: zip } });
}

/**
 * Follows a job until `when` holds for an update, or it ends (so a test whose condition never comes
 * fails on its assertion instead of hanging); the follow itself goes on, or is rejected at close.
 */
function reach(jobId: number, when: (j: ImportJobSummary) => boolean) {
  let onReached: (j: ImportJobSummary) => void = () => undefined;
  const reached = new Promise<ImportJobSummary>((resolve) => (onReached = resolve));
  const ended = (j: ImportJobSummary) => !['running', 'stuck'].includes(j.status);
  const following = h.tracker.follow(jobId, { onUpdate: (j) => (when(j) || ended(j)) && onReached(j) });
  return { reached, following };
}

describe('stuck jobs', () => {
  it('flags a job with no progress for stuckJobMinutes and clears the flag when it moves again', async () => {
    // The Wizart queue holds the job for 40 minutes (the setting says 15 is stuck); then it
    // imports for 5 minutes, long enough to be seen running again.
    evenWizartStages(h, 2000, { waiting_queue: 40 * 60_000, importing_data: 5 * 60_000 });
    const job = await startWizart();
    const done = await h.tracker.follow(job.id);
    expect(done).toMatchObject({ status: 'succeeded', stage: 'success' });
    expect(statusesOf(job.id)).toEqual(['running', 'stuck', 'running', 'succeeded']);

    const stuck = h.events.filter((e) => e.event === 'job:stuck');
    expect(stuck).toHaveLength(1);
    expect(stuck[0]!.payload).toMatchObject({
      title: 'Import of products.csv is stuck',
      job: { id: job.id, status: 'stuck', stage: 'waiting_queue' },
    });
    expect(stuck[0]!.payload.message).toMatch(
      /^No progress for 15 minutes \(still at "waiting_queue" since /,
    );
    const flaggedAt = updatesOf(job.id).find((e) => e.payload.status === 'stuck')!;
    const since = Date.parse(flaggedAt.payload.lastProgressAt);
    expect(flaggedAt.at - since).toBeGreaterThanOrEqual(15 * 60_000);
    // It was never dropped: polled at most once a minute while stuck, and the recovery was seen.
    expect(
      updatesOf(job.id).some((e) => e.payload.stage === 'importing_data' && e.payload.status === 'running'),
    ).toBe(true);
    expect(polls('wizart')).toBeLessThan(80);
  });

  it('keeps polling a job that never moves, and cancel stops following it with a clear message', async () => {
    await updateSettings(h.core.store.db, { stuckJobMinutes: 5 }, h.time.now);
    forceBroadleafNextImport(h.demoDb, { outcome: 'stuck', percent: 40 });
    const job = await h.tracker.start('Broadleaf', { files: [{ path: h.file('p.csv', broadleafCsv()) }] });
    const { reached, following } = reach(job.id, (j) => j.status === 'stuck');
    const stuck = await reached;
    expect(stuck).toMatchObject({ status: 'stuck', stage: 'IN_PROCESS', percent: 40 });
    expect(stuck.message).toMatch(/^No progress for 5 minutes/);

    const before = polls('broadleaf');
    expect(await h.tracker.poll({ all: true })).toBe(1);
    expect(polls('broadleaf')).toBeGreaterThan(before);
    expect((await h.tracker.getJob(job.id)).status).toBe('stuck');

    const cancelled = await h.tracker.cancel(job.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', nextPollAt: null });
    expect(cancelled.message).toMatch(/cannot cancel|no way to cancel/);
    expect(await following).toMatchObject({ id: job.id, status: 'cancelled' });
    expect(await h.tracker.poll({ all: true })).toBe(0);
    expect(h.events.filter((e) => e.event === 'job:stuck')).toHaveLength(1);
    // Cancelling is the user's own doing: no completion notice.
    expect(h.events.some((e) => e.event === 'job:finished')).toBe(false);
  });
});

describe('restart', () => {
  it('resumes following Wizart and Broadleaf jobs after the core is closed and created again', async () => {
    evenWizartStages(h, 20_000);
    setBroadleafTiming(h.demoDb, { startDelayMs: 2000, minProcessMs: 120_000 });
    const wizart = await startWizart();
    const broadleaf = await h.tracker.start('Broadleaf', {
      files: [{ path: h.file('p.csv', broadleafCsv()) }],
    });
    // Anywhere in the three middle stages (a quiet stretch of polls may step over one of them).
    const middle = ['unpacking_archive', 'checking_images', 'waiting_queue'];
    const first = reach(wizart.id, (j) => middle.includes(j.stage));
    expect(middle).toContain((await first.reached).stage);

    let whileOff: ReturnType<ImportHarness['readJobsFile']> = [];
    await h.restart(() => {
      whileOff = h.readJobsFile();
      // The app is off for 10 s; the remote jobs go on.
      h.time.advance(10_000);
    });
    await expect(first.following).rejects.toThrow(/closing/);
    expect(whileOff.map((j) => [j.id, j.status])).toEqual([
      [wizart.id, 'running'],
      [broadleaf.id, 'running'],
    ]);
    const historyOff = (JSON.parse(whileOff[0]!.details) as { history: { stage: string }[] }).history;
    expect(historyOff.map((x) => x.stage)).not.toContain('importing_data');
    expect(await h.tracker.resume()).toBe(2);

    const [w, b] = await Promise.all([h.tracker.follow(wizart.id), h.tracker.follow(broadleaf.id)]);
    expect(w).toMatchObject({ status: 'succeeded', stage: 'success' });
    // One timeline across the restart: stages in order (a quiet stretch may skip one), new ones added.
    const stages = w.history.map((x) => x.stage);
    const order = [...WIZART_STAGES, 'success'];
    expect(stages.map((x) => order.indexOf(x))).toEqual(
      [...stages.map((x) => order.indexOf(x))].sort((a, b) => a - b),
    );
    expect(stages.slice(0, historyOff.length)).toEqual(historyOff.map((x) => x.stage));
    expect(stages.length).toBeGreaterThan(historyOff.length + 1);
    expect(b).toMatchObject({ status: 'succeeded', stage: 'COMPLETED', percent: 100 });
    const finished = h.events.filter((e) => e.event === 'job:finished').map((e) => e.payload.job.id);
    expect(finished.sort()).toEqual([wizart.id, broadleaf.id].sort());
    expect(await h.tracker.resume()).toBe(0);
  });
});

describe('failed polls', () => {
  it('honours Retry-After on a 429, survives a reset connection and still ends the job', async () => {
    evenWizartStages(h, 5000);
    const job = await startWizart();
    h.pim.admin.failNext('wizart', 1, { status: 429, retryAfter: 45 });
    h.pim.admin.failNext('wizart', 1, 'reset');
    const done = await h.tracker.follow(job.id);
    expect(done).toMatchObject({ status: 'succeeded', lastPollError: null });
    const failures = updatesOf(job.id).filter((e) =>
      e.payload.message?.startsWith('Checking the job failed'),
    );
    expect(failures.length).toBeGreaterThanOrEqual(2);
    const limited = failures.find((e) => /429/.test(e.payload.message ?? ''))!;
    expect(Date.parse(limited.payload.nextPollAt!) - limited.at).toBeGreaterThanOrEqual(45_000);
    expect(limited.payload.message).toMatch(/Next check in 45 s\.$/);
  });

  it('retries an upload the remote refused with 503 before acting, once', async () => {
    h.pim.admin.failNext('broadleaf', 1, { status: 503, retryAfter: 2 });
    const job = await h.tracker.start('Broadleaf', { files: [{ path: h.file('p.csv', broadleafCsv()) }] });
    expect(job.status).toBe('running');
    const posts = Object.entries(h.pim.admin.counters('broadleaf').byEndpoint)
      .filter(([endpoint]) => endpoint.startsWith('POST'))
      .reduce((sum, [, n]) => sum + n, 0);
    expect(posts).toBe(2);
    expect(await h.tracker.follow(job.id)).toMatchObject({ status: 'succeeded' });
  });

  it('records a refused upload as a failed job, and a job the remote forgot as failed', async () => {
    h.pim.admin.failNext('broadleaf', 1, { status: 400, message: 'Bad importSpecification' });
    const refused = await h.tracker.start('Broadleaf', {
      files: [{ path: h.file('p.csv', broadleafCsv()) }],
    });
    expect(refused).toMatchObject({ status: 'failed', remoteId: null, stage: 'uploading' });
    expect(refused.message).toMatch(/^The remote refused the upload: /);

    const job = await h.tracker.start('Broadleaf', { files: [{ path: h.file('q.csv', broadleafCsv()) }] });
    h.pim.admin.failNext('broadleaf', 1, { status: 404 });
    expect(await h.tracker.follow(job.id)).toMatchObject({ status: 'failed' });
    expect((await h.tracker.getJob(job.id)).message).toMatch(/no longer knows this job/);
  });

  it('backs off for minutes when the remote refuses the credentials while polling', async () => {
    evenWizartStages(h, 5000);
    const job = await startWizart();
    h.pim.admin.failNext('wizart', 1, { status: 401 });
    const done = await h.tracker.follow(job.id);
    expect(done.status).toBe('succeeded');
    const refused = updatesOf(job.id).find((e) => /401/.test(e.payload.message ?? ''))!;
    expect(refused.payload.message).toMatch(/Next check in 10 min\.$/);
    expect(Date.parse(refused.payload.nextPollAt!) - refused.at).toBeGreaterThanOrEqual(10 * 60_000);
  });
});
