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
  state: Int32Array;
  hi: Int32Array;
  lo: Int32Array;
  pos: Uint32Array;
  /** [0]: slots used. */
  used: Int32Array;
  mask: number;
  shared: boolean;
  maxSlots: number;
}

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

export function createUniqueTable(expected: number, maxSlots: number, shared: boolean): UniqueTable {
  const slots = Math.min(pow2AtLeast(Math.ceil(expected * 2)), pow2AtLeast(maxSlots));
  const make = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    state: new Int32Array(make(slots * 4)),
    hi: new Int32Array(make(slots * 4)),
    lo: new Int32Array(make(slots * 4)),
    pos: new Uint32Array(make(slots * 4)),
    used: new Int32Array(make(4)),
    mask: slots - 1,
    shared,
    maxSlots: pow2AtLeast(maxSlots),
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
  H2 = b | 0 || 1;
}

function grow(t: UniqueTable): void {
  const old = { state: t.state, hi: t.hi, lo: t.lo, pos: t.pos };
  const slots = (t.mask + 1) * 2;
  t.state = new Int32Array(slots);
  t.hi = new Int32Array(slots);
  t.lo = new Int32Array(slots);
  t.pos = new Uint32Array(slots);
  t.mask = slots - 1;
  for (let i = 0; i < old.state.length; i++) {
    if (old.state[i] !== READY) continue;
    let j = (old.hi[i] as number) & t.mask;
    while (t.state[j] !== EMPTY) j = (j + 1) & t.mask;
    t.state[j] = READY;
    t.hi[j] = old.hi[i] as number;
    t.lo[j] = old.lo[i] as number;
    t.pos[j] = old.pos[i] as number;
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
  if (Atomics.load(t.used, 0) >= capacity * 0.85) {
    if (t.shared || capacity >= t.maxSlots) return lookupOnly(t, value, pos);
    grow(t);
  }
  hash(value);
  const h1 = H1;
  const h2 = H2;
  let i = h1 & t.mask;
  for (let probe = 0; probe <= t.mask; probe++, i = (i + 1) & t.mask) {
    let s = Atomics.load(t.state, i);
    if (s === EMPTY) {
      if (Atomics.compareExchange(t.state, i, EMPTY, WRITING) === EMPTY) {
        t.hi[i] = h1;
        t.lo[i] = h2;
        Atomics.store(t.pos, i, pos);
        Atomics.store(t.state, i, READY);
        Atomics.add(t.used, 0, 1);
        return NEW;
      }
      s = Atomics.load(t.state, i);
    }
    // Another worker is writing this slot: its three stores follow the claim immediately.
    while (s === WRITING) s = Atomics.load(t.state, i);
    if (t.hi[i] !== h1 || t.lo[i] !== h2) continue;
    for (;;) {
      const other = Atomics.load(t.pos, i);
      if (other <= pos) return other;
      if (Atomics.compareExchange(t.pos, i, other, pos) === other) return -other - 3;
    }
  }
  return FULL;
}

/** A full table still finds duplicates of values it holds; new values go untracked. */
function lookupOnly(t: UniqueTable, value: string, pos: number): number {
  hash(value);
  let i = H1 & t.mask;
  for (let probe = 0; probe <= t.mask; probe++, i = (i + 1) & t.mask) {
    const s = Atomics.load(t.state, i);
    if (s === EMPTY) return FULL;
    if (s === READY && t.hi[i] === H1 && t.lo[i] === H2) {
      const other = Atomics.load(t.pos, i);
      return other <= pos ? other : FULL;
    }
  }
  return FULL;
}

export function tableBytes(t: UniqueTable): number {
  return (t.mask + 1) * SLOT_BYTES;
}
