/**
 * Idle validation workers kept for the next run. Starting a worker costs its module loading (tens
 * of ms bundled, ~0.5 s from TypeScript sources through tsx); a catalog manager drops files one
 * after another, so a finished run hands its workers back here. Idle workers are unref'd (they
 * never keep the process alive) and end after a minute without work. A worker that failed or was
 * cancelled mid-job is never reused.
 */
import type { Worker } from 'node:worker_threads';
import { spawnValidationWorker } from './spawn';

const MAX_IDLE = 4;
const IDLE_MS = 60_000;

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
}

const idle = new Map<number, Idle[]>();

export function acquireWorker(memoryLimitMb: number): Worker {
  const list = idle.get(memoryLimitMb);
  const hit = list?.pop();
  if (hit) {
    clearTimeout(hit.timer);
    hit.worker.ref();
    return hit.worker;
  }
  return spawnValidationWorker({ memoryLimitMb });
}

export function releaseWorker(worker: Worker, memoryLimitMb: number): void {
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  const list = idle.get(memoryLimitMb) ?? [];
  const count = [...idle.values()].reduce((n, l) => n + l.length, 0);
  if (count >= MAX_IDLE) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const entry: Idle = {
    worker,
    timer: setTimeout(() => {
      const at = list.indexOf(entry);
      if (at !== -1) list.splice(at, 1);
      void worker.terminate();
    }, IDLE_MS),
  };
  entry.timer.unref();
  // A worker that dies while idle (it should not) just leaves the pool.
  worker.once('exit', () => {
    const at = list.indexOf(entry);
    if (at !== -1) list.splice(at, 1);
  });
  list.push(entry);
  idle.set(memoryLimitMb, list);
}

/** Starts workers ahead of the first drop (the desktop shell calls this at startup). */
export function prewarmValidationWorkers(count: number, memoryLimitMb: number): void {
  for (let i = 0; i < count; i++) releaseWorker(spawnValidationWorker({ memoryLimitMb }), memoryLimitMb);
}

/** Ends every idle worker (tests, shutdown). */
export async function closeValidationWorkers(): Promise<void> {
  const all = [...idle.values()].flat();
  idle.clear();
  for (const e of all) clearTimeout(e.timer);
  await Promise.all(all.map((e) => e.worker.terminate()));
}
