// Checks for a stage's option validation, each failure naming the option and what it must be, so every
// option has its own exact message. A stage binds them to its own error code once.
import type { ErrorCode } from './error-codes.js';
import { Fail2nftError } from './errors.js';

function describeValue(value: unknown): string {
  if (value === undefined || typeof value === 'bigint' || typeof value === 'function') return String(value);
  return JSON.stringify(value);
}

export interface OptionRules {
  readonly badOption: (owner: string, option: string, expected: string, value: unknown) => Fail2nftError;
  readonly checkInteger: (owner: string, option: string, value: unknown, min: number, max: number) => number;
  readonly checkPattern: (
    owner: string,
    option: string,
    value: unknown,
    pattern: RegExp,
    expected: string,
  ) => string;
  readonly checkOneOf: <T extends string>(
    owner: string,
    option: string,
    value: unknown,
    allowed: readonly T[],
  ) => T;
}

export function createOptionRules(code: ErrorCode): OptionRules {
  const badOption = (owner: string, option: string, expected: string, value: unknown): Fail2nftError =>
    new Fail2nftError(code, `${owner}: option ${option} must be ${expected} (got ${describeValue(value)})`, {
      option,
    });
  return {
    badOption,
    checkInteger: (owner, option, value, min, max) => {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        throw badOption(owner, option, `an integer from ${min} to ${max}`, value);
      return value;
    },
    checkPattern: (owner, option, value, pattern, expected) => {
      if (typeof value !== 'string' || !pattern.test(value)) throw badOption(owner, option, expected, value);
      return value;
    },
    checkOneOf: <T extends string>(
      owner: string,
      option: string,
      value: unknown,
      allowed: readonly T[],
    ): T => {
      if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
        throw badOption(owner, option, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
      return value as T;
    },
  };
}
