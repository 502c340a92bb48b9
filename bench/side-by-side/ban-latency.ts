// Ban latency: from the moment the line that completes a ban became readable to the moment its element
// appeared in the kernel. Which line completes a ban comes from our matcher's failures in corpus order
// (every corpus line counts as "now" in the benchmark, so the maxretry-th failure of an address in a
// jail completes its ban). Pure.
import { percentile } from '../firewall/bench-statistics.js';
import { canonicalAddress } from '../service/ban-comparison.js';
import { lineWrittenAt, type WrittenPiece } from './write-times.js';

export interface JailFailure {
  readonly jail: string;
  /** 1-based corpus line. */
  readonly line: number;
  readonly id: string;
}

/** Per jail: address → the corpus line of its maxretry-th failure. */
export function completingLines(
  failures: Iterable<JailFailure>,
  maxretry: number,
): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  const result = new Map<string, Map<string, number>>();
  for (const failure of failures) {
    const address = canonicalAddress(failure.id);
    let jailCounts = counts.get(failure.jail);
    if (jailCounts === undefined) {
      jailCounts = new Map();
      counts.set(failure.jail, jailCounts);
      result.set(failure.jail, new Map());
    }
    const count = (jailCounts.get(address) ?? 0) + 1;
    jailCounts.set(address, count);
    if (count === maxretry) result.get(failure.jail)?.set(address, failure.line);
  }
  return result;
}

export interface LatencySummary {
  /** Bans whose completing line is known (the others are not counted). */
  readonly bans: number;
  readonly unattributed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Latencies of every element seen in the kernel, markers excluded by the caller. */
export function banLatencies(
  seen: ReadonlyMap<string, ReadonlyMap<string, number>>,
  completing: ReadonlyMap<string, ReadonlyMap<string, number>>,
  pieces: readonly WrittenPiece[],
  exclude: readonly string[],
): LatencySummary {
  const skip = new Set(exclude.map(canonicalAddress));
  const latencies: number[] = [];
  let unattributed = 0;
  for (const [jail, elements] of seen) {
    const lines = completing.get(jail);
    for (const [address, t] of elements) {
      if (skip.has(address)) continue;
      const line = lines?.get(address);
      const written = line === undefined ? undefined : lineWrittenAt(pieces, line);
      if (written === undefined) unattributed++;
      else latencies.push(t - written);
    }
  }
  return {
    bans: latencies.length,
    unattributed,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs:
      latencies.length === 0
        ? Number.NaN
        : latencies.reduce((max, value) => (value > max ? value : max), Number.NEGATIVE_INFINITY),
  };
}
