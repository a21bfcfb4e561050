/**
 * A worker's uniqueness logs after its part: the hashes go to the coordinator (their buffers
 * transferred, not copied); the texts stay here until the coordinator asks for the few it
 * reports (run/duplicates.ts). The coordinator's `forget` at the end of the run, or the next job,
 * lets go of them.
 */
import type { UniqueResult } from '../engine/row-checker';
import { textAt } from '../engine/unique-table';
import type { UniqueLogMessage } from './protocol';

let kept: UniqueResult[] = [];

export function handOver(results: UniqueResult[]): { logs: UniqueLogMessage[]; transfer: ArrayBuffer[] } {
  kept = results;
  return {
    logs: results.map(({ column, header, severity, entries, count }) => ({
      column,
      header,
      severity,
      entries,
      count,
    })),
    transfer: results.map((r) => r.entries.buffer as ArrayBuffer),
  };
}

export function textsFor(requests: { column: string; indexes: number[] }[]): (string | null)[][] {
  return requests.map((r) => {
    const log = kept.find((k) => k.column === r.column);
    return r.indexes.map((i) => (log ? textAt(log, i) : null));
  });
}

export function forgetTexts(): void {
  kept = [];
}
