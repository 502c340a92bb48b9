// `fail2nft ping`: whether the service answers on its socket (exit 0) or not (exit 1), as fail2ban-client ping.
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';
import { controlClientOf, controlOptions } from './status.js';

export async function runPing(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, controlOptions, { min: 0, max: 0 });
  const reply = await controlClientOf(values).request('ping', {});
  io.stdout(`Server replied: ${reply}\n`);
  return 0;
}
