/**
 * Uniqueness over millions of rows without keeping the values: each value is reduced to a 64-bit
 * hash (two independent 32-bit hashes) stored with the position of its first occurrence in an
 * open-addressing table of typed arrays, 16 bytes a slot. A million distinct values cost 32 MB
 * (2^21 slots); the table never grows past `maxSlots`, and once it is 85 % full new values are no
 * longer tracked and the caller says so in the report. A false duplicate needs a 64-bit collision:
 * about 3e-8 for a million distinct values.
 *
 * The arrays may live in a SharedArrayBuffer so that the workers validating parts of one file in
 * parallel share one table. Slots are claimed with Atomics; when two occurrences meet, the earlier
 * position wins the slot and the other one is the duplicate, so every occurrence but the first is
 * reported exactly once whatever the timing.
 */

export interface UniqueTable {
  /** Slot i is [4i]: state, [4i+1]/[4i+2]: the two hashes, [4i+3]: position (as uint32). */
  slots: Int32Array;
  /** [0]: slots used (by every worker, updated in batches). */
  used: Int32Array;
  mask: number;
  shared: boolean;
  maxSlots: number;
  /**
   * This worker's inserts not yet added to `used`, and `used` as last read. Counting every insert
   * on the shared counter made two workers fight over one cache line (~0.5 µs an insert).
   */
  pending: number;
  usedSeen: number;
}

const COUNT_BATCH = 1024;

/** The four words of a slot share one cache line: a probe costs one memory access, not four. */
export const SLOT_BYTES = 16;
const EMPTY = 0;
const WRITING = 1;
const READY = 2;

/** Positions pack a part number (3 bits) and a row within the part (29 bits). */
export function packPos(part: number, row: number): number {
  return ((part << 29) | row) >>> 0;
}
export function unpackPos(pos: number): { part: number; row: number } {
  return { part: pos >>> 29, row: pos & 0x1fffffff };
}

function pow2AtLeast(n: number): number {
  let p = 1024;
  while (p < n) p *= 2;
  return p;
}

/** Tables start at most 70 % full for the expected count (a shared one cannot grow later). */
export function createUniqueTable(expected: number, maxSlots: number, shared: boolean): UniqueTable {
  const slots = Math.min(pow2AtLeast(Math.ceil(expected / 0.7)), pow2AtLeast(maxSlots));
  const make = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    slots: new Int32Array(make(slots * SLOT_BYTES)),
    used: new Int32Array(make(4)),
    mask: slots - 1,
    shared,
    maxSlots: pow2AtLeast(maxSlots),
    pending: 0,
    usedSeen: 0,
  };
}

function flushCount(t: UniqueTable): void {
  t.usedSeen = Atomics.add(t.used, 0, t.pending) + t.pending;
  t.pending = 0;
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
  H2 = b | 0 || 1;
}

function grow(t: UniqueTable): void {
  const old = t.slots;
  const count = ((t.mask + 1) * 2) | 0;
  t.slots = new Int32Array(count * 4);
  t.mask = count - 1;
  for (let i = 0; i < old.length; i += 4) {
    if (old[i] !== READY) continue;
    let j = (old[i + 1] as number) & t.mask;
    while (t.slots[j * 4] !== EMPTY) j = (j + 1) & t.mask;
    t.slots.set(old.subarray(i, i + 4), j * 4);
  }
}

/** Outcomes of an insert besides a position: a new value, or a value the full table cannot track. */
export const NEW = -1;
export const FULL = -2;

/** A later occurrence this one displaced from the table: it, not this one, is the duplicate. */
export const isDisplaced = (result: number): boolean => result <= -3;
export const displacedPos = (result: number): number => -result - 3;

/**
 * Records `value` at `pos`. Returns NEW, FULL, the packed position of the earlier occurrence this
 * one duplicates (>= 0), or, for a later occurrence this one displaced, `-(its position) - 3`.
 */
export function insertUnique(t: UniqueTable, value: string, pos: number): number {
  const capacity = t.mask + 1;
  if (t.usedSeen + t.pending >= capacity * 0.85) {
    flushCount(t);
    if (t.usedSeen >= capacity * 0.85) {
      if (t.shared || capacity >= t.maxSlots) return lookupOnly(t, value, pos);
      grow(t);
    }
  }
  hash(value);
  const h1 = H1;
  const h2 = H2;
  const s = t.slots;
  const mine = pos | 0;
  let i = h1 & t.mask;
  for (let probe = 0; probe <= t.mask; probe++, i = (i + 1) & t.mask) {
    const at = i * 4;
    let state = t.shared ? Atomics.load(s, at) : (s[at] as number);
    if (state === EMPTY) {
      if (!t.shared || Atomics.compareExchange(s, at, EMPTY, WRITING) === EMPTY) {
        s[at + 1] = h1;
        s[at + 2] = h2;
        if (t.shared) {
          Atomics.store(s, at + 3, mine);
          Atomics.store(s, at, READY);
        } else {
          s[at + 3] = mine;
          s[at] = READY;
        }
        if (++t.pending >= COUNT_BATCH) flushCount(t);
        return NEW;
      }
      state = Atomics.load(s, at);
    }
    // Another worker is writing this slot: its three stores follow the claim immediately.
    while (state === WRITING) state = Atomics.load(s, at);
    if (s[at + 1] !== h1 || s[at + 2] !== h2) continue;
    for (;;) {
      const other = t.shared ? Atomics.load(s, at + 3) : (s[at + 3] as number);
      if (other >>> 0 <= pos) return other >>> 0;
      if (!t.shared) {
        s[at + 3] = mine;
        return -(other >>> 0) - 3;
      }
      if (Atomics.compareExchange(s, at + 3, other, mine) === other) return -(other >>> 0) - 3;
    }
  }
  return FULL;
}

/** A full table still finds duplicates of values it holds; new values go untracked. */
function lookupOnly(t: UniqueTable, value: string, pos: number): number {
  hash(value);
  const s = t.slots;
  let i = H1 & t.mask;
  for (let probe = 0; probe <= t.mask; probe++, i = (i + 1) & t.mask) {
    const at = i * 4;
    const state = Atomics.load(s, at);
    if (state === EMPTY) return FULL;
    if (state === READY && s[at + 1] === H1 && s[at + 2] === H2) {
      const other = Atomics.load(s, at + 3) >>> 0;
      return other <= pos ? other : FULL;
    }
  }
  return FULL;
}

export function tableBytes(t: UniqueTable): number {
  return (t.mask + 1) * SLOT_BYTES;
}
