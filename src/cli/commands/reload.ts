// `fail2nft reload`: the service re-reads its configuration and keeps its bans.
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';
import { controlClientOf, controlOptions } from './status.js';

const listOrNone = (names: readonly string[]): string => (names.length === 0 ? 'none' : names.join(', '));

export async function runReload(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, controlOptions, { min: 0, max: 0 });
  const result = await controlClientOf(values).request('reload', {});
  io.stdout(
    `reloaded: ${result.jails.length} jail(s) (added: ${listOrNone(result.added)}; removed: ${listOrNone(result.removed)})\n`,
  );
  return 0;
}
