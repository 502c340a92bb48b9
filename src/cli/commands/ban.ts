// `fail2nft ban JAIL IP...`: manual bans, in the kernel and the database together. One line per address;
// an address the service could not ban is named on standard error and the exit status is 1.
import { Fail2nftError } from '../../core/errors.js';
import type { BanResultView } from '../../control/index.js';
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';
import { isoTime } from './banned.js';
import { controlClientOf, controlOptions } from './status.js';

/** Writes the addresses that were not banned to standard error; true if there was any. */
export function reportBanProblems(jail: string, results: readonly BanResultView[], io: CliIo): boolean {
  let problems = false;
  for (const { address, result } of results) {
    if (result === 'invalid') io.stderr(`fail2nft: not an IP address or network: '${address}'\n`);
    else if (result === 'unknown-jail')
      io.stderr(`fail2nft: jail '${jail}' does not exist (${address} not banned)\n`);
    else continue;
    problems = true;
  }
  return problems;
}

function describeBan(jail: string, ban: BanResultView): string | undefined {
  if (ban.result === 'already-banned') return `${jail}: ${ban.address} is already banned`;
  if (ban.result !== 'banned') return undefined;
  if (ban.until === undefined) return `${jail}: banned ${ban.address}`;
  return ban.until === null
    ? `${jail}: banned ${ban.address} permanently`
    : `${jail}: banned ${ban.address} until ${isoTime(ban.until)}`;
}

export async function runBan(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, controlOptions, { min: 0, max: Infinity });
  const [jail, ...addresses] = positionals;
  if (jail === undefined || addresses.length === 0)
    throw new Fail2nftError('F2N_ERR_USAGE', 'usage: fail2nft ban JAIL IP...');
  const results = await controlClientOf(values).request('ban', { jail, addresses });
  for (const ban of results) {
    const line = describeBan(jail, ban);
    if (line !== undefined) io.stdout(line + '\n');
  }
  return reportBanProblems(jail, results, io) ? 1 : 0;
}
