// Finds many short needles in one pass over a chunk (the Wu-Manber idea): a window as long as the
// shortest needle (W bytes) slides over the chunk, and the two bytes at its end decide how far it may
// jump: by W-1 when that pair is in no needle's first W bytes, by less when it is, and not at all when it
// ends some needle's first W bytes, where the needles of that pair are compared in full.
//
// Why: Buffer.indexOf per needle is memchr on the needle's first byte, fast for a rare byte (Q, _, ;)
// and slow for a common one (c, l, s: 20-33 ms each over a 100 MB log); sshd's 19 needles cost ~230 ms a
// 1M-line log that way, and the pass for each needle reads the whole chunk again. Here every needle costs
// one table entry per byte pair, and the pass is made once.
//
// Measured on this machine: a jump is a chain of dependent loads (two chunk bytes, the table), about
// 4.7 ns whatever the table size; four windows moving through four quarters of the chunk in one loop
// overlap their chains, about 2-2.8 ns a jump. With W = 5 the window jumps ~3.4 bytes on average on an
// sshd log (0.29 jumps per byte). Byte pairs are hashed to 12 bits (the low 6 bits of each), so the
// table stays in the first-level cache; a collision only makes a jump shorter.
//
// Hits are written as position * stride + needle number, in position order within each quarter
// (callers sort them).

/** Table size: two 6-bit halves. */
const TABLE_BITS = 14;
const TABLE_SIZE = 1 << TABLE_BITS;

export interface SkipScan {
  /** Length of the shortest needle: the window. */
  readonly window: number;
  /** How far a window ending in each hashed byte pair may jump; 0: compare the pair's needles. */
  readonly shift: Uint8Array;
  /** First needle (slot) whose window-end pair hashes to each entry, -1 when none. */
  readonly head: Int32Array;
  /** The next slot with the same pair hash, -1 at the end; slots in ascending needle number. */
  readonly next: Int32Array;
  readonly needles: readonly Uint8Array[];
  /** Where each slot's window starts in its needle. */
  readonly offsets: Int32Array;
  /** The number each slot's needle has in the hits. */
  readonly numbers: readonly number[];
}

function pairHash(first: number, second: number): number {
  return ((first & 127) << 7) | (second & 127);
}

/** The shortest needle a skip scan can use (shorter windows jump too little to beat indexOf). */
export const MIN_SKIP_WINDOW = 3;

/** Occurrences of each hashed byte pair in a sample (for choosing windows with rare end pairs). */
export function pairCounts(sample: Uint8Array): Float64Array {
  const counts = new Float64Array(TABLE_SIZE);
  for (let i = 1; i < sample.length; i++) {
    const pair = pairHash(sample[i - 1] ?? 0, sample[i] ?? 0);
    counts[pair] = (counts[pair] ?? 0) + 1;
  }
  return counts;
}

/** The window of a set of needles: the shortest one's length (checked). */
function windowOf(needles: readonly Uint8Array[]): number {
  const window = Math.min(...needles.map((n) => n.length));
  if (window < MIN_SKIP_WINDOW || window > 255) {
    throw new RangeError(`skip scan needles must be ${MIN_SKIP_WINDOW} to 255 bytes long`);
  }
  return window;
}

/** Where in `needle` the window-long part whose last two bytes are rarest in `pairs` starts. */
function windowOffset(needle: Uint8Array, window: number, pairs: Float64Array | undefined): number {
  if (pairs === undefined) return 0;
  let offset = 0;
  let rarest = Number.POSITIVE_INFINITY;
  for (let o = 0; o + window <= needle.length; o++) {
    const count = pairs[pairHash(needle[o + window - 2] ?? 0, needle[o + window - 1] ?? 0)] ?? 0;
    if (count < rarest) {
      rarest = count;
      offset = o;
    }
  }
  return offset;
}

/** Lowers the jumps of `shift` for the byte pairs of one needle's window (at `offset`). */
function addToShift(shift: Uint8Array, needle: Uint8Array, offset: number, window: number): void {
  for (let end = 1; end < window; end++) {
    const pair = pairHash(needle[offset + end - 1] ?? 0, needle[offset + end] ?? 0);
    shift[pair] = Math.min(shift[pair] ?? 0, window - 1 - end);
  }
}

/**
 * A skip scan for needles (each at least MIN_SKIP_WINDOW bytes), reported under `numbers` (same order).
 * A needle longer than the window is found by the window-long part of it whose last two bytes are
 * rarest in `pairs` (pairCounts of the log; its first part without them): every stop of the window
 * on such a pair costs a comparison.
 */
export function buildSkipScan(
  needles: readonly Uint8Array[],
  numbers: readonly number[],
  pairs?: Float64Array,
): SkipScan {
  if (needles.length === 0 || needles.length !== numbers.length) {
    throw new RangeError('a skip scan needs needles, each with a number');
  }
  const window = windowOf(needles);
  const order = needles.map((_, i) => i).sort((a, b) => (numbers[a] ?? 0) - (numbers[b] ?? 0));
  const sorted = order.map((i) => needles[i] as Uint8Array);
  const sortedNumbers = order.map((i) => numbers[i] as number);
  const shift = new Uint8Array(TABLE_SIZE).fill(window - 1);
  const head = new Int32Array(TABLE_SIZE).fill(-1);
  const next = new Int32Array(sorted.length).fill(-1);
  const offsets = new Int32Array(sorted.length);
  for (let slot = sorted.length - 1; slot >= 0; slot--) {
    const needle = sorted[slot] as Uint8Array;
    const offset = windowOffset(needle, window, pairs);
    offsets[slot] = offset;
    addToShift(shift, needle, offset, window);
    const last = pairHash(needle[offset + window - 2] ?? 0, needle[offset + window - 1] ?? 0);
    next[slot] = head[last] ?? -1;
    head[last] = slot;
  }
  return { window, shift, head, next, needles: sorted, offsets, numbers: sortedNumbers };
}

/** Where scanned hits go: grown as needed. */
export interface HitBuffer {
  array: Float64Array;
}

export function pushHit(hits: HitBuffer, count: number, value: number): void {
  if (count === hits.array.length) {
    const grown = new Float64Array(hits.array.length * 2);
    grown.set(hits.array);
    hits.array = grown;
  }
  hits.array[count] = value;
}

/** How far a window ending at `end` may jump (0: compare). */
function jumpAt(shift: Uint8Array, chunk: Uint8Array, end: number): number {
  return shift[(((chunk[end - 1] as number) & 127) << 7) | ((chunk[end] as number) & 127)] as number;
}

/** Compares the needles of the pair ending at `end` with the chunk; returns the new hit count. */
function compareAt(
  scan: SkipScan,
  chunk: Uint8Array,
  end: number,
  hits: HitBuffer,
  count: number,
  stride: number,
): number {
  const windowStart = end - scan.window + 1;
  const pair = pairHash(chunk[end - 1] ?? 0, chunk[end] ?? 0);
  for (let slot = scan.head[pair] ?? -1; slot >= 0; slot = scan.next[slot] ?? -1) {
    const needle = scan.needles[slot] as Uint8Array;
    const length = needle.length;
    const start = windowStart - (scan.offsets[slot] ?? 0);
    if (start < 0 || start + length > chunk.length) continue;
    let k = 0;
    while (k < length && chunk[start + k] === needle[k]) k++;
    if (k === length) pushHit(hits, count++, start * stride + (scan.numbers[slot] ?? 0));
  }
  return count;
}

/**
 * Appends every occurrence of every needle in `chunk` to `hits` from `count` on, as position * stride +
 * number; returns the new count. Hits are sorted within each quarter of the chunk, not across them.
 */
export function skipScan(
  scan: SkipScan,
  chunk: Uint8Array,
  hits: HitBuffer,
  count: number,
  stride: number,
): number {
  const { shift, window } = scan;
  const length = chunk.length;
  if (length < window) return count;
  // Window ends run from window-1 to length-1: four quarters, one window each.
  const first = window - 1;
  const quarter = Math.floor((length - first) / 4);
  let p0 = first;
  let p1 = first + quarter;
  let p2 = first + 2 * quarter;
  let p3 = first + 3 * quarter;
  const e0 = p1;
  const e1 = p2;
  const e2 = p3;
  const e3 = length;
  while (p0 < e0 && p1 < e1 && p2 < e2 && p3 < e3) {
    const s0 = jumpAt(shift, chunk, p0);
    const s1 = jumpAt(shift, chunk, p1);
    const s2 = jumpAt(shift, chunk, p2);
    const s3 = jumpAt(shift, chunk, p3);
    if (s0 === 0 || s1 === 0 || s2 === 0 || s3 === 0) {
      if (s0 === 0) count = compareAt(scan, chunk, p0, hits, count, stride);
      if (s1 === 0) count = compareAt(scan, chunk, p1, hits, count, stride);
      if (s2 === 0) count = compareAt(scan, chunk, p2, hits, count, stride);
      if (s3 === 0) count = compareAt(scan, chunk, p3, hits, count, stride);
    }
    p0 += s0 === 0 ? 1 : s0;
    p1 += s1 === 0 ? 1 : s1;
    p2 += s2 === 0 ? 1 : s2;
    p3 += s3 === 0 ? 1 : s3;
  }
  count = finishQuarter(scan, chunk, p0, e0, hits, count, stride);
  count = finishQuarter(scan, chunk, p1, e1, hits, count, stride);
  count = finishQuarter(scan, chunk, p2, e2, hits, count, stride);
  return finishQuarter(scan, chunk, p3, e3, hits, count, stride);
}

function finishQuarter(
  scan: SkipScan,
  chunk: Uint8Array,
  from: number,
  to: number,
  hits: HitBuffer,
  count: number,
  stride: number,
): number {
  const { shift } = scan;
  let p = from;
  while (p < to) {
    let s = jumpAt(shift, chunk, p);
    if (s === 0) {
      count = compareAt(scan, chunk, p, hits, count, stride);
      s = 1;
    }
    p += s;
  }
  return count;
}

/** A jump table reused by skipScanWork (planning tries many needle sets in a row). */
let scratchShift: Uint8Array | undefined;

/**
 * Jumps and needle comparisons a skip scan for `needles` (with `pairs` as for buildSkipScan) makes on
 * `sample`: what it costs, for the planner. Builds only the jump table, in reused memory.
 */
export function skipScanWork(
  needles: readonly Uint8Array[],
  sample: Uint8Array,
  pairs?: Float64Array,
): { jumps: number; stops: number } {
  const window = windowOf(needles);
  scratchShift ??= new Uint8Array(TABLE_SIZE);
  const shift = scratchShift.fill(window - 1);
  for (const needle of needles) addToShift(shift, needle, windowOffset(needle, window, pairs), window);
  let jumps = 0;
  let stops = 0;
  for (let p = window - 1; p < sample.length; jumps++) {
    const s = jumpAt(shift, sample, p);
    if (s === 0) stops++;
    p += s === 0 ? 1 : s;
  }
  return { jumps, stops };
}
