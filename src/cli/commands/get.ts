// fail2ban-client's queries of a jail's bans, printed as fail2ban-client 1.0.2 prints them:
// `get JAIL banned` → ['192.0.2.7', '192.0.2.8'] (a Python list); `get JAIL banned IP` → 1 or 0, and
// [1, 0] for several; `get JAIL banip [SEP]` → the addresses ordered by end of ban, joined by SEP.
import { Fail2nftError } from '../../core/errors.js';
import { canonicalAddress, type BannedView } from '../../control/index.js';
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';
import { controlClientOf, controlOptions } from './status.js';

const usage = 'usage: fail2nft get JAIL banned [IP...] | get JAIL banip [SEPARATOR]';

/** Python's repr of a list of strings, as fail2ban-client prints a list. */
function pythonList(items: readonly string[]): string {
  return `[${items.map((item) => `'${item}'`).join(', ')}]`;
}

function endOfBan(ban: BannedView): number {
  return ban.endMs ?? Number.POSITIVE_INFINITY;
}

function canonicalAddresses(asked: readonly string[]): string[] {
  return asked.map((text) => {
    const address = canonicalAddress(text);
    if (address === undefined)
      throw new Fail2nftError('F2N_ERR_CONTROL_BAD_ADDRESS', `not an IP address or network: '${text}'`);
    return address;
  });
}

function bannedFlags(bans: readonly BannedView[], asked: readonly string[]): string {
  const banned = new Set(bans.map((ban) => ban.address));
  const flags = asked.map((address) => (banned.has(address) ? 1 : 0));
  return flags.length === 1 ? String(flags[0]) : `[${flags.join(', ')}]`;
}

export async function runGet(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, controlOptions, { min: 0, max: Infinity });
  const [jail, query, ...rest] = positionals;
  if (
    jail === undefined ||
    (query !== 'banned' && query !== 'banip') ||
    (query === 'banip' && rest.length > 1)
  )
    throw new Fail2nftError('F2N_ERR_USAGE', usage);
  // Checked before asking, so a typo costs no request.
  const asked = query === 'banned' ? canonicalAddresses(rest) : [];
  const bans = await controlClientOf(values).request('banned', { jail });
  if (query === 'banned') {
    io.stdout(
      (asked.length === 0 ? pythonList(bans.map((ban) => ban.address)) : bannedFlags(bans, asked)) + '\n',
    );
    return 0;
  }
  const ordered = [...bans].sort((a, b) =>
    endOfBan(a) === endOfBan(b) ? 0 : endOfBan(a) < endOfBan(b) ? -1 : 1,
  );
  io.stdout(ordered.map((ban) => ban.address).join(rest[0] ?? ' ') + '\n');
  return 0;
}
