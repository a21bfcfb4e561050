/**
 * The lead worker of a run: inspects the image ZIP, probes the file (encoding, delimiter, sheet,
 * first rows), hands the probe to the coordinator, and once the plan (template, mapping, header row,
 * its byte range) comes back, checks its rows. XLSX files are read by the lead alone.
 */
import { statSync } from 'node:fs';
import { PROBE_ROWS, probeCsv } from '../read/csv';
import { cellText, chooseSheet, openWorkbookIndex, sheetRowBatches } from '../read/xlsx';
import type { SheetRef, XlsxRow } from '../read/xlsx';
import { createRowChecker } from '../engine/row-checker';
import type { CellNote, RowChecker, UniqueResult, WorkerIssue } from '../engine/row-checker';
import { buildImageIndex } from '../zip/image-index';
import { inspectZipFile } from '../zip/inspect';
import { checkCsvRange } from './check-csv';
import type { FromWorker, LeadJob, Plan } from './protocol';
import { createSink } from './sink';
import { handOver } from './unique-texts';
import type { Sink } from './sink';

export function makeChecker(plan: Plan, part: number, sink: Sink, delimiter?: string): RowChecker {
  const unique = new Map(plan.unique.map((u) => [u.column, u] as const));
  const entries = plan.zipEntries;
  const images = entries
    ? buildImageIndex(entries, plan.referenced ?? new Uint8Array(entries.length), plan.imageMaxBytes)
    : null;
  return createRowChecker({
    template: plan.template,
    headers: plan.headers,
    mapping: plan.mapping,
    part,
    unique,
    images,
    emit: sink.emit,
    delimiter,
  });
}

type Post = (msg: FromWorker, transfer?: ArrayBuffer[]) => void;

async function leadCsv(
  job: LeadJob,
  post: Post,
  waitPlan: () => Promise<Plan>,
  sink: Sink,
): Promise<{ rows: number; unique: UniqueResult[] }> {
  const probe = probeCsv(job.file, job.encoding);
  const perRow = probe.probedBytes / Math.max(1, probe.rows.length);
  post({
    type: 'probe',
    probe: {
      source: {
        format: 'csv',
        size: probe.size,
        encoding: probe.guess.encoding,
        bom: probe.guess.bomLength > 0,
        delimiter: probe.delimiter,
        newline: probe.newline,
      },
      rows: probe.rows,
      estimatedRows: Math.ceil(probe.size / Math.max(1, perRow)),
      dataStart: probe.guess.bomLength,
    },
  });
  const plan = await waitPlan();
  const checker = makeChecker(plan, 0, sink, probe.delimiter);
  const range = {
    file: job.file,
    encoding: probe.guess.encoding,
    delimiter: probe.delimiter,
    newline: probe.newline,
    start: probe.guess.bomLength,
    end: plan.end ?? probe.size,
    skipRows: plan.headerIndex + 1,
    part: 0,
  };
  const { rows } = await checkCsvRange(range, checker, sink);
  return { rows, unique: checker.finish() };
}

function mergedIssues(refs: string[], sheetRowOf: number[]): WorkerIssue[] {
  const dataRowAt = (sheetRow: number) => {
    let lo = 0;
    let hi = sheetRowOf.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = sheetRowOf[mid] as number;
      if (v === sheetRow) return mid + 1;
      if (v < sheetRow) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  };
  return refs.map((ref) => {
    const first = Number(/\d+/.exec(ref)?.[0] ?? 0);
    return {
      part: 0,
      row: dataRowAt(first),
      column: null,
      value: ref,
      rule: 'excel.merged',
      severity: 'warning',
      message: `Cells ${ref} are merged: only the first cell holds the value and the importer reads the others as empty. Unmerge them and fill the value into every cell.`,
    };
  });
}

async function leadXlsx(
  job: LeadJob,
  post: Post,
  waitPlan: () => Promise<Plan>,
  sink: Sink,
): Promise<{ rows: number; end: WorkerIssue[]; unique: UniqueResult[] }> {
  const sheets = await openWorkbookIndex(job.file);
  const sheet: SheetRef = chooseSheet(sheets, job.sheet);
  const merges: string[] = [];
  const it = sheetRowBatches(job.file, sheet, (n) => sink.addBytes(n), merges)[Symbol.asyncIterator]();
  // Rows read before the plan came: the probe's rows, and the rest of the batch they came in.
  const buffered: XlsxRow[] = [];
  const early: XlsxRow[] = [];
  const texts = (r: XlsxRow) => {
    const out: string[] = [];
    for (let c = 1; c < r.values.length; c++) out.push(cellText(r.values[c], false).text);
    while (out.length > 0 && (out[out.length - 1] as string).trim() === '') out.pop();
    return out;
  };
  while (buffered.length < PROBE_ROWS) {
    const next = await it.next();
    if (next.done) break;
    for (const row of next.value) {
      if (buffered.length < PROBE_ROWS) {
        if (texts(row).length > 0) buffered.push(row);
      } else early.push(row);
    }
  }
  const size = statSync(job.file).size;
  post({
    type: 'probe',
    probe: {
      source: { format: 'xlsx', size, sheet: sheet.name, sheets: sheets.map((s) => s.name) },
      rows: buffered.map(texts),
      estimatedRows: Math.max(1000, Math.ceil(size / 40)),
    },
  });
  const plan = await waitPlan();
  const checker = makeChecker(plan, 0, sink);
  const width = plan.headers.length;
  const dates = new Set(plan.dateColumns);
  const sheetRowOf: number[] = [];
  let formulas = 0;
  const handle = (r: XlsxRow) => {
    const cells: string[] = new Array<string>(width);
    let notes: CellNote[] | undefined;
    let any = false;
    for (let c = 0; c < width; c++) {
      const v = r.values[c + 1];
      // Most cells are strings: no note, no object to make.
      if (typeof v === 'string') {
        cells[c] = v;
        if (v !== '') any = true;
        continue;
      }
      const t = cellText(v, dates.has(c));
      cells[c] = t.text;
      if (t.text !== '') any = true;
      if (t.formula) formulas++;
      if (t.note) (notes ??= []).push({ col: c, ...t.note });
    }
    for (let c = width + 1; c < r.values.length; c++) {
      if (cellText(r.values[c], false).text.trim() !== '') {
        (notes ??= []).push({
          col: c - 1,
          rule: 'row.extra-cells',
          severity: 'warning',
          message: `Column ${c} has a value but no header: the importer ignores it.`,
        });
        any = true;
        break;
      }
    }
    if (!any) return;
    sheetRowOf.push(r.number);
    checker.check(cells, sheetRowOf.length, notes);
    if ((sheetRowOf.length & 1023) === 0) sink.progress(sheetRowOf.length);
  };
  buffered.slice(plan.headerIndex + 1).forEach(handle);
  early.forEach(handle);
  for (let next = await it.next(); !next.done; next = await it.next()) next.value.forEach(handle);
  const unique = checker.finish();
  const end = mergedIssues([...new Set(merges)], sheetRowOf);
  if (formulas > 0) {
    end.push({
      part: 0,
      row: null,
      column: null,
      value: String(formulas),
      rule: 'excel.formulas',
      severity: 'info',
      message: `${formulas} cell(s) hold formulas: their last saved results were checked. Paste them as values before uploading so the remote reads exactly these.`,
    });
  }
  return { rows: sheetRowOf.length, end, unique };
}

export async function runLead(job: LeadJob, post: Post, waitPlan: () => Promise<Plan>): Promise<void> {
  const sink = createSink(post, job.issueCap, job.progressMs);
  if (job.images !== null || job.format === 'zip') {
    const inspection = await inspectZipFile(job.images ?? job.file, job.zipLimits);
    post({ type: 'zip', inspection });
  }
  let rows = 0;
  let endIssues: WorkerIssue[] = [];
  let unique: UniqueResult[] = [];
  if (job.format === 'csv') ({ rows, unique } = await leadCsv(job, post, waitPlan, sink));
  else if (job.format === 'xlsx')
    ({ rows, end: endIssues, unique } = await leadXlsx(job, post, waitPlan, sink));
  sink.progress(rows, true);
  sink.flush();
  const { logs, transfer } = handOver(unique);
  post({ type: 'done', rows, overflow: sink.overflow(), endIssues, unique: logs }, transfer);
}
