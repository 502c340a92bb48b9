// Errors of bantime.formula / bantime.factor, at configuration time (syntax, unknown names, a trial
// evaluation) or when evaluated for a ban. The column is 1-based in the formula text.
import { Fail2nftError } from '../../core/errors.js';

export function formulaError(option: string, message: string, column?: number): Fail2nftError {
  const where = column === undefined ? '' : ` (column ${column})`;
  return new Fail2nftError('F2N_ERR_CONFIG_BAD_VALUE', `${option}: ${message}${where}`, {
    option,
    ...(column === undefined ? {} : { column }),
  });
}
