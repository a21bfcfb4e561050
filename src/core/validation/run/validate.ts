/**
 * validateFile: the coordinator of a run. It starts the lead worker at once (and, for a large CSV,
 * part workers that load while the lead probes), turns the probe into a plan, cuts the CSV into
 * byte ranges, routes issues and progress, and assembles the report. A worker that dies (out of
 * memory on a hostile file, or a bug) ends the run with a readable reason, never the process.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { BUILTIN_TEMPLATES, loadTemplate } from '../templates/registry';
import type { ValidationReport } from '../types';
import type { FromWorker, ProbeResult, ToWorker } from '../worker/protocol';
import { acquireWorker, releaseWorker } from '../worker/pool';
import { imageEntryIssues } from '../zip/image-index';
import { DEFAULT_ZIP_LIMITS } from '../zip/inspect';
import type { ZipInspection } from '../zip/inspect';
import { assemble, baseReport, makePlan, planCuts } from './assemble';
import { createCollector } from './collect';
import { DEFAULT_ISSUE_CAP, MAX_WORKERS, PARALLEL_MIN_BYTES, ValidationCancelled } from './context';
import type { Run, ValidateOptions } from './context';
import { detectFormat } from './format';
import { duplicateIssues } from './duplicates';
import type { PartLogs } from './duplicates';
import { choosePlan } from './plan';
import type { PlanChoice } from './plan';

export { DEFAULT_ISSUE_CAP, PARALLEL_MIN_BYTES, ValidationCancelled } from './context';
export type { ValidateOptions } from './context';

function statFile(path: string, what: string): { size: number } | { error: string } {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { error: `${path} is a folder, not a ${what}.` };
    return { size: st.size };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : (err as Error).message;
    return { error: `Cannot read the ${what} ${path}: ${why}.` };
  }
}

export async function validateFile(opts: ValidateOptions): Promise<ValidationReport> {
  const file = resolve(opts.file);
  const images = opts.images ? resolve(opts.images) : null;
  const template = typeof opts.template === 'string' ? loadTemplate(opts.template) : opts.template;
  const run: Run = {
    opts,
    file,
    images,
    format: 'csv',
    size: 0,
    template,
    startedAt: new Date(),
    t0: performance.now(),
  };
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

function coordinate(run: Run): Promise<ValidationReport> {
  const { opts } = run;
  const cap = opts.issueCap ?? DEFAULT_ISSUE_CAP;
  const collector = createCollector(cap, opts.onIssue);
  const memoryLimitMb = opts.memoryLimitMb ?? (run.format === 'xlsx' ? 448 : 192);
  const maxWorkers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), MAX_WORKERS));
  const wantParts = run.format === 'csv' && run.size >= PARALLEL_MIN_BYTES && maxWorkers > 1;
  const workers: Worker[] = [];
  const spawn = () => {
    const w = acquireWorker(memoryLimitMb);
    workers.push(w);
    return w;
  };
  const lead = spawn();
  // Part workers load their modules while the lead probes the file.
  const spares: Worker[] = wantParts ? Array.from({ length: maxWorkers - 1 }, spawn) : [];

  return new Promise<ValidationReport>((resolvePromise, rejectPromise) => {
    let settled = false;
    /** Workers with a job that has not reported done: one dying is the end of the run. */
    const busy = new Set<Worker>([lead]);
    let choice: PlanChoice | undefined;
    let probe: ProbeResult | undefined;
    let zip: ZipInspection | null = null;
    let referenced: Uint8Array | null = null;
    let partsRunning = 1;
    let partsStarted = 1;
    const progress = new Map<Worker, { rows: number; bytes: number }>();
    /** Every part's uniqueness logs: repeats are found when the last part is done. */
    const unique: PartLogs<Worker>[] = [];
    /** Workers asked for the texts of repeats, and what to do with the answer. */
    const textAnswers = new Map<Worker, (texts: (string | null)[][]) => void>();

    /** Workers go back to the pool after a clean run; after a failure or a cancel they end. */
    const stop = (clean = false) => {
      for (const w of workers) {
        if (clean && !busy.has(w)) releaseWorker(w, memoryLimitMb);
        else void w.terminate();
      }
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
      stop(true);
      resolvePromise({ ...assemble(run, collector, choice, probe, zip, referenced), parts: partsStarted });
    };

    const sendPlan = async (p: ProbeResult) => {
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
      let cuts: number[];
      try {
        cuts = await planCuts(run, p, choice.template, spares.length + 1);
      } catch {
        cuts = [];
      }
      if (settled) return;
      for (const spare of spares.slice(cuts.length)) {
        workers.splice(workers.indexOf(spare), 1);
        releaseWorker(spare, memoryLimitMb);
      }
      const plan = makePlan(run, choice, p, zip, cuts.length + 1);
      referenced = plan.referenced;
      const dataEnd = run.size;
      post(lead, { type: 'plan', plan: { ...plan, end: cuts[0] ?? null } });
      cuts.forEach((start, k) => {
        partsRunning++;
        partsStarted++;
        busy.add(spares[k] as Worker);
        const s = p.source;
        post(spares[k] as Worker, {
          type: 'job',
          job: {
            kind: 'part',
            file: run.file,
            part: k + 1,
            start,
            end: cuts[k + 1] ?? dataEnd,
            encoding: s.encoding as string,
            delimiter: s.delimiter as string,
            newline: s.newline as string,
            plan,
            issueCap: cap,
            progressMs: 200,
          },
        });
      });
    };

    /** The last step: repeats of unique columns across all parts, with their values. */
    const findRepeats = async () => {
      const issues = await duplicateIssues(unique, cap, (w, requests) => {
        busy.add(w);
        return new Promise((answer) => {
          textAnswers.set(w, answer);
          post(w, { type: 'texts', requests });
        });
      });
      for (const issue of issues) collector.addWorker(issue);
      for (const part of unique) post(part.worker, { type: 'forget' });
      finish();
    };

    const partOf = new Map<Worker, number>([[lead, 0]]);
    spares.forEach((w, k) => partOf.set(w, k + 1));

    const onMessage = (w: Worker, msg: FromWorker) => {
      if (settled) return;
      switch (msg.type) {
        case 'zip':
          zip = msg.inspection;
          if (zip.fatal && run.format === 'zip') return finishFatal(zip.fatal);
          if (zip.fatal)
            collector.addFile({
              row: null,
              column: null,
              value: run.images,
              rule: 'zip.unreadable',
              severity: 'error',
              message: zip.fatal,
            });
          for (const issue of [
            ...zip.issues,
            ...imageEntryIssues(zip.entries, run.template?.images?.maxBytes),
          ])
            collector.addFile(issue);
          return;
        case 'probe':
          void sendPlan(msg.probe);
          return;
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
          unique.push({ worker: w, logs: msg.unique });
          if (--partsRunning === 0) void findRepeats();
          return;
        case 'texts':
          busy.delete(w);
          textAnswers.get(w)?.(msg.texts);
          return;
        case 'fatal':
          return finishFatal(msg.message);
      }
    };

    for (const w of workers) {
      w.on('message', (msg: FromWorker) => onMessage(w, msg));
      w.on('error', (err: Error & { code?: string }) => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          finishFatal(
            `The file needs more memory than validation may use (${memoryLimitMb} MB per worker): it is too large or built to exhaust memory (e.g. an XLSX whose shared strings explode). Save it as CSV, or split it.`,
          );
        } else finishFatal(`Validation failed: ${err.message}`);
      });
      w.on('exit', (code) => {
        if (!settled && busy.has(w))
          finishFatal(`A validation worker stopped unexpectedly (exit code ${code}).`);
      });
    }
    post(lead, {
      type: 'job',
      job: {
        kind: 'lead',
        file: run.file,
        format: run.format,
        images: run.images,
        sheet: opts.sheet,
        encoding: opts.encoding,
        zipLimits: { ...DEFAULT_ZIP_LIMITS, ...opts.zipLimits },
        issueCap: cap,
        progressMs: 200,
      },
    });
  });
}

function post(w: Worker, msg: ToWorker): void {
  w.postMessage(msg);
}
