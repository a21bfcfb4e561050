// Worker bootstrap: when core runs from TypeScript sources (dev, tests, CLI, benchmarks), the
// worker thread has no loader for .ts files, so it registers tsx before importing the entry.
// A bundled build points the worker straight at the compiled entry and never loads this file.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
