// The contract every matcher under test is driven through: open a session for a set of jails (filters)
// on one log source, hand it the log's chunks, get the failures back. Opening (compiling regexes,
// starting workers) is not timed; process() is.
import type { FilterSpec } from '../../../src/core/filter-spec.js';
import type { DriverName } from '../bench-options.js';

/** One failure: which jail (index into the jails given to open), the 1-based line, the failure id. */
export interface FailureRecord {
  readonly jail: number;
  readonly line: number;
  readonly id: string;
}

export interface ProcessResult {
  /** Failures found per jail (same order as the jails). */
  readonly failures: readonly number[];
  /** Every failure, when the session was opened with `collect`. */
  readonly records: readonly FailureRecord[] | undefined;
}

export interface MatchSession {
  process(chunks: readonly Buffer[]): Promise<ProcessResult>;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Keep every failure (for the comparison with fail2ban-regex), not just counts. */
  readonly collect: boolean;
  /** Worker threads (the engine only; the others run on the calling thread). */
  readonly workers: number;
  /** "Now" for year-less log dates. */
  readonly nowMs: number;
  /**
   * Log chunks a threaded driver runs through its fresh workers before process() is timed, under
   * another source, so that their JIT is as warm as the calling thread's (a service's workers run for
   * days); the timed lines see none of that source's state.
   */
  readonly warmUp?: readonly Buffer[];
}

export interface MatchDriver {
  readonly name: DriverName;
  /** True when matching runs on worker threads (so lines/s is not per core). */
  readonly threaded: boolean;
  open(jails: readonly FilterSpec[], options: SessionOptions): Promise<MatchSession>;
}
