// The source matcher's options: what callers pass (SourceMatcherOptions, all optional) filled with
// defaults and checked once; each option has its own message.
import { systemClock, type Clock } from '../core/clock.js';
import { Fail2nftError } from '../core/errors.js';
import type { SourceMatcherOptions } from './source-matcher-types.js';

export const DEFAULT_MAX_LINE_LENGTH = 65_536;

export interface FilledSourceMatcherOptions {
  readonly maxLineLength: number;
  readonly clock: Clock;
  readonly checkFindTime: boolean;
  readonly inOperation: boolean;
  readonly findtimeMs: Readonly<Record<string, number>>;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Fail2nftError('F2N_ERR_MATCH_BAD_OPTION', `${name} must be a positive integer, got ${value}`, {
      option: name,
      value,
    });
  }
  return value;
}

export function fillSourceMatcherOptions(options: SourceMatcherOptions): FilledSourceMatcherOptions {
  const findtimeMs = options.findtimeMs ?? {};
  for (const [jail, ms] of Object.entries(findtimeMs)) {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new Fail2nftError(
        'F2N_ERR_MATCH_BAD_OPTION',
        `findtimeMs of jail ${jail} must be a number of milliseconds >= 0, got ${ms}`,
        { option: 'findtimeMs', jail, value: ms },
      );
    }
  }
  return Object.freeze({
    maxLineLength: positiveInteger('maxLineLength', options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH),
    clock: options.clock ?? systemClock,
    checkFindTime: options.checkFindTime ?? true,
    inOperation: options.inOperation ?? true,
    findtimeMs: Object.freeze({ ...findtimeMs }),
  });
}
