// `fail2nft demo [--keep] [--dry-run] [--attackers N] [--seconds S]`: shows the service stopping a
// replayed attack on a mail server, end to end (see docs/demo.md). The work is in src/cli/demo/.
import type { CliIo } from '../cli-io.js';
import { fillDemoOptions } from '../demo/demo-options.js';
import { runDemo } from '../demo/run-demo.js';
import { parseCommandArgs } from '../parse-command-args.js';

export async function runDemoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      keep: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      attackers: { type: 'string' },
      seconds: { type: 'string' },
    },
    { min: 0, max: 0 },
  );
  const options = fillDemoOptions({
    keep: values.keep,
    dryRun: values['dry-run'],
    attackers: values.attackers,
    seconds: values.seconds,
  });
  return runDemo(options, io);
}
