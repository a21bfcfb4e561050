/**
 * Entry of a validation worker thread. It runs under worker_threads resourceLimits (set by
 * spawn.ts), so a hostile file that blows up an XLSX's shared strings (refused early against the
 * cap, read/xlsx-parts.ts) or papaparse's buffers kills this thread with ERR_WORKER_OUT_OF_MEMORY,
 * never the app.
 */
import { parentPort } from 'node:worker_threads';
import { exportCorrectedHere } from '../export/export';
import { UnreadableError } from '../read/csv';
import { checkCsvRange } from './check-csv';
import { makeChecker, runLead } from './lead';
import type { FromWorker, Job, PartJob, Plan, ToWorker } from './protocol';
import { createSink } from './sink';
import { forgetTexts, handOver, textsFor } from './unique-texts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

const post = (msg: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(msg, transfer);
let planArrived: ((plan: Plan) => void) | undefined;
let pendingPlan: Plan | undefined;

function waitPlan(): Promise<Plan> {
  if (pendingPlan) return Promise.resolve(pendingPlan);
  return new Promise((resolve) => (planArrived = resolve));
}

async function runPart(job: PartJob): Promise<void> {
  const sink = createSink(post, job.issueCap, job.progressMs);
  const checker = makeChecker(job.plan, job.part, sink, job.delimiter);
  const range = { ...job, skipRows: 0 };
  const { rows } = await checkCsvRange(range, checker, sink);
  const unique = checker.finish();
  sink.progress(rows, true);
  sink.flush();
  const { logs, transfer } = handOver(unique);
  post({ type: 'done', rows, overflow: sink.overflow(), endIssues: [], unique: logs }, transfer);
}

async function run(job: Job): Promise<void> {
  try {
    if (job.kind === 'lead') await runLead(job, post, waitPlan);
    else if (job.kind === 'part') await runPart(job);
    else post({ type: 'exported', result: await exportCorrectedHere(job.report, job.template, job.opts) });
  } catch (err) {
    const e = err as Error & { code?: string };
    const known =
      err instanceof UnreadableError || e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR';
    post({ type: 'fatal', message: known ? e.message : `The file cannot be read: ${e.message}` });
  }
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'job') {
    // A pooled worker runs one job after another: forget the previous job's plan.
    pendingPlan = undefined;
    planArrived = undefined;
    forgetTexts();
    void run(msg.job);
  } else if (msg.type === 'texts') {
    post({ type: 'texts', texts: textsFor(msg.requests) });
  } else if (msg.type === 'forget') {
    forgetTexts();
  } else if (msg.type === 'plan') {
    pendingPlan = msg.plan;
    planArrived?.(msg.plan);
  }
});
