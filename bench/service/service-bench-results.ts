// The records of one service benchmark run: what each side measured and how their decisions compare.
// Plain data, written as JSON by --json and rendered by format-service-bench.ts.
import type { MachineInfo } from '../matching/machine-info.js';
import type { JailBanComparison } from './ban-comparison.js';

export interface SideResult {
  readonly tool: 'fail2nft' | 'fail2ban';
  /** How it ran, in a few words (backend, workers, dry run). */
  readonly setup: string;
  /** Corpus lines appended (the marker lines around them are not counted). */
  readonly lines: number;
  readonly bytes: number;
  /** Wall-clock ms: first write (t0), last write returned, everything read and decided. */
  readonly t0Ms: number;
  readonly writerDoneMs: number;
  readonly doneMs: number;
  /** Failures counted per jail, marker lines taken out. */
  readonly failures: Readonly<Record<string, number>>;
  /** Banned addresses per jail, canonical and sorted, marker addresses taken out. */
  readonly bans: Readonly<Record<string, readonly string[]>>;
  /** CPU seconds of the service process from t0 to done (all threads). */
  readonly cpuSec: number;
  /** CPU seconds of its child processes in the same time (fail2ban's action shells). */
  readonly childCpuSec: number;
  /** CPU seconds from process start to t0 (start-up, reading the seed lines). */
  readonly startupCpuSec: number;
  /** VmHWM at the end, MiB. */
  readonly peakRssMiB: number;
  /** With --repeat: the end-to-end seconds of every run, in run order (this result is the median run). */
  readonly runSeconds?: readonly number[];
  /** Anything odd seen on the way (a marker not decided as expected). */
  readonly notes: readonly string[];
}

export interface ServiceBenchReport {
  readonly startedAt: string;
  readonly command: string;
  readonly machine: MachineInfo;
  readonly corpus: { readonly path: string; readonly lines: number; readonly bytes: number };
  /** The generator's failure counts per jail when the whole corpus was appended. */
  readonly truthFailures: Readonly<Record<string, number>> | undefined;
  readonly sides: readonly SideResult[];
  /** Present when both sides ran. */
  readonly banComparison: readonly JailBanComparison[] | undefined;
  readonly skipped: readonly string[];
}

export function seconds(side: SideResult): number {
  return (side.doneMs - side.t0Ms) / 1000;
}

export function linesPerSecond(side: SideResult): number {
  return side.lines / seconds(side);
}
