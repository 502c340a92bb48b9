// Options of the journal source: what the caller passes (JournalSourceOptions) and the checked, frozen
// result (FilledJournalSourceOptions). Each option has its own error message.
import { badOption, checkId, checkInteger, checkOneOf } from '../source-option-rules.js';
import type { JournalDateStyle } from './format-journal-entry.js';

export interface JournalSourceOptions {
  readonly id: string;
  /** The jail's journalmatch split into words: `FIELD=value` terms and `+` between alternatives. */
  readonly matches?: readonly string[];
  /** Without a saved cursor: start at entries since this time (the caller passes now - findtime, as
   * fail2ban seeks); lines older than findtime are then skipped by the caller by their times. */
  readonly sinceMs?: number;
  /** Without a saved cursor or sinceMs: the whole journal ('head') or only new entries ('tail'). */
  readonly startAt?: 'head' | 'tail';
  /** fail2ban's journalpath: a journal directory (journalctl --directory). */
  readonly directory?: string;
  /** fail2ban's journalfiles, already expanded: journal files (journalctl --file). */
  readonly files?: readonly string[];
  /** A journal namespace (journalctl --namespace). */
  readonly namespace?: string;
  /** Only system journals (fail2ban's default flags); defaults to true unless directory or files. */
  readonly systemOnly?: boolean;
  /** Program to run (looked up on PATH when it has no slash). */
  readonly journalctl?: string;
  readonly dateStyle?: JournalDateStyle;
  /** Longer formatted lines are dropped and counted (skippedLong). */
  readonly maxLineLength?: number;
  /** Longer JSON entries are dropped up to their newline and counted (skippedLong). */
  readonly maxEntryBytes?: number;
  /** Most lines in one chunk. */
  readonly chunkLines?: number;
  /** Chunks read ahead of the consumer before journalctl's output is paused. */
  readonly queueCapacity?: number;
  /** How long stop() waits after SIGTERM before killing journalctl with SIGKILL. */
  readonly stopTimeoutMs?: number;
}

export interface FilledJournalSourceOptions {
  readonly id: string;
  readonly matches: readonly string[];
  readonly sinceMs: number | undefined;
  readonly startAt: 'head' | 'tail';
  readonly directory: string | undefined;
  readonly files: readonly string[];
  readonly namespace: string | undefined;
  readonly systemOnly: boolean;
  readonly journalctl: string;
  readonly dateStyle: JournalDateStyle;
  readonly maxLineLength: number;
  readonly maxEntryBytes: number;
  readonly chunkLines: number;
  readonly queueCapacity: number;
  readonly stopTimeoutMs: number;
}

export const journalSourceDefaults = {
  startAt: 'tail',
  journalctl: 'journalctl',
  dateStyle: 'iso',
  maxLineLength: 65_536,
  maxEntryBytes: 1_048_576,
  chunkLines: 512,
  queueCapacity: 8,
  stopTimeoutMs: 2000,
} as const;

const source = 'journal source';
const journalField = /^[A-Z_][A-Z0-9_]*=/;

function checkText(option: string, value: unknown, expected: string): string {
  if (typeof value !== 'string' || value === '' || value.includes('\0'))
    throw badOption(source, option, expected, value);
  return value;
}

function checkList(option: string, value: unknown, each: (item: unknown) => string): readonly string[] {
  if (value === undefined) return Object.freeze([]);
  if (!Array.isArray(value)) throw badOption(source, option, 'a list of strings', value);
  return Object.freeze((value as unknown[]).map(each));
}

export function fillJournalSourceOptions(options: JournalSourceOptions): FilledJournalSourceOptions {
  const id = checkId(source, options.id);
  const matches = checkList('matches', options.matches, (word) => {
    if (word !== '+' && (typeof word !== 'string' || !journalField.test(word) || word.includes('\0')))
      throw badOption(source, 'matches', 'journalmatch words: FIELD=value (FIELD in upper case) or +', word);
    return word;
  });
  if (
    matches[0] === '+' ||
    matches.at(-1) === '+' ||
    matches.some((w, i) => w === '+' && matches[i + 1] === '+')
  )
    throw badOption(source, 'matches', 'terms with a single + between alternatives', matches);
  const sinceMs = options.sinceMs;
  if (sinceMs !== undefined && (typeof sinceMs !== 'number' || !Number.isFinite(sinceMs) || sinceMs < 0))
    throw badOption(source, 'sinceMs', 'a time in ms since the epoch', sinceMs);
  const directory =
    options.directory === undefined
      ? undefined
      : checkText('directory', options.directory, 'a directory path');
  const files = checkList('files', options.files, (file) => checkText('files', file, 'a list of file paths'));
  const namespace =
    options.namespace === undefined
      ? undefined
      : checkText('namespace', options.namespace, 'a namespace name');
  const systemOnly = options.systemOnly ?? (directory === undefined && files.length === 0);
  if (typeof systemOnly !== 'boolean') throw badOption(source, 'systemOnly', 'true or false', systemOnly);
  return Object.freeze({
    id,
    matches,
    sinceMs,
    startAt: checkOneOf(source, 'startAt', options.startAt ?? journalSourceDefaults.startAt, [
      'head',
      'tail',
    ]),
    directory,
    files,
    namespace,
    systemOnly,
    journalctl: checkText(
      'journalctl',
      options.journalctl ?? journalSourceDefaults.journalctl,
      'a program name or path',
    ),
    dateStyle: checkOneOf(source, 'dateStyle', options.dateStyle ?? journalSourceDefaults.dateStyle, [
      'iso',
      'syslog',
    ]),
    maxLineLength: checkInteger(
      source,
      'maxLineLength',
      options.maxLineLength ?? journalSourceDefaults.maxLineLength,
      1,
      64 * 1024 * 1024,
    ),
    maxEntryBytes: checkInteger(
      source,
      'maxEntryBytes',
      options.maxEntryBytes ?? journalSourceDefaults.maxEntryBytes,
      64,
      256 * 1024 * 1024,
    ),
    chunkLines: checkInteger(
      source,
      'chunkLines',
      options.chunkLines ?? journalSourceDefaults.chunkLines,
      1,
      1_000_000,
    ),
    queueCapacity: checkInteger(
      source,
      'queueCapacity',
      options.queueCapacity ?? journalSourceDefaults.queueCapacity,
      1,
      1024,
    ),
    stopTimeoutMs: checkInteger(
      source,
      'stopTimeoutMs',
      options.stopTimeoutMs ?? journalSourceDefaults.stopTimeoutMs,
      1,
      60_000,
    ),
  });
}
