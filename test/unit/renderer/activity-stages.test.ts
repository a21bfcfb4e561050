/** The stage timeline the Activity screen draws for each remote's jobs. */
import { describe, expect, it } from 'vitest';
import { jobSteps, stuckText } from '../../../src/renderer/src/screens/activity/stages';
import type { StageChange } from '../../../src/shared/import-jobs';

const WIZART = [
  'uploading_files',
  'validating_csv',
  'unpacking_archive',
  'checking_images',
  'waiting_queue',
  'importing_data',
];

const at = (i: number) => new Date(Date.UTC(2025, 5, 2, 8, 0, i)).toISOString();
const history = (stages: string[], last: StageChange['status'] = 'running'): StageChange[] =>
  stages.map((stage, i) => ({
    stage,
    status: i === stages.length - 1 ? last : 'running',
    percent: null,
    at: at(i),
  }));
const states = (steps: ReturnType<typeof jobSteps>) => steps.map((s) => `${s.key}:${s.state}`);

describe('jobSteps', () => {
  it('Wizart, running: the stages behind are done, the current one marked, the rest ahead', () => {
    const steps = jobSteps(
      { system: 'wizart', stage: 'checking_images', status: 'running', percent: 50, finishedAt: null },
      history(['uploading_files', 'checking_images']),
    );
    expect(states(steps)).toEqual([
      'uploading_files:done',
      'validating_csv:done',
      'unpacking_archive:done',
      'checking_images:current',
      'waiting_queue:upcoming',
      'importing_data:upcoming',
      'end:upcoming',
    ]);
    expect(steps[3]).toMatchObject({ label: 'Checking images', percent: 50, at: at(1) });
    expect(steps[1]?.at).toBeNull();
    expect(steps.at(-1)?.label).toBe('Finished');
  });

  it('Wizart, succeeded: every step done, the end says Success with its time', () => {
    const steps = jobSteps(
      { system: 'wizart', stage: 'success', status: 'succeeded', percent: 100, finishedAt: at(9) },
      history([...WIZART, 'success'], 'succeeded'),
    );
    expect(steps.map((s) => s.state)).toEqual(Array(7).fill('done'));
    expect(steps.at(-1)).toMatchObject({ label: 'Success', at: at(9) });
  });

  it('Wizart, failed at checking_images: that step failed, the later ones not reached', () => {
    const steps = jobSteps(
      { system: 'wizart', stage: 'failure', status: 'failed', percent: null, finishedAt: at(5) },
      history([...WIZART.slice(0, 4), 'failure'], 'failed'),
    );
    expect(states(steps)).toEqual([
      'uploading_files:done',
      'validating_csv:done',
      'unpacking_archive:done',
      'checking_images:failed',
      'waiting_queue:skipped',
      'importing_data:skipped',
      'end:failed',
    ]);
    expect(steps.at(-1)?.label).toBe('Failed');
  });

  it('a refused upload: the stage only PIM Steward knows comes first, and failed', () => {
    const steps = jobSteps(
      { system: 'wizart', stage: 'uploading', status: 'failed', percent: null, finishedAt: at(0) },
      [],
    );
    expect(states(steps).slice(0, 2)).toEqual(['uploading:failed', 'uploading_files:skipped']);
    expect(steps[0]?.label).toBe('Uploading');
  });

  it('Broadleaf, importing: the percent is on the current step; warnings end in a warning step', () => {
    const running = jobSteps(
      { system: 'broadleaf', stage: 'IN_PROCESS', status: 'running', percent: 42.5, finishedAt: null },
      history(['START_REQUESTED', 'IN_PROCESS']),
    );
    expect(states(running)).toEqual(['START_REQUESTED:done', 'IN_PROCESS:current', 'end:upcoming']);
    expect(running[1]).toMatchObject({ label: 'Importing', percent: 42.5 });
    const warned = jobSteps(
      { system: 'broadleaf', stage: 'COMPLETED', status: 'warning', percent: 100, finishedAt: at(3) },
      history(['START_REQUESTED', 'IN_PROCESS', 'COMPLETED'], 'warning'),
    );
    expect(states(warned)).toEqual(['START_REQUESTED:done', 'IN_PROCESS:done', 'end:warning']);
    expect(warned.at(-1)?.label).toBe('Finished with warnings');
  });

  it('ETIM synchronization, stuck: the step is marked stuck', () => {
    const steps = jobSteps(
      { system: 'etim', stage: 'in progress', status: 'stuck', percent: 52.65, finishedAt: null },
      history(['in progress'], 'stuck'),
    );
    expect(states(steps)).toEqual(['in progress:stuck', 'end:upcoming']);
    expect(steps[0]?.label).toBe('Synchronizing');
  });

  it('no longer followed: what it reached is done, where it was is left open', () => {
    const steps = jobSteps(
      { system: 'wizart', stage: 'waiting_queue', status: 'cancelled', percent: 67, finishedAt: at(8) },
      history(WIZART.slice(0, 5)),
    );
    expect(states(steps).slice(3)).toEqual([
      'checking_images:done',
      'waiting_queue:skipped',
      'importing_data:skipped',
      'end:skipped',
    ]);
    expect(steps.at(-1)?.label).toBe('Not followed');
  });
});

describe('stuckText', () => {
  it('says how long, where, and since when, in words', () => {
    const since = '2025-06-02T08:00:00.000Z';
    const text = stuckText(
      { stage: 'waiting_queue', lastProgressAt: since },
      Date.parse(since) + 20 * 60_000,
    );
    expect(text).toMatch(/^No progress for 20 min: still at “Waiting in the queue” since Jun 2, 2025/);
  });
});
