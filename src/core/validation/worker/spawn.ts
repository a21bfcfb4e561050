/**
 * Starts a validation worker with a heap cap. From TypeScript sources the worker goes through
 * bootstrap.mjs (tsx); a bundled desktop build sets the compiled entry with
 * `setValidationWorkerEntry` (electron-vite: an extra `validation-worker` input next to core-host).
 */
import { Worker } from 'node:worker_threads';

let entryOverride: URL | undefined;

/** For bundled builds: the URL of the compiled worker/worker.ts. */
export function setValidationWorkerEntry(url: URL): void {
  entryOverride = url;
}

export interface WorkerLimits {
  /** V8 old-generation cap of the worker; exceeding it ends the worker, not the process. */
  memoryLimitMb: number;
}

export function spawnValidationWorker(limits: WorkerLimits): Worker {
  const resourceLimits = {
    maxOldGenerationSizeMb: limits.memoryLimitMb,
    // A roomy young generation: parsing makes millions of short-lived strings.
    maxYoungGenerationSizeMb: 16,
    stackSizeMb: 4,
  };
  const fromSource = import.meta.url.endsWith('.ts');
  if (entryOverride || !fromSource) {
    const entry = entryOverride ?? new URL('./validation-worker.js', import.meta.url);
    return new Worker(entry, { resourceLimits });
  }
  const entry = new URL('./worker.ts', import.meta.url).href;
  return new Worker(new URL('./bootstrap.mjs', import.meta.url), { workerData: { entry }, resourceLimits });
}
