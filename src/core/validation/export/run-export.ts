/**
 * exportCorrected: re-reads the validated file in a pooled worker (the same heap cap as the
 * validation, since an XLSX's shared strings are loaded again) and writes the corrected copy.
 */
import type { Template, ValidationReport } from '../types';
import type { FromWorker } from '../worker/protocol';
import { acquireWorker, releaseWorker } from '../worker/pool';
import type { ExportOptions, ExportResult } from './export';

/** Writes the corrected copy of a validated file; `template` is the one the run used. */
export function exportCorrected(
  report: ValidationReport,
  template: Template,
  opts: ExportOptions,
  memoryLimitMb = 448,
): Promise<ExportResult> {
  if (report.fatal)
    return Promise.reject(
      new Error(`The file could not be read, so there is nothing to correct: ${report.fatal}`),
    );
  const worker = acquireWorker(memoryLimitMb);
  return new Promise<ExportResult>((resolve, reject) => {
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'exported') {
        releaseWorker(worker, memoryLimitMb);
        resolve(msg.result);
      } else if (msg.type === 'fatal') {
        void worker.terminate();
        reject(new Error(msg.message));
      }
    });
    worker.on('error', (err) => {
      void worker.terminate();
      reject(err);
    });
    // The issue list is not needed to correct the file and may be large.
    worker.postMessage({
      type: 'job',
      job: { kind: 'export', report: { ...report, issues: [] }, template, opts },
    });
  });
}
