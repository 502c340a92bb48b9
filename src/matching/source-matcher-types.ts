// What the source matcher and the match engine take and give: one log source read by several jails, the
// failures found in a chunk of its lines, and the date memory handed from one chunk to the next.
import type { Clock } from '../core/clock.js';
import type { FilterSpec } from '../core/filter-spec.js';
import type { FailureIdKind } from './line-filter-types.js';

/** One log source (file) and the jails that read it (FilterSpec.name is the jail name, unique here). */
export interface SourceSpec {
  readonly id: string;
  readonly jails: readonly FilterSpec[];
}

/** A failure found in a chunk. Plain data, strings copied (none keeps the chunk alive). */
export interface MatchedFailure {
  readonly jail: string;
  /** Canonical address, network, host name or custom id (see LineFilter). */
  readonly id: string;
  readonly kind: FailureIdKind;
  /** Log time in ms; "now" when the line had no time and none could be assumed (only without checkFindTime). */
  readonly timeMs: number;
  /** Which failregex matched (index in the jail's filter). */
  readonly failregex: number;
  readonly user?: string;
  /** 0-based line number in the chunk. */
  readonly lineInChunk: number;
  /** The line(s) of the failure, for actions' <matches>. */
  readonly matches: readonly string[];
}

/**
 * The date memory of jails sharing a date detector (same datepattern and logtimezone): the last dated
 * line's time and text, which a later line without a date borrows.
 */
export interface DateCarry {
  readonly lastDate: number | undefined;
  readonly lastTimeText: string;
}

export interface ChunkResult {
  /** Lines in the chunk (skipped ones included). */
  readonly lines: number;
  /** Lines longer than maxLineLength, skipped. */
  readonly skippedLong: number;
  /** Lines that are not valid UTF-8 (matched after decoding with U+FFFD replacements). */
  readonly invalidUtf8: number;
  /** Lines containing NUL bytes (matched as they are). */
  readonly nulLines: number;
  /** In line order, then jail order. */
  readonly failures: readonly MatchedFailure[];
  /**
   * Per date group (see SourceMatcher.dateGroups): the memory after the chunk, or null when the chunk
   * started from an unknown memory and had no dated line (the predecessor's memory passes through).
   */
  readonly lastDates: readonly (DateCarry | null)[];
  /**
   * The chunk started from an unknown memory and a line without a date came before any dated one: the
   * rest of the result is empty; process the chunk again with its predecessor's lastDates as carry.
   */
  readonly needsCarry: boolean;
}

export interface SourceMatcherOptions {
  /** Longer lines are skipped and counted (default 65536 bytes, the configuration's default). */
  readonly maxLineLength?: number;
  /** "Now" when a chunk is processed without one (default: the system clock). */
  readonly clock?: Clock;
  /** fail2ban's service mode: times far from now become now; old lines are dropped while catching up (default true). */
  readonly checkFindTime?: boolean;
  /** False while a file's backlog is read (lines older than findtime are dropped); default true. */
  readonly inOperation?: boolean;
  /** findtime per jail name in ms (default 600 000), for dropping old lines while catching up. */
  readonly findtimeMs?: Readonly<Record<string, number>>;
}

export interface ChunkContext {
  /** "Now" for this chunk (default: the clock). */
  readonly nowMs?: number;
  /** Overrides the option for this chunk. */
  readonly inOperation?: boolean;
  /**
   * Per date group, the memory to start from; null = unknown (the predecessor is processed elsewhere).
   * Absent: the matcher's own memory from its previous chunk.
   */
  readonly carry?: readonly (DateCarry | null)[];
}

export interface SourceMatcher {
  readonly source: SourceSpec;
  /** Date groups: jails with the same datepattern and logtimezone, numbered by first appearance. */
  readonly dateGroups: number;
  /** Matches a chunk of whole lines (it ends with a newline; a last line without one is taken as is). */
  processChunk(chunk: Buffer, context?: ChunkContext): ChunkResult;
}
