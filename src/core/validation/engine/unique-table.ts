/**
 * Uniqueness over millions of rows, in two steps:
 *
 * 1. While the rows stream, each value is reduced to a 64-bit hash (two independent 32-bit
 *    hashes) and appended with its position to the worker's log: 12 bytes written in order. Its
 *    text (at most 64 characters) is kept too, joined into one string per 1,024 values, so a
 *    repeat can be reported with its value.
 * 2. When every part has finished, `findDuplicates` partitions all the logs of a column by hash
 *    into buckets that fit in the cache and finds the repeated hashes: every occurrence but the
 *    first in file order is a duplicate, and it names the first.
 *
 * Why not a hash table probed row by row (the first design, up to December 2026), or a shared
 * Bloom filter to keep only the texts of repeats: a million values need a 32 MB table (2 MB for
 * the filter), and each random access into it was a cache and TLB miss. With two workers that
 * cost 0.2-0.35 µs a row, 15-20 % of the whole validation's wall time; appending costs a tenth of
 * that, and the end step ~50 ms for a million values (bench/RESULTS.md, CSV validation).
 *
 * A false duplicate needs a 64-bit collision: about 3e-8 for a million distinct values.
 * Duplicates are reported when the run ends, not while it streams.
 */

/** One worker's log of one unique column. */
export interface UniqueLog {
  /** (h1, h2, position) triples, positions increasing. */
  entries: Int32Array;
  count: number;
  maxEntries: number;
  /** Texts of values [1024k, 1024k + 1024) joined; `ends[i]`: where value i ends in its block. */
  blocks: string[];
  ends: Int32Array;
  pending: string[];
}

/** Texts longer than this are kept cut (a report shows the start of a value anyway). */
const MAX_TEXT = 64;
const BLOCK = 1024;
/** Bytes a logged value takes on average (entry, end offset, a short text): the budget's unit. */
export const ENTRY_BYTES = 32;

/** Positions pack a part number (3 bits) and a row within the part (29 bits). */
export function packPos(part: number, row: number): number {
  return ((part << 29) | row) >>> 0;
}
export function unpackPos(pos: number): { part: number; row: number } {
  return { part: pos >>> 29, row: pos & 0x1fffffff };
}

function log2AtLeast(n: number, min: number): number {
  let b = min;
  while (1 << b < n && b < 30) b++;
  return b;
}

export function createUniqueLog(expected: number, maxEntries: number): UniqueLog {
  const start = Math.max(BLOCK, Math.min(Math.ceil(expected), maxEntries));
  return {
    entries: new Int32Array(start * 3),
    count: 0,
    maxEntries,
    blocks: [],
    ends: new Int32Array(start),
    pending: [],
  };
}

/** Two 32-bit hashes of a string in one pass (FNV-1a and a murmur-style mix), finalised. */
let H1 = 0;
let H2 = 0;
function hash(v: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ v.length;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 16;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  H1 = a | 0;
  H2 = b | 0;
}

function grow(log: UniqueLog): void {
  const size = Math.min(log.ends.length * 2, log.maxEntries);
  const entries = new Int32Array(size * 3);
  entries.set(log.entries);
  log.entries = entries;
  const ends = new Int32Array(size);
  ends.set(log.ends);
  log.ends = ends;
}

/** Joins the pending texts into one flat string (and lets go of the parser's chunks they slice). */
function closeBlock(log: UniqueLog): void {
  if (log.pending.length === 0) return;
  log.blocks.push(log.pending.join(''));
  log.pending = [];
}

/**
 * Logs `key` (the value as compared) at `pos` (increasing); `text` is what a report shows.
 * Returns false when the log is full: the value is not tracked (the caller says so once).
 */
export function recordUnique(log: UniqueLog, key: string, text: string, pos: number): boolean {
  const i = log.count;
  if (i >= log.maxEntries) return false;
  if (i >= log.ends.length) grow(log);
  hash(key);
  const e = log.entries;
  e[i * 3] = H1;
  e[i * 3 + 1] = H2;
  e[i * 3 + 2] = pos | 0;
  const t = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  const inBlock = i % BLOCK;
  log.ends[i] = (inBlock === 0 ? 0 : (log.ends[i - 1] as number)) + t.length;
  log.pending.push(t);
  log.count = i + 1;
  if (inBlock === BLOCK - 1) closeBlock(log);
  return true;
}

/** The log as sent to the coordinator: its texts joined, its arrays cut to what is used. */
export function sealLog(log: UniqueLog): Pick<UniqueLog, 'entries' | 'count' | 'blocks' | 'ends'> {
  closeBlock(log);
  return {
    entries: log.entries.subarray(0, log.count * 3),
    count: log.count,
    blocks: log.blocks,
    ends: log.ends.subarray(0, log.count),
  };
}

/** The text of the value logged `index`-th. */
export function textAt(log: Pick<UniqueLog, 'blocks' | 'ends'>, index: number): string | null {
  const block = log.blocks[Math.floor(index / BLOCK)];
  if (block === undefined || index >= log.ends.length) return null;
  const start = index % BLOCK === 0 ? 0 : (log.ends[index - 1] as number);
  return block.slice(start, log.ends[index] as number);
}

/** A repeat: its packed position, the first occurrence's, and where it sits (log, entry index). */
export interface Duplicate {
  pos: number;
  first: number;
  log: number;
  index: number;
}

/**
 * The repeats among logs (each `count` (h1, h2, pos) triples): every occurrence but the first (the
 * lowest position) of each repeated hash. Entries are partitioned by the high bits of h1 into
 * buckets of ~2,000 (they fit in the cache), and each bucket is grouped with a small hash table.
 */
export function findDuplicates(
  logs: { entries: Int32Array; count: number }[],
  out: (d: Duplicate) => void,
): void {
  let n = 0;
  for (const l of logs) n += l.count;
  if (n < 2) return;
  const bits = Math.min(16, Math.max(0, Math.ceil(Math.log2(n / 2048))));
  const buckets = 1 << bits;
  const shift = 32 - bits;
  const bucketOf = (h1: number) => (bits === 0 ? 0 : h1 >>> shift);
  const starts = new Int32Array(buckets + 1);
  for (const l of logs) {
    for (let i = 0; i < l.count; i++) {
      const b = bucketOf(l.entries[i * 3] as number) + 1;
      starts[b] = (starts[b] as number) + 1;
    }
  }
  for (let b = 0; b < buckets; b++) starts[b + 1] = (starts[b + 1] as number) + (starts[b] as number);
  const fill = starts.slice(0, buckets);
  // Four words an entry: h1, h2, position, and its index among all the logs' entries.
  const sorted = new Int32Array(n * 4);
  let base = 0;
  const logStarts: number[] = [];
  for (const l of logs) {
    logStarts.push(base);
    const e = l.entries;
    for (let i = 0; i < l.count; i++) {
      const b = bucketOf(e[i * 3] as number);
      const to = (fill[b] as number) * 4;
      fill[b] = (fill[b] as number) + 1;
      sorted[to] = e[i * 3] as number;
      sorted[to + 1] = e[i * 3 + 1] as number;
      sorted[to + 2] = e[i * 3 + 2] as number;
      sorted[to + 3] = base + i;
    }
    base += l.count;
  }
  const locate = (global: number): { log: number; index: number } => {
    let k = logStarts.length - 1;
    while ((logStarts[k] as number) > global) k--;
    return { log: k, index: global - (logStarts[k] as number) };
  };
  let slots = new Int32Array(0);
  let first = new Uint32Array(0);
  let repeats = new Uint8Array(0);
  for (let b = 0; b < buckets; b++) {
    const from = starts[b] as number;
    const to = starts[b + 1] as number;
    const m = to - from;
    if (m < 2) continue;
    const size = 1 << log2AtLeast(m * 2, 4);
    if (slots.length < size) {
      slots = new Int32Array(size);
      first = new Uint32Array(size);
      repeats = new Uint8Array(size);
    } else {
      slots.fill(0, 0, size);
      repeats.fill(0, 0, size);
    }
    const mask = size - 1;
    /** The slot of entry k's hash: empty (slots[i] === 0) or holding an entry with the same hash. */
    const slotOf = (k: number): number => {
      const h1 = sorted[k * 4] as number;
      const h2 = sorted[k * 4 + 1] as number;
      let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
      for (;;) {
        const s = slots[i] as number;
        if (s === 0) return i;
        const o = (s - 1) * 4;
        if (sorted[o] === h1 && sorted[o + 1] === h2) return i;
        i = (i + 1) & mask;
      }
    };
    let any = false;
    for (let k = from; k < to; k++) {
      const i = slotOf(k);
      const pos = (sorted[k * 4 + 2] as number) >>> 0;
      if (slots[i] === 0) {
        slots[i] = k + 1;
        first[i] = pos;
      } else {
        repeats[i] = 1;
        any = true;
        if (pos < (first[i] as number)) first[i] = pos;
      }
    }
    if (!any) continue;
    for (let k = from; k < to; k++) {
      const i = slotOf(k);
      if (repeats[i] === 0) continue;
      const pos = (sorted[k * 4 + 2] as number) >>> 0;
      if (pos !== first[i]) out({ pos, first: first[i] as number, ...locate(sorted[k * 4 + 3] as number) });
    }
  }
}
