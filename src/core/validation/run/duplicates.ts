/**
 * The duplicate issues of a run, once every part has finished (engine/unique-table.ts): the logs
 * of a column from every part are checked together, each repeat names the first row holding the
 * value, and the texts of the repeats (at most `cap`, what a report stores) are asked from the
 * workers that read them, so the values themselves never travel in bulk.
 */
import { REF_TOKEN } from '../engine/row-checker';
import type { WorkerIssue } from '../engine/row-checker';
import { findDuplicates, unpackPos } from '../engine/unique-table';
import type { UniqueLogMessage } from '../worker/protocol';

export interface TextRequest {
  column: string;
  indexes: number[];
}

export interface PartLogs<W> {
  worker: W;
  logs: UniqueLogMessage[];
}

export async function duplicateIssues<W>(
  parts: PartLogs<W>[],
  cap: number,
  texts: (worker: W, requests: TextRequest[]) => Promise<(string | null)[][]>,
): Promise<WorkerIssue[]> {
  const byColumn = new Map<string, { worker: W; log: UniqueLogMessage }[]>();
  for (const p of parts)
    for (const log of p.logs)
      byColumn.set(log.column, [...(byColumn.get(log.column) ?? []), { worker: p.worker, log }]);
  const found: { issue: WorkerIssue; worker: W; column: string; index: number }[] = [];
  for (const [column, logs] of byColumn) {
    const { header, severity } = (logs[0] as { log: UniqueLogMessage }).log;
    const message = `The same ${header} as row ${REF_TOKEN}: each row needs its own value.`;
    findDuplicates(
      logs.map((l) => l.log),
      (d) => {
        const at = unpackPos(d.pos);
        found.push({
          issue: {
            part: at.part,
            row: at.row,
            column: header,
            value: null,
            rule: 'unique',
            severity,
            message,
            ref: d.first,
          },
          worker: (logs[d.log] as { worker: W }).worker,
          column,
          index: d.index,
        });
      },
    );
  }
  // Texts for the repeats a report keeps: the earliest rows first.
  found.sort((a, b) => a.issue.part - b.issue.part || (a.issue.row as number) - (b.issue.row as number));
  const asks = new Map<W, Map<string, { indexes: number[]; issues: WorkerIssue[] }>>();
  for (const f of found.slice(0, cap)) {
    const perWorker = asks.get(f.worker) ?? new Map<string, { indexes: number[]; issues: WorkerIssue[] }>();
    asks.set(f.worker, perWorker);
    const ask = perWorker.get(f.column) ?? { indexes: [], issues: [] };
    perWorker.set(f.column, ask);
    ask.indexes.push(f.index);
    ask.issues.push(f.issue);
  }
  await Promise.all(
    [...asks].map(async ([worker, perWorker]) => {
      const list = [...perWorker];
      const answers = await texts(
        worker,
        list.map(([column, a]) => ({ column, indexes: a.indexes })),
      );
      list.forEach(([, a], k) => a.issues.forEach((issue, i) => (issue.value = answers[k]?.[i] ?? null)));
    }),
  );
  return found.map((f) => f.issue);
}
