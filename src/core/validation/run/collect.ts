/**
 * Gathers the issues of a run from its workers: exact counts by severity and by rule/column, at
 * most `cap` issue bodies, file-level issues first and then rows in order. Part 0's issues are
 * final at once and reach `onIssue` while the run goes on; a later part's rows are numbered only
 * when every part before it has finished (its first row number is the sum of their rows).
 */
import { REF_TOKEN } from '../engine/row-checker';
import type { WorkerIssue } from '../engine/row-checker';
import { unpackPos } from '../engine/unique-table';
import type { Issue, IssueCounts, RuleSummary } from '../types';

export interface Collector {
  addFile(issue: Issue): void;
  addWorker(issue: WorkerIssue): void;
  addOverflow(summary: RuleSummary[]): void;
  partDone(part: number, rows: number): void;
  addEnd(issue: Issue): void;
  rows(): number;
  finish(): { issues: Issue[]; counts: IssueCounts; summary: RuleSummary[]; truncated: boolean };
}

export function createCollector(cap: number, onIssue?: (issue: Issue) => void): Collector {
  const counts: IssueCounts = { error: 0, warning: 0, info: 0 };
  const summary = new Map<string, RuleSummary>();
  const fileIssues: Issue[] = [];
  const rowIssues: Issue[] = [];
  const endIssues: Issue[] = [];
  const waiting = new Map<number, WorkerIssue[]>();
  const partRows = new Map<number, number>();
  let stored = 0;
  let dropped = 0;

  const count = (i: { severity: Issue['severity']; rule: string; column: string | null }, n = 1) => {
    counts[i.severity] += n;
    const key = `${i.severity}\u0000${i.rule}\u0000${i.column ?? ''}`;
    const s = summary.get(key);
    if (s) s.count += n;
    else summary.set(key, { rule: i.rule, column: i.column, severity: i.severity, count: n });
  };
  /** First row number of a part, or undefined while a part before it is still running. */
  const offset = (part: number): number | undefined => {
    let sum = 0;
    for (let p = 0; p < part; p++) {
      const rows = partRows.get(p);
      if (rows === undefined) return undefined;
      sum += rows;
    }
    return sum;
  };
  const keep = (list: Issue[], issue: Issue) => {
    if (stored < cap) {
      stored++;
      list.push(issue);
      onIssue?.(issue);
    } else dropped++;
  };
  /** Numbers the issue if its part (and the part of the row it names) can be numbered yet. */
  const settle = (w: WorkerIssue): Issue | undefined => {
    const base = offset(w.part);
    if (base === undefined) return undefined;
    const { part: _part, ref, ...issue } = w;
    if (issue.row !== null) issue.row += base;
    if (ref !== undefined) {
      const other = unpackPos(ref);
      const otherBase = offset(other.part);
      if (otherBase === undefined) return undefined;
      issue.message = issue.message.replace(REF_TOKEN, String(otherBase + other.row));
    }
    return issue;
  };
  const release = () => {
    for (const [part, list] of [...waiting].sort((a, b) => a[0] - b[0])) {
      const left: WorkerIssue[] = [];
      for (const w of list) {
        const issue = settle(w);
        if (issue) keep(rowIssues, issue);
        else left.push(w);
      }
      if (left.length) waiting.set(part, left);
      else waiting.delete(part);
    }
  };

  return {
    addFile(issue) {
      count(issue);
      keep(fileIssues, issue);
    },
    addWorker(w) {
      count(w);
      const issue = settle(w);
      if (issue) keep(rowIssues, issue);
      else {
        const list = waiting.get(w.part);
        if (list) list.push(w);
        else waiting.set(w.part, [w]);
      }
    },
    addOverflow(list) {
      for (const s of list) {
        count(s, s.count);
        dropped += s.count;
      }
    },
    partDone(part, rows) {
      partRows.set(part, rows);
      release();
    },
    addEnd(issue) {
      count(issue);
      keep(endIssues, issue);
    },
    rows: () => [...partRows.values()].reduce((a, b) => a + b, 0),
    finish() {
      release();
      rowIssues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      return {
        issues: [...fileIssues, ...rowIssues, ...endIssues],
        counts,
        summary: [...summary.values()].sort((a, b) => b.count - a.count),
        truncated: dropped > 0,
      };
    },
  };
}
