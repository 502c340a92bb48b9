// `fail2nft unban IP...` lifts the bans of the addresses in every jail; `fail2nft unban --all [JAIL]`
// lifts every ban (of one jail). Kernel and database together. An address that was not banned is
// reported, not an error: the wanted state (not banned) holds.
import { Fail2nftError } from '../../core/errors.js';
import type { UnbanResultView } from '../../control/index.js';
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';
import { controlClientOf, controlOptions } from './status.js';

/** Writes addresses the service called invalid to standard error; true if there was any. */
export function reportUnbanProblems(result: UnbanResultView, io: CliIo): boolean {
  for (const address of result.invalid) io.stderr(`fail2nft: not an IP address or network: '${address}'\n`);
  return result.invalid.length > 0;
}

export async function runUnban(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { ...controlOptions, all: { type: 'boolean', short: 'a' } },
    { min: 0, max: Infinity },
  );
  const client = controlClientOf(values);
  if (values.all === true) {
    if (positionals.length > 1)
      throw new Fail2nftError('F2N_ERR_USAGE', 'usage: fail2nft unban --all [JAIL]');
    const [jail] = positionals;
    const result = await client.request(
      'unban',
      jail === undefined ? { addresses: 'all' } : { addresses: 'all', jail },
    );
    io.stdout(`unbanned ${result.unbanned.length} ban(s)${jail === undefined ? '' : ` in ${jail}`}\n`);
    return 0;
  }
  if (positionals.length === 0)
    throw new Fail2nftError('F2N_ERR_USAGE', 'usage: fail2nft unban IP... | unban --all [JAIL]');
  const result = await client.request('unban', { addresses: positionals });
  for (const { jail, address } of result.unbanned) io.stdout(`${jail}: unbanned ${address}\n`);
  for (const address of result.notBanned) io.stdout(`${address} is not banned\n`);
  return reportUnbanProblems(result, io) ? 1 : 0;
}
