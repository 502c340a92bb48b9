// What both sides share once their service runs in its namespace with the seeds read: append the
// corpus (full speed or paced) and the sentinels, wait until every jail's sentinel element is in the
// kernel, then take CPU and memory from /proc, check the monitor's elements against the kernel and
// compute ban latencies.
import { readProcStats } from '../service/proc-stats.js';
import { banLatencies, type LatencySummary } from './ban-latency.js';
import type { ElementMonitor } from './element-monitor-io.js';
import { hasElement, listSet, type SetRef } from './kernel-check-io.js';
import { MARKER_ADDRESSES, SENTINEL_ADDRESS } from './marker-text.js';
import type { KernelCheck } from './side-results.js';
import { appendFullSpeed, appendPaced, type TimedAppend } from './timed-append-io.js';
import type { Piece } from './write-times.js';

export interface MeasureInput {
  readonly jails: readonly string[];
  readonly logPath: string;
  readonly netns: string;
  readonly monitor: ElementMonitor;
  /** The service process (its /proc/PID gives CPU and peak memory). */
  readonly pid: number;
  readonly pieces: readonly Piece[];
  /** Pieces one every tickMs; undefined = full speed. */
  readonly tickMs: number | undefined;
  readonly sentinels: Buffer;
  /** Per jail: address → corpus line completing its ban. */
  readonly completing: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The kernel sets of a jail, both families. */
  readonly setsOf: (jail: string) => readonly SetRef[];
  /** List whole sets (small scenarios) or sample addresses (a flood). */
  readonly listSets: boolean;
  readonly timeoutMs: number;
  readonly progress: (message: string) => void;
  readonly label: string;
}

export interface Measured {
  readonly append: TimedAppend;
  readonly endMs: number;
  readonly kernelBans: Record<string, number>;
  readonly kernelAddresses: Record<string, string[]> | undefined;
  readonly kernelCheck: KernelCheck;
  readonly latency: LatencySummary;
  readonly cpuSec: number;
  readonly childCpuSec: number;
  readonly peakRssKiB: number;
}

const POLL_MS = 25;
const SAMPLE_PER_JAIL = 10;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function untilSentinels(input: MeasureInput, t0: number): Promise<number> {
  const deadline = Date.now() + input.timeoutMs;
  let lastReport = Date.now();
  // Bounded by the deadline.
  for (;;) {
    const seen = input.monitor.seen();
    const times = input.jails.map((jail) => seen.get(jail)?.get(SENTINEL_ADDRESS));
    const known = times.filter((t): t is number => t !== undefined);
    if (known.length === times.length) return Math.max(...known);
    const now = Date.now();
    if (now > deadline) throw new Error(`${input.label}: timed out waiting for the sentinel bans`);
    if (now - lastReport >= 10_000) {
      lastReport = now;
      const counts = input.jails.map((jail) => seen.get(jail)?.size ?? 0).join(' / ');
      input.progress(`${input.label}: ${((now - t0) / 1000).toFixed(0)} s, kernel elements ${counts}`);
    }
    await sleep(POLL_MS);
  }
}

function sample<T>(values: readonly T[], count: number): T[] {
  if (values.length <= count) return [...values];
  const step = values.length / count;
  return Array.from({ length: count }, (_, i) => values[Math.floor(i * step)] as T);
}

export async function measureSide(input: MeasureInput): Promise<Measured> {
  const before = readProcStats(input.pid);
  const append =
    input.tickMs === undefined
      ? appendFullSpeed(input.logPath, input.pieces, input.sentinels)
      : await appendPaced(input.logPath, input.pieces, input.tickMs, input.sentinels);
  input.progress(
    `${input.label}: writer done after ${((append.lastWriteMs - append.firstWriteMs) / 1000).toFixed(2)} s`,
  );
  const endMs = await untilSentinels(input, append.firstWriteMs);
  const after = readProcStats(input.pid);
  const seen = input.monitor.seen();
  const skip = new Set(MARKER_ADDRESSES);
  const kernelBans: Record<string, number> = {};
  const seenLists: Record<string, string[]> = {};
  for (const jail of input.jails) {
    seenLists[jail] = [...(seen.get(jail)?.keys() ?? [])].filter((address) => !skip.has(address)).sort();
    kernelBans[jail] = seenLists[jail].length;
  }
  let checked = 0;
  let missing = 0;
  if (input.listSets) {
    for (const jail of input.jails) {
      const listed = new Set<string>();
      for (const ref of input.setsOf(jail))
        for (const address of await listSet(input.netns, ref)) if (!skip.has(address)) listed.add(address);
      const monitored = seenLists[jail] ?? [];
      checked += monitored.length;
      missing += monitored.filter((address) => !listed.has(address)).length;
      const inMonitor = new Set(monitored);
      missing += [...listed].filter((address) => !inMonitor.has(address)).length;
    }
  } else {
    for (const jail of input.jails) {
      for (const address of sample(seenLists[jail] ?? [], SAMPLE_PER_JAIL)) {
        checked++;
        let found = false;
        for (const ref of input.setsOf(jail)) found ||= await hasElement(input.netns, ref, address);
        if (!found) missing++;
      }
    }
  }
  return {
    append,
    endMs,
    kernelBans,
    kernelAddresses: input.listSets ? seenLists : undefined,
    kernelCheck: { method: input.listSets ? 'listed' : 'sampled', checked, missing },
    latency: banLatencies(seen, input.completing, append.pieces, MARKER_ADDRESSES),
    cpuSec: after.cpuSec - before.cpuSec,
    childCpuSec: after.childCpuSec - before.childCpuSec,
    peakRssKiB: after.peakRssKiB,
  };
}
