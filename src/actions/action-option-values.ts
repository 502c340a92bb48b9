// Reading the few action options fail2nft itself interprets (timeout, norestored,
// actionstart_on_demand, native, lines). Each bad value is an F2N_ERR_ACTION_BAD_OPTION naming the
// option, thrown when the action is created, never at ban time.
import { parseDuration } from '../core/duration.js';
import { Fail2nftError } from '../core/errors.js';

/** fail2ban's command timeout. */
export const DEFAULT_ACTION_TIMEOUT_MS = 60_000;

export interface ActionOptionContext {
  readonly jail: string;
  readonly action: string;
}

export function badActionOption(context: ActionOptionContext, option: string, why: string): Fail2nftError {
  return new Fail2nftError(
    'F2N_ERR_ACTION_BAD_OPTION',
    `jail ${context.jail}, action ${context.action}: ${option}: ${why}`,
    { jail: context.jail, action: context.action, option },
  );
}

/** fail2ban's booleans; undefined when the option is absent. */
export function readBooleanOption(
  options: Readonly<Record<string, string>>,
  option: string,
  context: ActionOptionContext,
): boolean | undefined {
  const value = options[option];
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(text)) return false;
  throw badActionOption(context, option, `'${value}' is not a boolean (true/false, yes/no, on/off, 1/0)`);
}

/** The option `timeout` (fail2ban time syntax) in ms, else the fallback. */
export function readTimeoutMs(
  options: Readonly<Record<string, string>>,
  fallbackMs: number,
  context: ActionOptionContext,
): number {
  const value = options.timeout;
  if (value === undefined || value.trim() === '') return fallbackMs;
  const seconds = parseDuration(value);
  if (seconds === undefined || !(seconds > 0))
    throw badActionOption(context, 'timeout', `'${value}' is not a positive time (e.g. 60, 2m)`);
  return Math.round(seconds * 1000);
}

/** A whole number of at least `min`, else the fallback when absent. */
export function readIntegerOption(
  options: Readonly<Record<string, string>>,
  option: string,
  fallback: number,
  min: number,
  context: ActionOptionContext,
): number {
  const value = options[option];
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value.trim());
  if (!Number.isInteger(number) || number < min)
    throw badActionOption(context, option, `'${value}' is not a whole number of at least ${min}`);
  return number;
}
