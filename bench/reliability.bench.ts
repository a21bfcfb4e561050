/**
 * Push crash harness (DESIGN.md, reliability targets: kill the process at random points 200 times;
 * no edit lost, no record created twice, PRAGMA integrity_check ok, the queue drains). The harness
 * itself is test/integration/push/crash-harness.ts (8 kills of it run in `npm test`): a child process
 * pushes the demo WEXBO shop's edits and is SIGKILLed at seeded random moments, then restarted.
 * BENCH_QUICK=1: 40 kills. RELIABILITY_KILLS overrides the count.
 */
import { runCrashHarness } from '../test/integration/push/crash-harness';

const QUICK = Boolean(process.env.BENCH_QUICK);
const KILLS = Number(process.env.RELIABILITY_KILLS ?? (QUICK ? 40 : 200));

export async function run(): Promise<{ name: string; lines: string[] }> {
  const r = await runCrashHarness({
    kills: KILLS,
    seed: 2026,
    killsPerRound: 5,
    products: 500,
    log: (line) => console.log(`   ${line}`),
  });
  const pass = r.problems.length === 0 && r.integrity === 'ok' && r.kills >= KILLS;
  return {
    name: 'Push crash harness (SIGKILL at random points)',
    lines: [
      `${r.kills} SIGKILLs of the pushing process over ${r.rounds} rounds, ${r.childRuns} process starts, ${r.seconds.toFixed(0)} s (target 200 kills)`,
      `${r.killedMidRequest} kills while the remote held one of its requests, ${r.killedWhileSending} kills that left operations sent but unacknowledged`,
      `edits: ${r.updates} field updates, ${r.creates} creates (${r.renames} renamed and ${r.deletedCreates} deleted again while possibly in flight), ${r.deletes} deletes`,
      `lost edits: ${r.problems.filter((p) => p.includes('lost')).length}; products created twice: ${r.problems.filter((p) => /times|second create|expected/.test(p)).length}; other problems: ${r.problems.length}`,
      `PRAGMA integrity_check: ${r.integrity}; queue drained after every round: ${r.problems.some((p) => p.includes(' left ')) ? 'no' : 'yes'}`,
      pass ? 'PASS: every edit delivered exactly once' : `FAIL: ${r.problems.slice(0, 5).join(' | ')}`,
    ],
  };
}
