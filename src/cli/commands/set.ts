// fail2ban-client's spellings of manual bans: `set JAIL banip IP...` and `set JAIL unbanip
// [--report-absent] IP...`. Like fail2ban-client they print how many addresses changed. Other settings
// live in the configuration: edit it and run `fail2nft reload`.
import { Fail2nftError } from '../../core/errors.js';
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';
import { reportBanProblems } from './ban.js';
import { controlClientOf, controlOptions } from './status.js';
import { reportUnbanProblems } from './unban.js';

const usage =
  'usage: fail2nft set JAIL banip IP... | set JAIL unbanip [--report-absent] IP... ' +
  '(other settings: edit the configuration and run fail2nft reload)';

export async function runSet(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { ...controlOptions, 'report-absent': { type: 'boolean' } },
    { min: 0, max: Infinity },
  );
  const [jail, setting, ...addresses] = positionals;
  if (jail === undefined || addresses.length === 0) throw new Fail2nftError('F2N_ERR_USAGE', usage);
  if (setting === 'banip') {
    const results = await controlClientOf(values).request('ban', { jail, addresses });
    io.stdout(`${results.filter((r) => r.result === 'banned').length}\n`);
    return reportBanProblems(jail, results, io) ? 1 : 0;
  }
  if (setting === 'unbanip') {
    const result = await controlClientOf(values).request('unban', { addresses, jail });
    io.stdout(`${result.unbanned.length}\n`);
    if (reportUnbanProblems(result, io)) return 1;
    if (values['report-absent'] === true && result.notBanned.length > 0)
      throw new Fail2nftError(
        'F2N_ERR_CONTROL_NOT_BANNED',
        `not banned in ${jail}: ${result.notBanned.join(', ')}`,
        {
          jail,
        },
      );
    return 0;
  }
  throw new Fail2nftError('F2N_ERR_USAGE', usage);
}
