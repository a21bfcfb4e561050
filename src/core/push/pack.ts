/**
 * Packs operations into batches the remote accepts in one request, so that normal operation never
 * sees a 413 (DESIGN.md, Push): at most `maxRecordsPerBatch` records (WEXBO 1 per POST/PUT/DELETE,
 * 001_15500709165aa147.txt; PrintXpand 100, our choice, 003_f9a1ab627ff386f6.txt), a body of at most
 * `maxBodyBytes` (WEXBO 1 MB; ETIM 16 MB, 004_48b37cfc1a1923fe.txt; PrintXpand 1 MB) measured with
 * the connector's own `measureBatch`, which encodes exactly what `push` sends. Deletes and upserts
 * never share a batch: ETIM and PrintXpand send them as different requests.
 *
 * Sizes are estimated from each operation measured alone (encodings are close to additive: a JSON
 * array or keyed map of the records) and every batch is then measured whole and trimmed until it
 * fits, so a batch of n costs n + a few measurements instead of n².
 */
import type { BatchSize, ConnectorLimits, PushOp } from '../connectors/types';

export type Measure = (batch: readonly PushOp[]) => BatchSize;

export interface PackLimits {
  maxBodyBytes: number;
  maxRecordsPerBatch?: number;
}

export function packLimits(limits: ConnectorLimits): PackLimits {
  return {
    maxBodyBytes: limits.maxBodyBytes,
    ...(limits.maxRecordsPerBatch !== undefined ? { maxRecordsPerBatch: limits.maxRecordsPerBatch } : {}),
  };
}

/** Fits in one request (a single operation may need several, e.g. a WEXBO update of 150 values). */
export function fits(size: BatchSize, count: number, limits: PackLimits): boolean {
  if (count <= 1) return true;
  if (limits.maxRecordsPerBatch !== undefined && count > limits.maxRecordsPerBatch) return false;
  return size.requests <= 1 && size.bytes <= limits.maxBodyBytes;
}

const kindOf = (op: PushOp): 'delete' | 'upsert' => (op.op === 'delete' ? 'delete' : 'upsert');

/** How many operations from `start` one request carries. */
function takeBatch(
  ops: readonly PushOp[],
  sizes: readonly number[],
  start: number,
  measure: Measure,
  limits: PackLimits,
): number {
  const cap = limits.maxRecordsPerBatch ?? Number.POSITIVE_INFINITY;
  const first = kindOf(ops[start]!);
  let n = 0;
  let estimate = 0;
  while (start + n < ops.length && n < cap) {
    const next = sizes[start + n] as number;
    if (n > 0 && (estimate + next > limits.maxBodyBytes || kindOf(ops[start + n]!) !== first)) break;
    estimate += next;
    n++;
  }
  n = Math.max(1, n);
  for (let size = measure(ops.slice(start, start + n)); !fits(size, n, limits);) {
    // Trim in proportion to the overshoot (at least one record), then measure again.
    const ratio = size.requests > 1 ? 0.5 : limits.maxBodyBytes / size.bytes;
    n = Math.max(1, Math.min(n - 1, Math.floor(n * ratio * 0.98)));
    size = measure(ops.slice(start, start + n));
  }
  return n;
}

export function packBatches(ops: readonly PushOp[], measure: Measure, limits: PackLimits): PushOp[][] {
  if (limits.maxRecordsPerBatch === 1) return ops.map((op) => [op]);
  const sizes = ops.map((op) => measure([op]).bytes);
  const out: PushOp[][] = [];
  for (let i = 0; i < ops.length;) {
    const n = takeBatch(ops, sizes, i, measure, limits);
    out.push(ops.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Splits a batch that no longer fits (edits made it bigger after it was packed) in halves. */
export function splitToFit<T extends { op: PushOp }>(
  items: T[],
  measure: Measure,
  limits: PackLimits,
): T[][] {
  if (items.length <= 1 || fits(measure(items.map((i) => i.op)), items.length, limits)) return [items];
  const mid = Math.ceil(items.length / 2);
  return [
    ...splitToFit(items.slice(0, mid), measure, limits),
    ...splitToFit(items.slice(mid), measure, limits),
  ];
}
