/**
 * A worker's outbox: issues go out in batches (one message per few hundred, not per issue), up to
 * the run's cap; past it only their counts by rule and column travel, so the report's counts stay
 * exact while memory and messages stay bounded. Progress is sent at most every `progressMs`.
 */
import type { WorkerIssue } from '../engine/row-checker';
import type { RuleSummary } from '../types';
import type { FromWorker } from './protocol';

const BATCH = 400;

export interface Sink {
  emit(issue: WorkerIssue): void;
  progress(rows: number, force?: boolean): void;
  addBytes(n: number): void;
  flush(): void;
  overflow(): RuleSummary[];
}

export function createSink(post: (msg: FromWorker) => void, cap: number, progressMs: number): Sink {
  let batch: WorkerIssue[] = [];
  let sent = 0;
  let bytes = 0;
  let lastProgress = 0;
  const over = new Map<string, RuleSummary>();
  const flush = () => {
    if (batch.length === 0) return;
    post({ type: 'issues', issues: batch });
    batch = [];
  };
  return {
    emit(issue) {
      if (sent < cap) {
        sent++;
        batch.push(issue);
        if (batch.length >= BATCH) flush();
        return;
      }
      const key = `${issue.severity}\u0000${issue.rule}\u0000${issue.column ?? ''}`;
      const s = over.get(key);
      if (s) s.count++;
      else over.set(key, { rule: issue.rule, column: issue.column, severity: issue.severity, count: 1 });
    },
    progress(rows, force = false) {
      const now = performance.now();
      if (!force && now - lastProgress < progressMs) return;
      lastProgress = now;
      flush();
      post({ type: 'progress', rows, bytes });
    },
    addBytes(n) {
      bytes += n;
    },
    flush,
    overflow: () => [...over.values()],
  };
}
