// The LogSource contract: a source reads one kind of log (files, the journal, memory in tests) and hands
// whole lines, as raw bytes, to one async consumer, in order, waiting for it before reading far ahead.
// The matching stage splits the lines itself; a source never interprets them beyond finding newlines.
import type { SourceStats } from './source-metrics.js';

export type { FilePosition, JournalPosition, MemoryPosition, SourcePosition } from '../core/positions.js';
import type { SourcePosition } from '../core/positions.js';

/** One delivery: whole lines of one origin, in order. */
export interface LogChunk {
  /** The id the caller gave the source. */
  readonly sourceId: string;
  /** What the lines came from: the log path for files, `journal:<id>` for the journal. */
  readonly origin: string;
  /** Whole lines, each ending with \n. */
  readonly chunk: Buffer;
  /** Number of lines in chunk. */
  readonly lines: number;
  /** What to save to resume right after this chunk. */
  readonly position: SourcePosition;
  /** Journal only: each line's entry time in ms, in line order. Journal lines carry their own time, so
   * the caller uses it instead of detecting a date (fail2ban does the same for its systemd backend). */
  readonly times?: readonly number[];
}

/** Processes one chunk; the source waits for the returned promise before delivering the next one. */
export type ChunkConsumer = (chunk: LogChunk) => Promise<void>;

/** How a source ended: stopped by its owner, or failed (the supervisor decides whether to restart it). */
export type SourceEnd = { readonly reason: 'stopped' } | { readonly reason: 'failed'; readonly error: Error };

export interface LogSource {
  readonly id: string;
  /** Restores positions and begins reading; rejects with a Fail2nftError when the source cannot start
   * (journalctl missing, invalid options). Call once. */
  start(consumer: ChunkConsumer): Promise<void>;
  /** Stops reading, waits for the chunk the consumer holds and saves its position, releases files and
   * child processes. Chunks read but not yet handed over are not saved, so they are read again next time. */
  stop(): Promise<void>;
  /** Settles when the source has ended; never rejects. */
  ended(): Promise<SourceEnd>;
  /** Counters as plain numbers (a snapshot). */
  stats(): SourceStats;
  /**
   * Asked by the consumer while it holds a chunk: true when that chunk was read before the source first
   * reached the end of what existed at start (the backlog), or when the source cannot tell yet.
   */
  inBacklog(): boolean;
}
