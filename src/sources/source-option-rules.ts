// Checks shared by the sources' option validation: each failure names the option and what it must be,
// so every option has its own exact message.
import { createOptionRules } from '../core/option-rules.js';

export const { badOption, checkInteger, checkOneOf } = createOptionRules('F2N_ERR_SOURCE_BAD_OPTION');

export function checkId(source: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw badOption(source, 'id', 'a non-empty string', value);
  return value;
}
