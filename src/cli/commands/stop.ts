// `fail2nft stop`: asks the service to stop cleanly. The service answers before it stops, so the reply
// means "stopping has begun"; fail2ban-client prints the same words.
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';
import { controlClientOf, controlOptions } from './status.js';

export async function runStop(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, controlOptions, { min: 0, max: 0 });
  await controlClientOf(values).request('stop', {});
  io.stdout('Shutdown successful\n');
  return 0;
}
