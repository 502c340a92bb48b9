// Checks shared by the firewall's option validation: each failure names the option and what it must be.
import { createOptionRules } from '../core/option-rules.js';

export const { badOption, checkInteger, checkPattern, checkOneOf } = createOptionRules(
  'F2N_ERR_FIREWALL_BAD_OPTION',
);

/** A network namespace name for `ip netns exec` (undefined = the host's). */
export function checkNetns(owner: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return checkPattern(owner, 'netns', value, /^[A-Za-z0-9_.-]{1,64}$/, 'a network namespace name');
}

/** A program name or absolute path, run without a shell. */
export function checkCommand(owner: string, option: string, value: unknown): string {
  return checkPattern(owner, option, value, /^[A-Za-z0-9_./+-]+$/, 'a program name or path');
}
