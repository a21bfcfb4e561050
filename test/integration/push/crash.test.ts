/**
 * The crash harness in small (crash-harness.ts; 200 kills in `npm run bench:reliability`): a push
 * SIGKILLed at random points and restarted loses no edit, creates no product twice, leaves a sound
 * database and a drained queue.
 */
import { describe, expect, it } from 'vitest';
import { runCrashHarness } from './crash-harness';

describe('push survives SIGKILL at random points', () => {
  it('delivers every edit exactly once across 8 kills', { timeout: 120_000 }, async () => {
    const report = await runCrashHarness({ kills: 8, seed: 11, killsPerRound: 4, products: 150 });
    expect(report.problems).toEqual([]);
    expect(report.integrity).toBe('ok');
    expect(report.kills).toBe(8);
    expect(report.creates).toBeGreaterThanOrEqual(2);
    expect(report.updates).toBeGreaterThanOrEqual(8);
  });
});
