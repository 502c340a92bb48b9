// The records the benchmark produces (printed as tables, written as JSON).
import type { DriverName } from './bench-options.js';
import type { FailureDifference } from './failure-difference.js';
import type { MachineInfo } from './machine-info.js';
import type { LogName } from './scenario.js';

export interface ThroughputResult {
  readonly scenario: string;
  readonly driver: DriverName;
  /** Worker threads (engine), 1 otherwise. */
  readonly threads: number;
  readonly log: LogName;
  readonly lines: number;
  readonly bytes: number;
  readonly filters: readonly string[];
  /** Whose filter files were read. */
  readonly filterSource: 'bundled' | 'debian';
  /** Seconds of every timed repetition; the median is reported. */
  readonly runs: readonly number[];
  readonly seconds: number;
  readonly linesPerSecond: number;
  readonly linesPerSecondPerCore: number;
  readonly targetPerCore: number | undefined;
  /** Failures found per filter (last repetition), and whether every repetition found the same. */
  readonly failures: readonly number[];
  readonly stable: boolean;
  /** The ground truth's failure count per filter, when the whole file was read. */
  readonly truthFailures: readonly (number | undefined)[] | undefined;
}

export interface OurComparisonRun {
  readonly driver: DriverName;
  readonly threads: number;
  readonly seconds: number;
  readonly linesPerSecond: number;
  /** Ours / fail2ban-regex's processing rate (start-up excluded on its side). */
  readonly ratio: number;
  readonly difference: FailureDifference;
}

export interface ComparisonResult {
  readonly scenario: string;
  readonly log: LogName;
  readonly lines: number;
  readonly filter: string;
  /** Whose filter files both sides read. */
  readonly filterSource: 'bundled' | 'debian';
  readonly fail2ban: {
    readonly wallSeconds: number;
    readonly startupSeconds: number;
    /** lines / (wall - start-up). */
    readonly linesPerSecond: number;
    readonly failures: number;
  };
  readonly ours: readonly OurComparisonRun[];
  readonly targetRatio: number;
}

export interface SkippedScenario {
  readonly scenario: string;
  readonly reason: string;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly machine: MachineInfo;
  readonly options: Readonly<Record<string, unknown>>;
  readonly drivers: readonly {
    readonly name: DriverName;
    readonly available: boolean;
    readonly reason?: string;
  }[];
  readonly throughput: readonly ThroughputResult[];
  readonly comparisons: readonly ComparisonResult[];
  readonly skipped: readonly SkippedScenario[];
}
