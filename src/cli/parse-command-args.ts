// Argument parsing shared by the commands: node's parseArgs, with usage errors as F2N_ERR_USAGE.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Fail2nftError } from '../core/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(
  args: readonly string[],
  options: T,
  positionals: { readonly min: number; readonly max: number },
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new Fail2nftError('F2N_ERR_USAGE', error instanceof Error ? error.message : String(error));
  }
  const count = parsed.positionals.length;
  if (count < positionals.min || count > positionals.max) {
    throw new Fail2nftError(
      'F2N_ERR_USAGE',
      positionals.max === 0
        ? `unexpected argument '${parsed.positionals[0] ?? ''}'`
        : `expected ${positionals.min === positionals.max ? positionals.min : `${positionals.min} to ${positionals.max}`} argument(s), got ${count}`,
    );
  }
  return parsed;
}
