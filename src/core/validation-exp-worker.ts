import { parentPort } from 'node:worker_threads';
import Papa from 'papaparse';
import chardet from 'chardet';
import iconv from 'iconv-lite';
const x: number = 41;
const t0 = performance.now();
const ex = await import('exceljs');
const t1 = performance.now();
parentPort?.postMessage({
  hello: x + 1,
  excel: Math.round(t1 - t0),
  t: typeof Papa.parse + typeof chardet.detect + typeof iconv.decode + typeof ex,
});
