// Checks shared by the firewall's option validation: each failure names the option and what it must be.
import { Fail2nftError } from '../core/errors.js';

function describeValue(value: unknown): string {
  if (value === undefined || typeof value === 'bigint' || typeof value === 'function') return String(value);
  return JSON.stringify(value);
}

export function badOption(owner: string, option: string, expected: string, value: unknown): Fail2nftError {
  return new Fail2nftError(
    'F2N_ERR_FIREWALL_BAD_OPTION',
    `${owner}: option ${option} must be ${expected} (got ${describeValue(value)})`,
    { option },
  );
}

export function checkInteger(
  owner: string,
  option: string,
  value: unknown,
  min: number,
  max: number,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw badOption(owner, option, `an integer from ${min} to ${max}`, value);
  return value;
}

export function checkPattern(
  owner: string,
  option: string,
  value: unknown,
  pattern: RegExp,
  expected: string,
): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw badOption(owner, option, expected, value);
  return value;
}

export function checkOneOf<T extends string>(
  owner: string,
  option: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw badOption(owner, option, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  return value as T;
}

/** A network namespace name for `ip netns exec` (undefined = the host's). */
export function checkNetns(owner: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return checkPattern(owner, 'netns', value, /^[A-Za-z0-9_.-]{1,64}$/, 'a network namespace name');
}

/** A program name or absolute path, run without a shell. */
export function checkCommand(owner: string, option: string, value: unknown): string {
  return checkPattern(owner, option, value, /^[A-Za-z0-9_./+-]+$/, 'a program name or path');
}
