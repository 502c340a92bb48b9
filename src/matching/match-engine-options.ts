// The match engine's options filled with defaults and checked once, each with its own message.
import { systemClock, type Clock } from '../core/clock.js';
import { Fail2nftError } from '../core/errors.js';
import type { EngineResult, FaultInjection, MatchEngineOptions } from './match-engine-types.js';
import { DEFAULT_MAX_LINE_LENGTH } from './source-matcher-options.js';

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

export interface FilledMatchEngineOptions {
  readonly workers: number;
  readonly maxLineLength: number;
  readonly chunkBytes: number;
  readonly maxChunksInFlight: number;
  readonly clock: Clock;
  readonly checkFindTime: boolean;
  readonly inOperation: boolean;
  readonly findtimeMs: Readonly<Record<string, number>>;
  readonly maxAttempts: number;
  readonly onResult: ((result: EngineResult) => void) | undefined;
  readonly faultInjection: FaultInjection | undefined;
  readonly onTask: ((worker: number, busyMs: number) => void) | undefined;
}

function bad(option: string, message: string, value: unknown): Fail2nftError {
  return new Fail2nftError('F2N_ERR_MATCH_BAD_OPTION', `${option} ${message}, got ${String(value)}`, {
    option,
    value,
  });
}

function integer(option: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw bad(option, `must be an integer >= ${min}`, value);
  return value;
}

export function fillMatchEngineOptions(options: MatchEngineOptions): FilledMatchEngineOptions {
  const workers = integer('workers', options.workers ?? 1, 1);
  const maxLineLength = integer('maxLineLength', options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH, 1);
  const chunkBytes = integer('chunkBytes', options.chunkBytes ?? DEFAULT_CHUNK_BYTES, 2);
  if (chunkBytes <= maxLineLength)
    throw bad('chunkBytes', `must exceed maxLineLength (${maxLineLength})`, chunkBytes);
  const fault = options.faultInjection;
  if (fault !== undefined && (fault.marker === '' || !Number.isSafeInteger(fault.times) || fault.times < 0))
    throw bad('faultInjection', 'needs a non-empty marker and times >= 0', JSON.stringify(fault));
  return Object.freeze({
    workers,
    maxLineLength,
    chunkBytes,
    maxChunksInFlight: integer('maxChunksInFlight', options.maxChunksInFlight ?? 2 * workers + 2, 1),
    clock: options.clock ?? systemClock,
    checkFindTime: options.checkFindTime ?? true,
    inOperation: options.inOperation ?? true,
    findtimeMs: Object.freeze({ ...(options.findtimeMs ?? {}) }),
    maxAttempts: integer('maxAttempts', options.maxAttempts ?? 3, 1),
    onResult: options.onResult,
    faultInjection: fault,
    onTask: options.onTask,
  });
}
