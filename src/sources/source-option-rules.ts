// Checks shared by the sources' option validation: each failure names the option and what it must be,
// so every option has its own exact message.
import { Fail2nftError } from '../core/errors.js';

function describeValue(value: unknown): string {
  if (value === undefined || typeof value === 'bigint' || typeof value === 'function') return String(value);
  return JSON.stringify(value);
}

export function badOption(source: string, option: string, expected: string, value: unknown): Fail2nftError {
  return new Fail2nftError(
    'F2N_ERR_SOURCE_BAD_OPTION',
    `${source}: option ${option} must be ${expected} (got ${describeValue(value)})`,
    { option },
  );
}

export function checkId(source: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw badOption(source, 'id', 'a non-empty string', value);
  return value;
}

export function checkInteger(
  source: string,
  option: string,
  value: unknown,
  min: number,
  max: number,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw badOption(source, option, `an integer from ${min} to ${max}`, value);
  return value;
}

export function checkOneOf<T extends string>(
  source: string,
  option: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw badOption(source, option, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  return value as T;
}
