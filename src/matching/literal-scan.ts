// Finds the lines of a chunk that may match, before any regex runs: every match of a failregex contains
// one of the strings of each of its required-literal clauses (required-literals.ts), so a line with none
// of them cannot match and is never decoded, dated or searched.
//
// The plan picks, for each failregex ("target"), the clause that costs least on a sample of the log, and
// for each of the clause's strings a needle: a substring of at most 7 bytes starting at its rarest byte.
// Buffer.indexOf looks for patterns under 8 bytes with memchr on the first byte and compares the rest,
// longer ones with Boyer-Moore-Horspool; measured on a mail log: "_authe" 20 GB/s, "_authent" 1.9 GB/s,
// "Passwor" 15 GB/s, "Password" 2 GB/s, "valid " 4.5 GB/s ('v' is common). A needle found inside
// another is scanned once. Clause cost = scan time of its needles + the candidate lines they bring times the cost of
// looking at a line; a target whose best clause costs more than looking at every line has no needles
// (every line is a candidate for it).
//
// The text a failregex sees is the line with its date cut out (head + tail), so a literal can lie across
// the cut ("[]" in Apache error-log filters, whose lines start with "[date]") and then is not in the line
// as a whole. Only its part after the first H bytes, where H is the longest head (text before the date)
// a line has, is surely in the line: needles are cut from there. H comes from the caller (measured on the
// log); a literal too short for that is no needle.
//
// Measured on a 1M-line mail log for postfix + postfix[mode=auth] + dovecot (36 literals in their
// default clauses): one RE2 alternation of the literals with the `g` flag 580 MB/s (RE2's prefix
// accelerator works only for a single literal); Buffer.indexOf per needle 1.7-9 GB/s each.
import type { RequiredLiterals } from './regex/required-literals.js';
import {
  buildSkipScan,
  MIN_SKIP_WINDOW,
  pairCounts,
  pushHit,
  skipScan,
  skipScanWork,
  type HitBuffer,
  type SkipScan,
} from './skip-scan.js';

/** Needles are numbered in a hit's low bits. */
const MAX_NEEDLES = 1024;
/** The shortest needle cut from a literal (shorter literals are used whole). */
const MIN_NEEDLE = 4;
/** The longest needle: from 8 bytes on, indexOf switches from memchr to a slower search. */
const MAX_NEEDLE = 7;
/** Cost model in nanoseconds, fitted on the measurements in the header. */
const SCAN_NS_PER_BYTE = 0.035;
const FIRST_BYTE_NS = 25;
const CANDIDATE_NS = 1000;
/** A skip scan's jump and needle comparison (skip-scan.ts), measured the same way. */
const SKIP_JUMP_NS = 3.5;
const SKIP_STOP_NS = 25;
/** Bytes counted for the byte frequencies (scaled to the sample). */
const COUNT_SAMPLE_BYTES = 256 * 1024;

export interface LiteralScanPlan {
  readonly needles: readonly Buffer[];
  /** Targets (failregex numbers, as given to planLiteralScan) each needle signals. */
  readonly needleTargets: readonly (readonly number[])[];
  /** Targets without needles: every line is a candidate for them. */
  readonly everyLine: readonly number[];
  /** Needles found by Buffer.indexOf, one pass each (those with a rare first byte). */
  readonly indexOfNeedles: readonly number[];
  /** The other needles, found together in one pass (skip-scan.ts). */
  readonly skip: SkipScan | undefined;
}

/** Occurrences of each byte value in the sample (counted on its first COUNT_SAMPLE_BYTES, scaled). */
function byteCounts(sample: Buffer): Float64Array {
  const counts = new Float64Array(256);
  const counted = Math.min(sample.length, COUNT_SAMPLE_BYTES);
  for (let i = 0; i < counted; i++) {
    const byte = sample[i] ?? 0;
    counts[byte] = (counts[byte] ?? 0) + 1;
  }
  const scale = sample.length / Math.max(1, counted);
  for (let b = 0; b < 256; b++) counts[b] = (counts[b] ?? 0) * scale;
  return counts;
}

/**
 * Occurrences of a needle in the sample; past `limit` the count is extrapolated from the part scanned
 * (a needle that common is a poor one anyway, and counting every hit of it would cost the most).
 */
function countOccurrences(sample: Buffer, needle: Buffer, limit: number): number {
  let count = 0;
  let at = sample.indexOf(needle);
  for (; at >= 0 && count < limit; at = sample.indexOf(needle, at + 1)) count++;
  return at < 0 ? count : Math.round((count * sample.length) / Math.max(1, at));
}

/** The needles a string can be found by: from each start, up to MAX_NEEDLE bytes (the whole string if short). */
function needleCandidates(literal: Buffer): Buffer[] {
  const shortest = Math.min(MIN_NEEDLE, literal.length);
  const out: Buffer[] = [];
  for (let i = 0; i + shortest <= literal.length; i++) out.push(literal.subarray(i, i + MAX_NEEDLE));
  return out;
}

/** Needles' hits are counted on this much of the sample (each candidate needle costs a pass). */
const HIT_SAMPLE_BYTES = 64 * 1024;

class NeedleCosts {
  private readonly exact = new Map<string, number>();
  private readonly hitSample: Buffer;
  /** Hits in the whole sample per hit counted in hitSample. */
  private readonly scale: number;
  private readonly hitLimit: number;

  constructor(
    private readonly sample: Buffer,
    private readonly counts: Float64Array,
    sampleLines: number,
  ) {
    const cut =
      sample.length <= HIT_SAMPLE_BYTES ? sample.length : sample.lastIndexOf(10, HIT_SAMPLE_BYTES) + 1;
    this.hitSample = sample.subarray(0, cut > 0 ? cut : sample.length);
    this.scale = sample.length / Math.max(1, this.hitSample.length);
    this.hitLimit = Math.max(64, Math.round(sampleLines / this.scale) >> 4);
  }

  /** The scan alone: a floor under cost(), known without scanning the sample. */
  scanCost(needle: Buffer): number {
    return this.sample.length * SCAN_NS_PER_BYTE + (this.counts[needle[0] ?? 0] ?? 0) * FIRST_BYTE_NS;
  }

  /** Scan plus the lines it makes candidates. */
  cost(needle: Buffer): number {
    const key = needle.toString('latin1');
    let cost = this.exact.get(key);
    if (cost === undefined) {
      const hits = countOccurrences(this.hitSample, needle, this.hitLimit) * this.scale;
      cost = this.scanCost(needle) + hits * CANDIDATE_NS;
      this.exact.set(key, cost);
    }
    return cost;
  }
}

/**
 * Needles that together find every string of a clause (its first `skip` bytes left out), chosen greedily
 * by cost per string covered; needles already chosen for other targets cost nothing more to scan.
 * Returns the needles and their cost (infinite when a string is too short to leave a needle).
 */
function coverClause(
  clause: readonly string[],
  skip: number,
  costs: NeedleCosts,
  chosen: ReadonlyMap<string, unknown>,
): { needles: Buffer[]; cost: number } {
  let uncovered = clause.map((literal) => Buffer.from(literal, 'utf8').subarray(skip));
  if (uncovered.some((l) => l.length === 0)) return { needles: [], cost: Number.POSITIVE_INFINITY };
  const literals = [...uncovered];
  const needles: Buffer[] = [];
  let total = 0;
  while (uncovered.length > 0) {
    const candidates = new Map<string, { needle: Buffer; covers: number; floor: number }>();
    for (const literal of uncovered) {
      for (const needle of needleCandidates(literal)) {
        const key = needle.toString('latin1');
        if (candidates.has(key)) continue;
        const covers = uncovered.filter((l) => l.includes(needle)).length;
        const floor = chosen.has(key) ? 0 : costs.scanCost(needle) / covers;
        candidates.set(key, { needle, covers, floor });
      }
    }
    // Exact costs only where the floor could still beat the best so far.
    let best: Buffer | undefined;
    let bestRatio = Number.POSITIVE_INFINITY;
    for (const { needle, covers, floor } of [...candidates.values()].sort((a, b) => a.floor - b.floor)) {
      if (floor >= bestRatio) break;
      const free = chosen.has(needle.toString('latin1'));
      const ratio = (free ? 0 : costs.cost(needle)) / covers;
      if (ratio < bestRatio) {
        best = needle;
        bestRatio = ratio;
      }
    }
    if (best === undefined) break;
    const picked = best;
    needles.push(picked);
    total += chosen.has(picked.toString('latin1')) ? 0 : costs.cost(picked);
    uncovered = uncovered.filter((l) => !l.includes(picked));
  }
  // Greedy picks can make earlier ones redundant: drop the dearest needles that others replace.
  const costOf = (n: Buffer): number => (chosen.has(n.toString('latin1')) ? 0 : costs.cost(n));
  for (const needle of [...needles].sort((a, b) => costOf(b) - costOf(a))) {
    const others = needles.filter((n) => n !== needle);
    if (literals.every((l) => others.some((n) => l.includes(n)))) {
      needles.splice(needles.indexOf(needle), 1);
      total -= costOf(needle);
    }
  }
  return { needles, cost: total };
}

/** A failregex to plan for: what its matches contain, and how long a head before the date may be. */
export interface ScanTarget {
  readonly literals: RequiredLiterals;
  /** The longest head (bytes before the date) of the lines it reads. */
  readonly headBytes: number;
  /**
   * Targets with the same gate key (one jail's failregexes) whose lines must all contain one of the
   * strings of each `gate` clause (its prefregex's literals): the planner may find all of them by the
   * gate's needles together, which costs one scan instead of one per target when the gate is rare.
   */
  readonly gateKey?: number;
  readonly gate?: RequiredLiterals;
}

/** The cheapest clause of `literals` by coverClause, or undefined when none beats `limit`. */
function bestClause(
  literals: RequiredLiterals,
  headBytes: number,
  costs: NeedleCosts,
  chosen: ReadonlyMap<string, unknown>,
  limit: number,
): { needles: Buffer[]; cost: number } | undefined {
  let best: { needles: Buffer[]; cost: number } | undefined;
  for (const clause of literals) {
    if (clause.length === 0 || clause.some((s) => s === '')) continue;
    const covered = coverClause(clause, headBytes, costs, chosen);
    if (covered.cost < (best?.cost ?? limit)) best = covered;
  }
  return best;
}

/**
 * Gate groups worth scanning by their gate: the group's targets planned alone (greedily, sharing
 * needles among themselves) cost more than covering the gate once. Returns target → gate needles.
 */
function planGates(
  targets: readonly ScanTarget[],
  costs: NeedleCosts,
  everyLineCost: number,
): Map<number, Buffer[]> {
  const groups = new Map<number, number[]>();
  targets.forEach((t, i) => {
    if (t.gateKey === undefined || t.gate === undefined || t.gate.length === 0) return;
    const members = groups.get(t.gateKey) ?? [];
    members.push(i);
    groups.set(t.gateKey, members);
  });
  const gated = new Map<number, Buffer[]>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const first = targets[members[0] ?? 0] as ScanTarget;
    const headBytes = Math.max(...members.map((i) => targets[i]?.headBytes ?? 0));
    const gate = bestClause(first.gate ?? [], headBytes, costs, new Map(), everyLineCost);
    if (gate === undefined) continue;
    const own = new Map<string, true>();
    let ownCost = 0;
    for (const i of members) {
      const t = targets[i] as ScanTarget;
      const best = bestClause(t.literals, t.headBytes, costs, own, everyLineCost);
      ownCost += best?.cost ?? everyLineCost;
      if (ownCost >= gate.cost) break;
      for (const needle of best?.needles ?? []) own.set(needle.toString('latin1'), true);
    }
    if (ownCost < gate.cost) continue;
    for (const i of members) gated.set(i, gate.needles);
  }
  return gated;
}

/**
 * Plans the scan for targets (one per failregex; no literals means none is known). `sample` is log
 * text the costs are estimated on.
 */
export function planLiteralScan(targets: readonly ScanTarget[], sample: Buffer): LiteralScanPlan {
  const counts = byteCounts(sample);
  let sampleLines = 0;
  for (let i = sample.indexOf(10); i >= 0; i = sample.indexOf(10, i + 1)) sampleLines++;
  sampleLines = Math.max(1, sampleLines);
  const everyLineCost = sampleLines * CANDIDATE_NS;
  const costs = new NeedleCosts(sample, counts, sampleLines);

  const chosen = new Map<string, { needle: Buffer; targets: number[] }>();
  const everyLine: number[] = [];
  const gated = planGates(targets, costs, everyLineCost);
  targets.forEach(({ literals, headBytes }, target) => {
    const best = gated.get(target) ?? bestClause(literals, headBytes, costs, chosen, everyLineCost)?.needles;
    if (best === undefined) {
      everyLine.push(target);
      return;
    }
    for (const needle of best) {
      const key = needle.toString('latin1');
      const entry = chosen.get(key) ?? { needle, targets: [] };
      entry.targets.push(target);
      chosen.set(key, entry);
    }
  });

  // A needle inside another finds every line the other finds: scan only the inner one.
  const entries = [...chosen.values()].sort((a, b) => a.needle.length - b.needle.length);
  const kept: { needle: Buffer; targets: Set<number> }[] = [];
  for (const entry of entries) {
    const inner = kept.find((k) => entry.needle.includes(k.needle));
    if (inner !== undefined) for (const t of entry.targets) inner.targets.add(t);
    else kept.push({ needle: entry.needle, targets: new Set(entry.targets) });
  }
  const overflow = kept.splice(MAX_NEEDLES - 1);
  for (const entry of overflow) everyLine.push(...entry.targets);
  const needles = kept.map((k) => k.needle);
  const long = kept.map((k) =>
    extendNeedle(
      k.needle,
      [...k.targets].flatMap((t) => {
        const { literals, headBytes } = targets[t] as ScanTarget;
        return literals.flat().map((l) => Buffer.from(l, 'utf8').subarray(headBytes));
      }),
    ),
  );
  const { indexOfNeedles, skip } = splitScan(needles, long, costs, sample);
  return {
    needles,
    needleTargets: kept.map((k) => [...k.targets].sort((a, b) => a - b)),
    everyLine: [...new Set(everyLine)].sort((a, b) => a - b),
    indexOfNeedles,
    skip,
  };
}

/** The longest needle a skip scan compares. */
const MAX_LONG_NEEDLE = 32;

/**
 * The longest string around `needle` that every literal containing it contains as well (without a
 * newline, at most MAX_LONG_NEEDLE bytes): a line holding one of those literals holds the whole string,
 * so the skip scan may look for it instead, and longer strings let its window jump further.
 */
function extendNeedle(needle: Buffer, literals: readonly Buffer[]): Buffer {
  const holding = literals.filter((l) => l.includes(needle));
  const first = holding[0];
  if (first === undefined) return needle;
  let start = first.indexOf(needle);
  let end = start + needle.length;
  const fits = (from: number, to: number): boolean => {
    const candidate = first.subarray(from, to);
    return candidate.indexOf(10) < 0 && holding.every((l) => l.includes(candidate));
  };
  while (end < first.length && end - start < MAX_LONG_NEEDLE && fits(start, end + 1)) end++;
  while (start > 0 && end - start < MAX_LONG_NEEDLE && fits(start - 1, end)) start--;
  return first.subarray(start, end);
}

/** Skip scans are costed on this much of the sample (one pass per set tried). */
const SKIP_SAMPLE_BYTES = 64 * 1024;

/**
 * Which needles one skip scan finds and which indexOf finds one by one, whichever costs least on the
 * sample. The window is the shortest skip needle's length and the longest jump one less, so for each
 * window length the needles at least that long that are dearest to find by indexOf (common first byte)
 * are moved into the skip scan one by one; a set is costed by running its scan's jumps over the sample.
 */
function splitScan(
  needles: readonly Buffer[],
  long: readonly Buffer[],
  costs: NeedleCosts,
  sample: Buffer,
): { indexOfNeedles: number[]; skip: SkipScan | undefined } {
  const all = needles.map((_, n) => n);
  const indexOfCost = (n: number): number => costs.scanCost(needles[n] as Buffer);
  const byCost = [...all].sort((a, b) => indexOfCost(b) - indexOfCost(a));
  const part = sample.subarray(0, Math.min(sample.length, SKIP_SAMPLE_BYTES));
  const scale = sample.length / Math.max(1, part.length);
  const pairs = pairCounts(part);
  const allByIndexOf = all.reduce((sum, n) => sum + indexOfCost(n), 0);
  let best: { cost: number; inSkip: number[] } = { cost: allByIndexOf, inSkip: [] };
  const windows = [...new Set(long.map((n) => n.length))].filter((w) => w >= MIN_SKIP_WINDOW);
  for (const window of windows) {
    const eligible = byCost.filter((n) => (long[n]?.length ?? 0) >= window);
    let rest = allByIndexOf;
    for (let moved = 1; moved <= eligible.length; moved++) {
      rest -= indexOfCost(eligible[moved - 1] as number);
      const inSkip = eligible.slice(0, moved);
      if (Math.min(...inSkip.map((n) => long[n]?.length ?? 0)) !== window) continue;
      const { jumps, stops } = skipScanWork(
        inSkip.map((n) => long[n] as Buffer),
        part,
        pairs,
      );
      const cost = rest + (jumps * SKIP_JUMP_NS + stops * SKIP_STOP_NS) * scale;
      if (cost < best.cost) best = { cost, inSkip };
    }
  }
  const { inSkip } = best;
  if (inSkip.length === 0) return { indexOfNeedles: all, skip: undefined };
  return {
    indexOfNeedles: all.filter((n) => !inSkip.includes(n)),
    skip: buildSkipScan(
      inSkip.map((n) => long[n] as Buffer),
      inSkip,
      pairs,
    ),
  };
}

/**
 * Scans a chunk for every needle; returns the number of hits written to `hits` (grown as needed), each
 * position * MAX_NEEDLES + needle number, sorted by position.
 */
export function scanLiterals(plan: LiteralScanPlan, chunk: Buffer, hits: HitBuffer): number {
  let count = 0;
  const { needles, indexOfNeedles } = plan;
  for (let k = 0; k < indexOfNeedles.length; k++) {
    const n = indexOfNeedles[k] as number;
    const needle = needles[n] as Buffer;
    for (let i = chunk.indexOf(needle); i >= 0; i = chunk.indexOf(needle, i + 1)) {
      pushHit(hits, count++, i * MAX_NEEDLES + n);
    }
  }
  if (plan.skip !== undefined) count = skipScan(plan.skip, chunk, hits, count, MAX_NEEDLES);
  hits.array.subarray(0, count).sort();
  return count;
}

export function hitPosition(hit: number): number {
  return Math.floor(hit / MAX_NEEDLES);
}

export function hitNeedle(hit: number): number {
  return hit % MAX_NEEDLES;
}
