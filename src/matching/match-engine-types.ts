// The match engine's surface: what callers pass, what they get per chunk and in total.
import type { Clock } from '../core/clock.js';
import type { Fail2nftError } from '../core/errors.js';
import type { MatchedFailure } from './source-matcher-types.js';

/** Test hook: a worker meeting `marker` in a chunk fails `times` times in all (then works). */
export interface FaultInjection {
  readonly marker: string;
  readonly times: number;
  /** 'exit': the worker thread exits (a crash); 'throw': the task throws. */
  readonly mode: 'exit' | 'throw';
}

export interface MatchEngineOptions {
  /** Worker threads (default 1). Each is a shard: a one-thread pool with its own task queue. */
  readonly workers?: number;
  /** Longer lines are skipped and counted (default 65536 bytes). */
  readonly maxLineLength?: number;
  /**
   * Capacity of a chunk in bytes (default 1 MiB; more than maxLineLength). Each chunk is a task with a
   * round trip through the main thread, and a source's stateful jails take their chunks one at a
   * time: on the mail log with four jails, 1 MiB chunks ran 1.86 M lines/s with one worker against
   * 1.47 M for 256 KiB chunks (same run). On the flood (50 % failure lines) the size made no
   * difference once failures were packed with fewer allocations (earlier, 256 KiB had been faster,
   * as a chunk's failures stay alive until it ends and the young-generation collector copies them).
   */
  readonly chunkBytes?: number;
  /** Chunks formed and not yet delivered before push() makes the caller wait (default 2 per worker + 2). */
  readonly maxChunksInFlight?: number;
  /** "Now" for each chunk, read when it is dispatched (default: the system clock). */
  readonly clock?: Clock;
  /** fail2ban's service mode (default true), see SourceMatcherOptions. */
  readonly checkFindTime?: boolean;
  /** False while backlogs are read (default true); per source with setInOperation(). */
  readonly inOperation?: boolean;
  /** findtime per jail name in ms (default 600 000). */
  readonly findtimeMs?: Readonly<Record<string, number>>;
  /** Tries per chunk before its failures are given up (default 3). */
  readonly maxAttempts?: number;
  /** Receives results in log order per source; without it, read them from results(). */
  readonly onResult?: (result: EngineResult) => void;
  readonly faultInjection?: FaultInjection;
  /** Told after each task a worker finished: which worker (0-based) and how long it worked on it. */
  readonly onTask?: (worker: number, busyMs: number) => void;
}

/** The outcome of one chunk of one source, delivered in order per source. */
export interface EngineResult {
  readonly sourceId: string;
  /** Chunk number within the source, from 0. */
  readonly seq: number;
  /** 1-based number of the chunk's first line among the lines pushed for the source. */
  readonly firstLine: number;
  /** Lines in the chunk, plus overlong lines dropped just before it. */
  readonly lines: number;
  readonly skippedLong: number;
  readonly invalidUtf8: number;
  readonly nulLines: number;
  /** In log order (line, then jail order); absolute line = firstLine + lineInChunk. */
  readonly failures: readonly MatchedFailure[];
  /** Set when the chunk failed maxAttempts times: its failures are lost. */
  readonly error?: Fail2nftError;
}

export interface EngineStats {
  readonly workers: number;
  readonly chunksInFlight: number;
  readonly chunks: number;
  readonly bytes: number;
  readonly lines: number;
  readonly failures: number;
  readonly skippedLong: number;
  readonly invalidUtf8: number;
  readonly nulLines: number;
  /** Tasks tried again after a worker failed. */
  readonly retries: number;
  /** Tasks sent to workers, retries and reruns included: per chunk one for each part of its source. */
  readonly tasks: number;
  /** Chunks given up after maxAttempts. */
  readonly failedChunks: number;
  /** Stateless tasks run again because they needed the previous chunk's date memory. */
  readonly carryReruns: number;
  /** Stateful jails' state (sessions, multi-line buffers) lost with a worker. */
  readonly stateResets: number;
}

export interface MatchEngine {
  /**
   * Appends bytes of a source's log (any cut). Returns a promise when the caller should wait before
   * pushing more (chunks in flight at the bound), undefined otherwise.
   */
  push(sourceId: string, bytes: Buffer): Promise<void> | undefined;
  /** From now on chunks of this source are matched in this mode (whole lines pushed so far go first). */
  setInOperation(sourceId: string, inOperation: boolean): void;
  /** The results in order per source, when no onResult was given; ends after close(). */
  results(): AsyncIterableIterator<EngineResult>;
  /**
   * Matches every whole line pushed so far and resolves once all their results went to onResult or
   * the results() queue. Pushes waiting for room (see push) must be taken care of by reading results.
   */
  drain(): Promise<void>;
  /** drain(), then stops the workers; results() still gives what is queued, then ends. */
  close(): Promise<void>;
  stats(): EngineStats;
}
