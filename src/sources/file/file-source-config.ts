// Options of the file source: what the caller passes (FileSourceOptions, defaults filled in) and the
// checked, frozen result (FilledFileSourceOptions). Each option has its own error message.
import { badOption, checkId, checkInteger, checkOneOf } from '../source-option-rules.js';

export type StartAt = 'head' | 'tail';
export type WatchMode = 'auto' | 'poll';

export interface FileSourceOptions {
  /** The caller's name for this source (appears in every chunk). */
  readonly id: string;
  /** logpath patterns (globs allowed), expanded at start and again every rescanIntervalMs. */
  readonly patterns: readonly string[];
  /** Where to start in a file that has no saved position, found at start: its first line ('head', as
   * fail2ban) or its end ('tail'). Files that appear later are read from their first line. The caller
   * skips lines older than findtime by their dates (the matching stage's LineFilter with inOperation
   * false), since only it reads dates. */
  readonly startAt?: StartAt;
  /** 'auto': inotify (fs.watch) with a fall-back to polling when watching fails; 'poll': poll only. */
  readonly watchMode?: WatchMode;
  /** How often every file is checked when polling. */
  readonly pollIntervalMs?: number;
  /** How often the patterns are expanded again and every file checked (a safety net for lost events). */
  readonly rescanIntervalMs?: number;
  /** Longer lines are dropped up to their newline and counted (skippedLong). */
  readonly maxLineLength?: number;
  /** Largest single read from a file. */
  readonly readChunkBytes?: number;
  /** Chunks read ahead of the consumer before reading pauses. */
  readonly queueCapacity?: number;
  /** How long a file whose path vanished (renamed away, nothing created yet) is still read, in case its
   * writer has not reopened the log yet. */
  readonly orphanGraceMs?: number;
}

export type FilledFileSourceOptions = Readonly<Required<FileSourceOptions>>;

export const fileSourceDefaults = {
  startAt: 'head',
  watchMode: 'auto',
  pollIntervalMs: 1000,
  rescanIntervalMs: 10_000,
  maxLineLength: 65_536,
  readChunkBytes: 65_536,
  queueCapacity: 8,
  orphanGraceMs: 60_000,
} as const;

const source = 'file source';
const day = 86_400_000;

export function fillFileSourceOptions(options: FileSourceOptions): FilledFileSourceOptions {
  const id = checkId(source, options.id);
  const patterns: unknown = options.patterns;
  if (!Array.isArray(patterns) || patterns.length === 0)
    throw badOption(source, 'patterns', 'a non-empty list of paths or globs', patterns);
  for (const pattern of patterns as unknown[])
    if (typeof pattern !== 'string' || pattern.trim() === '' || pattern.includes('\0'))
      throw badOption(source, 'patterns', 'a list of non-empty paths or globs', pattern);
  return Object.freeze({
    id,
    patterns: Object.freeze([...new Set(patterns as string[])]),
    startAt: checkOneOf(source, 'startAt', options.startAt ?? fileSourceDefaults.startAt, ['head', 'tail']),
    watchMode: checkOneOf(source, 'watchMode', options.watchMode ?? fileSourceDefaults.watchMode, [
      'auto',
      'poll',
    ]),
    pollIntervalMs: checkInteger(
      source,
      'pollIntervalMs',
      options.pollIntervalMs ?? fileSourceDefaults.pollIntervalMs,
      10,
      day,
    ),
    rescanIntervalMs: checkInteger(
      source,
      'rescanIntervalMs',
      options.rescanIntervalMs ?? fileSourceDefaults.rescanIntervalMs,
      10,
      day,
    ),
    maxLineLength: checkInteger(
      source,
      'maxLineLength',
      options.maxLineLength ?? fileSourceDefaults.maxLineLength,
      1,
      64 * 1024 * 1024,
    ),
    readChunkBytes: checkInteger(
      source,
      'readChunkBytes',
      options.readChunkBytes ?? fileSourceDefaults.readChunkBytes,
      1,
      64 * 1024 * 1024,
    ),
    queueCapacity: checkInteger(
      source,
      'queueCapacity',
      options.queueCapacity ?? fileSourceDefaults.queueCapacity,
      1,
      1024,
    ),
    orphanGraceMs: checkInteger(
      source,
      'orphanGraceMs',
      options.orphanGraceMs ?? fileSourceDefaults.orphanGraceMs,
      0,
      day,
    ),
  });
}
