/**
 * validateFile: the coordinator of a run. It starts the lead worker at once (and, for a large CSV,
 * part workers that load while the lead probes), turns the probe into a plan, cuts the CSV into
 * byte ranges, routes issues and progress, and assembles the report. A worker that dies (out of
 * memory on a hostile file, or a bug) ends the run with a readable reason, never the process.
 */
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { createUniqueTable, SLOT_BYTES } from '../engine/unique-table';
import type { UniqueTable } from '../engine/unique-table';
import { asciiCompatible } from '../read/encoding';
import { BUILTIN_TEMPLATES, loadTemplate } from '../templates/registry';
import type { ColumnMapping, Issue, Progress, SourceFormat, Template, ValidationReport, ZipSummary } from '../types';
import { buildImageIndex, imageEntryIssues, unreferencedIssues } from '../zip/image-index';
import { DEFAULT_ZIP_LIMITS } from '../zip/inspect';
import type { ZipInspection, ZipLimits } from '../zip/inspect';
import type { FromWorker, Plan, ProbeResult, ToWorker } from '../worker/protocol';
import { spawnValidationWorker } from '../worker/spawn';
import { createCollector } from './collect';
import { detectFormat } from './format';
import { choosePlan } from './plan';
import type { PlanChoice } from './plan';
import { findCuts } from './split';

export interface ValidateOptions {
  file: string;
  /** A ZIP of images to cross-check with the file's image column. */
  images?: string;
  /** A template, a built-in id, or the path of a template .json; detected from the headers when absent. */
  template?: Template | string;
  /** Templates auto-detection chooses from (default: all built-in). */
  candidates?: readonly Template[];
  /** The user's mapping, aligned with the file's headers. */
  mapping?: ColumnMapping;
  /** A remembered mapping for a header signature (store.ts recallMapping). */
  recall?: (signature: string, template: Template) => ColumnMapping | undefined;
  sheet?: string | number;
  /** 1-based among the non-blank rows at the top (default: detected). */
  headerRow?: number;
  /** Skip detection (an iconv-lite name). */
  encoding?: string;
  signal?: AbortSignal;
  onProgress?(p: Progress): void;
  onIssue?(issue: Issue): void;
  /** Issues kept in the report (counts stay exact past it). */
  issueCap?: number;
  /** Heap cap of each worker, MB. */
  memoryLimitMb?: number;
  /** Most workers for one CSV file (1 = never split). */
  workers?: number;
  zipLimits?: Partial<ZipLimits>;
  /** Memory for uniqueness tables, MB, shared by the unique columns. */
  uniqueMemoryMb?: number;
}

export const DEFAULT_ISSUE_CAP = 100_000;
/** Files below this are read by one worker: starting more costs more than it saves. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
const MAX_WORKERS = 4;

export class ValidationCancelled extends Error {
  constructor() {
    super('The validation was cancelled.');
    this.name = 'AbortError';
  }
}

interface Run {
  opts: ValidateOptions;
  file: string;
  images: string | null;
  format: SourceFormat;
  size: number;
  template: Template | undefined;
  startedAt: Date;
  t0: number;
}

function baseReport(run: Run, fatal: string | null): ValidationReport {
  const finishedAt = new Date();
  return {
    version: 1,
    file: run.file,
    images: run.images,
    template: { id: run.template?.id ?? 'none', name: run.template?.name ?? 'none', chosen: 'given', reason: '' },
    source: { format: run.format, size: run.size, headers: [] },
    mapping: { mapping: [], matches: [], suggestions: [], missing: [] },
    rows: 0,
    counts: { error: 0, warning: 0, info: 0 },
    summary: [],
    issues: [],
    issueCap: run.opts.issueCap ?? DEFAULT_ISSUE_CAP,
    truncated: false,
    zip: null,
    startedAt: run.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.round(performance.now() - run.t0),
    fatal,
  };
}

function statFile(path: string, what: string): { size: number } | { error: string } {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { error: `${path} is a folder, not a ${what}.` };
    return { size: st.size };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    return { error: `Cannot read the ${what} ${path}: ${why}.` };
  }
}

export async function validateFile(opts: ValidateOptions): Promise<ValidationReport> {
  const file = resolve(opts.file);
  const images = opts.images ? resolve(opts.images) : null;
  const template = typeof opts.template === 'string' ? loadTemplate(opts.template) : opts.template;
  const run: Run = { opts, file, images, format: 'csv', size: 0, template, startedAt: new Date(), t0: performance.now() };
  const st = statFile(file, 'file');
  if ('error' in st) return baseReport(run, st.error);
  run.size = st.size;
  if (st.size === 0) return baseReport(run, `The file ${basename(file)} is empty (0 bytes).`);
  if (images) {
    const ist = statFile(images, 'image archive');
    if ('error' in ist) return baseReport(run, ist.error);
  }
  const format = detectFormat(file);
  if (typeof format !== 'string') return baseReport(run, format.unreadable);
  run.format = format;
  return coordinate(run);
}

function zipSummary(inspection: ZipInspection, referenced: Uint8Array | null, missing: number): ZipSummary {
  let files = 0;
  let totalBytes = 0;
  let used = 0;
  let unused = 0;
  inspection.entries.forEach((e, i) => {
    if (e.isDir) return;
    files++;
    totalBytes += e.size;
    if (referenced?.[i]) used++;
    else if (referenced && !e.unsafe) unused++;
  });
  return { entries: inspection.entries.length, files, totalBytes, referenced: used, unreferenced: unused, missing };
}

function coordinate(run: Run): Promise<ValidationReport> {
  const { opts } = run;
  const cap = opts.issueCap ?? DEFAULT_ISSUE_CAP;
  const collector = createCollector(cap, opts.onIssue);
  const memoryLimitMb = opts.memoryLimitMb ?? (run.format === 'xlsx' ? 448 : 192);
  const maxWorkers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), MAX_WORKERS));
  const wantParts = run.format === 'csv' && run.size >= PARALLEL_MIN_BYTES && maxWorkers > 1;
  const workers: Worker[] = [];
  const spawn = () => {
    const w = spawnValidationWorker({ memoryLimitMb });
    workers.push(w);
    return w;
  };
  const lead = spawn();
  // Part workers load their modules while the lead probes the file.
  const spares: Worker[] = wantParts ? Array.from({ length: maxWorkers - 1 }, spawn) : [];

  return new Promise<ValidationReport>((resolvePromise, rejectPromise) => {
    let settled = false;
    let choice: PlanChoice | undefined;
    let probe: ProbeResult | undefined;
    let zip: ZipInspection | null = null;
    let referenced: Uint8Array | null = null;
    let partsRunning = 1;
    /** Workers with a job that has not reported done: one dying is the end of the run. */
    const busy = new Set<Worker>([lead]);
    const progress = new Map<Worker, { rows: number; bytes: number }>();

    const stop = () => {
      for (const w of workers) void w.terminate();
    };
    const finishFatal = (message: string) => {
      if (settled) return;
      settled = true;
      stop();
      const report = baseReport(run, message);
      const done = collector.finish();
      resolvePromise({ ...report, ...done, rows: collector.rows() });
    };
    const onAbort = () => {
      if (settled) return;
      settled = true;
      stop();
      rejectPromise(new ValidationCancelled());
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = () => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      stop();
      resolvePromise(assemble(run, collector, choice, probe, zip, referenced));
    };

    const sendPlan = (p: ProbeResult) => {
      probe = p;
      try {
        choice = choosePlan({
          probe: p,
          template: run.template,
          candidates: opts.candidates ?? BUILTIN_TEMPLATES,
          headerRow: opts.headerRow,
          mapping: opts.mapping,
          recall: opts.recall,
        });
      } catch (err) {
        return finishFatal((err as Error).message);
      }
      for (const issue of choice.issues) collector.addFile(issue);
      const cuts = planCuts(run, p, choice.template, spares.length + 1);
      for (const spare of spares.slice(cuts.length)) void spare.terminate();
      const plan = makePlan(run, choice, p, zip, cuts.length > 0);
      referenced = plan.referenced;
      const dataEnd = run.size;
      post(lead, { type: 'plan', plan: { ...plan, end: cuts[0] ?? null } });
      cuts.forEach((start, k) => {
        partsRunning++;
        busy.add(spares[k] as Worker);
        const s = p.source;
        post(spares[k] as Worker, {
          type: 'job',
          job: {
            kind: 'part', file: run.file, part: k + 1, start, end: cuts[k + 1] ?? dataEnd,
            encoding: s.encoding as string, delimiter: s.delimiter as string, newline: s.newline as string,
            plan, issueCap: cap, progressMs: 200,
          },
        });
      });
    };

    const partOf = new Map<Worker, number>([[lead, 0]]);
    spares.forEach((w, k) => partOf.set(w, k + 1));

    const onMessage = (w: Worker, msg: FromWorker) => {
      if (settled) return;
      switch (msg.type) {
        case 'zip':
          zip = msg.inspection;
          if (zip.fatal && run.format === 'zip') return finishFatal(zip.fatal);
          if (zip.fatal) collector.addFile({ row: null, column: null, value: run.images, rule: 'zip.unreadable', severity: 'error', message: zip.fatal });
          for (const issue of [...zip.issues, ...imageEntryIssues(zip.entries, run.template?.images?.maxBytes)]) collector.addFile(issue);
          return;
        case 'probe':
          return sendPlan(msg.probe);
        case 'issues':
          for (const issue of msg.issues) collector.addWorker(issue);
          return;
        case 'progress': {
          progress.set(w, { rows: msg.rows, bytes: msg.bytes });
          let rows = 0;
          let bytes = 0;
          for (const p of progress.values()) {
            rows += p.rows;
            bytes += p.bytes;
          }
          opts.onProgress?.({ rows, bytesDone: Math.min(bytes, run.size), bytesTotal: run.size });
          return;
        }
        case 'done':
          busy.delete(w);
          collector.addOverflow(msg.overflow);
          collector.partDone(partOf.get(w) ?? 0, msg.rows);
          for (const issue of msg.endIssues) collector.addWorker(issue);
          if (--partsRunning === 0) finish();
          return;
        case 'fatal':
          return finishFatal(msg.message);
      }
    };

    for (const w of workers) {
      w.on('message', (msg: FromWorker) => onMessage(w, msg));
      w.on('error', (err: Error & { code?: string }) => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          finishFatal(`The file needs more memory than validation may use (${memoryLimitMb} MB per worker): it is too large or built to exhaust memory (e.g. an XLSX whose shared strings explode). Save it as CSV, or split it.`);
        } else finishFatal(`Validation failed: ${err.message}`);
      });
      w.on('exit', (code) => {
        if (!settled && busy.has(w)) finishFatal(`A validation worker stopped unexpectedly (exit code ${code}).`);
      });
    }
    post(lead, {
      type: 'job',
      job: {
        kind: 'lead', file: run.file, format: run.format, images: run.images, sheet: opts.sheet, encoding: opts.encoding,
        zipLimits: { ...DEFAULT_ZIP_LIMITS, ...opts.zipLimits }, issueCap: cap, progressMs: 200,
      },
    });
  });
}

function post(w: Worker, msg: ToWorker): void {
  w.postMessage(msg);
}

/** Byte offsets where part workers start, or [] to read the file in one piece. */
function planCuts(run: Run, probe: ProbeResult, template: Template, workers: number): number[] {
  const s = probe.source;
  if (workers < 2 || run.format !== 'csv' || run.size < PARALLEL_MIN_BYTES) return [];
  if (!s.encoding || !asciiCompatible(s.encoding) || !s.delimiter || template.rowRules?.length) return [];
  const parts = Math.min(workers, Math.ceil(run.size / PARALLEL_MIN_BYTES));
  return findCuts(run.file, probe.dataStart ?? 0, run.size, parts, s.delimiter);
}

function makePlan(run: Run, choice: PlanChoice, probe: ProbeResult, zip: ZipInspection | null, shared: boolean): Plan {
  const byColumn = new Map(choice.template.columns.map((c) => [c.column, c]));
  const mapped = choice.mapping.mapping;
  const uniqueColumns = choice.template.columns.filter((c) => c.unique && mapped.includes(c.column));
  const budget = (run.opts.uniqueMemoryMb ?? 96) * 1024 * 1024;
  const maxSlots = Math.max(1024, Math.floor(budget / SLOT_BYTES / Math.max(1, uniqueColumns.length)));
  const unique = uniqueColumns.map((c) => ({
    column: c.column,
    table: (shared ? createUniqueTable(probe.estimatedRows * 1.3, maxSlots, true) : null) as UniqueTable | null,
    expected: probe.estimatedRows,
    maxSlots,
  }));
  const hasImageColumn = mapped.some((t) => t !== null && byColumn.get(t)?.type === 'image-file');
  const entries = zip && !zip.fatal && hasImageColumn ? zip.entries : null;
  const dateColumns = mapped.flatMap((t, i) => {
    const type = t === null ? undefined : byColumn.get(t)?.type;
    return type === 'date' || type === 'datetime' ? [i] : [];
  });
  return {
    template: choice.template,
    headers: choice.headers,
    mapping: mapped,
    headerIndex: choice.headerIndex,
    end: null,
    unique,
    zipEntries: entries,
    referenced: entries ? new Uint8Array(new SharedArrayBuffer(entries.length)) : null,
    imageMaxBytes: choice.template.images?.maxBytes,
    dateColumns,
  };
}

function assemble(
  run: Run,
  collector: ReturnType<typeof createCollector>,
  choice: PlanChoice | undefined,
  probe: ProbeResult | undefined,
  zip: ZipInspection | null,
  referenced: Uint8Array | null,
): ValidationReport {
  const rows = collector.rows();
  if (zip && !zip.fatal && referenced) {
    for (const issue of unreferencedIssues(buildImageIndex(zip.entries, referenced))) collector.addEnd(issue);
  }
  if (choice && rows === 0 && run.format !== 'zip' && choice.headers.length > 0) {
    collector.addEnd({
      row: null, column: null, value: null, rule: 'file.no-rows',
      severity: choice.template.rowsRequired ? 'error' : 'warning',
      message: `The file has a header but no data rows${choice.template.rowsRequired ? ': the remote rejects it ("The CSV file contains no products.")' : '.'}`,
    });
  }
  const done = collector.finish();
  const missing = done.summary.filter((s) => s.rule === 'image.missing' || s.rule === 'image.case').reduce((n, s) => n + s.count, 0);
  const report = baseReport(run, null);
  return {
    ...report,
    template: choice?.templateInfo ?? { id: 'none', name: 'ZIP archive check', chosen: 'given', reason: 'the file is a ZIP archive: its images were checked on their own' },
    source: { ...(probe?.source ?? report.source), headers: choice?.headers ?? [], headerRow: choice ? choice.headerIndex + 1 : undefined },
    mapping: choice?.mapping ?? report.mapping,
    rows,
    ...done,
    zip: zip && !zip.fatal ? zipSummary(zip, referenced, missing) : null,
  };
}
