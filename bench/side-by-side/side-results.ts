// The records of one side-by-side run: per scenario and service what was measured, and how the two
// services' kernel bans compare. Plain data, written by --json and rendered by format-side-by-side.ts.
import type { MachineInfo } from '../matching/machine-info.js';
import type { JailBanComparison } from '../service/ban-comparison.js';
import type { HistogramBucket } from '../service/runner-protocol.js';
import type { LatencySummary } from './ban-latency.js';
import type { Measured } from './measure-side-io.js';
import type { SideInput } from './side-input.js';

export interface KernelCheck {
  /** How the monitor's elements were checked against the kernel. */
  readonly method: 'listed' | 'sampled';
  readonly checked: number;
  /** Elements the check did not find where the monitor saw them (0 when everything agrees). */
  readonly missing: number;
}

export interface SideRun {
  readonly tool: 'fail2nft' | 'fail2ban';
  /** The scenario, or e.g. `flood paced 1k failures/s`. */
  readonly run: string;
  readonly setup: string;
  /** Appended lines per second when paced; undefined = full speed. */
  readonly pacedLinesPerSec: number | undefined;
  readonly lines: number;
  readonly bytes: number;
  readonly t0Ms: number;
  readonly writerDoneMs: number;
  /** The sentinel ban of every jail in the kernel (the last line read, decided and enforced). */
  readonly endMs: number;
  /** Failures counted per jail, marker lines taken out. */
  readonly failures: Readonly<Record<string, number>>;
  /** Elements added to the kernel per jail (seen by nft monitor), markers taken out. */
  readonly kernelBans: Readonly<Record<string, number>>;
  /** The kernel's addresses per jail when there are at most this many in all (for the comparison). */
  readonly kernelAddresses: Readonly<Record<string, readonly string[]>> | undefined;
  readonly kernelCheck: KernelCheck;
  readonly latency: LatencySummary;
  /** fail2nft's own ban-latency histogram (line read → commit), all jails. */
  readonly serviceLatency: readonly HistogramBucket[] | undefined;
  /** utime + stime of the service process (all threads) from t0 to the end. */
  readonly cpuSec: number;
  /** Its child processes: fail2ban's action shells and their nft; fail2nft's command helper and its nft. */
  readonly childCpuSec: number;
  readonly peakRssMiB: number;
  /** fail2nft: its main thread's JS heap after a full collection at the end (live data), MiB. */
  readonly liveHeapMiB: number | undefined;
  readonly notes: readonly string[];
}

export interface ScenarioReport {
  readonly scenario: string;
  readonly corpus: string;
  readonly jails: readonly string[];
  readonly maxretry: number;
  readonly runs: readonly SideRun[];
  /** Kernel ban sets compared, when both sides appended the same lines and listed their sets. */
  readonly comparison: readonly JailBanComparison[] | undefined;
  /** The documented semantic difference that explains differing failure counts or bans. */
  readonly knownDifference: string | undefined;
  readonly skipped: readonly string[];
}

export interface SideBySideReport {
  readonly startedAt: string;
  readonly command: string;
  readonly machine: MachineInfo;
  readonly nft: string | undefined;
  readonly scenarios: readonly ScenarioReport[];
}

/** What a run's record takes from its input and its measurement, the same for both services. */
export function measuredRunFields(
  input: SideInput,
  measured: Measured,
): Pick<
  SideRun,
  | 'run'
  | 'pacedLinesPerSec'
  | 'lines'
  | 'bytes'
  | 't0Ms'
  | 'writerDoneMs'
  | 'endMs'
  | 'kernelBans'
  | 'kernelAddresses'
  | 'kernelCheck'
  | 'latency'
  | 'cpuSec'
  | 'childCpuSec'
> {
  return {
    run: input.run,
    pacedLinesPerSec: input.paced?.linesPerSec,
    lines: input.lines,
    bytes: input.bytes,
    t0Ms: measured.append.firstWriteMs,
    writerDoneMs: measured.append.lastWriteMs,
    endMs: measured.endMs,
    kernelBans: measured.kernelBans,
    kernelAddresses: measured.kernelAddresses,
    kernelCheck: measured.kernelCheck,
    latency: measured.latency,
    cpuSec: measured.cpuSec,
    childCpuSec: measured.childCpuSec,
  };
}

export function runSeconds(run: SideRun): number {
  return (run.endMs - run.t0Ms) / 1000;
}

export function runLinesPerSecond(run: SideRun): number {
  return run.lines / runSeconds(run);
}

export function totalBans(run: SideRun): number {
  return Object.values(run.kernelBans).reduce((sum, count) => sum + count, 0);
}
