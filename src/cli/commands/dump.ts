// `fail2nft dump [--config DIR] [--all]`: the resolved configuration as JSON. Enabled jails only unless
// --all; each jail's log paths are listed as configured and as the files they match now.
import { expandLogPath, formatProblem, loadConfig } from '../../config/index.js';
import { defaultConfigDir } from '../default-config-dir.js';
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';

export function runDump(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { config: { type: 'string', short: 'c' }, all: { type: 'boolean' } },
    { min: 0, max: 0 },
  );
  const result = loadConfig(values.config ?? defaultConfigDir());
  for (const problem of result.problems) io.stderr(formatProblem(problem) + '\n');
  if (result.config === undefined) return Promise.resolve(1);
  const { config } = result;
  const jails = config.jails
    .filter((jail) => values.all === true || jail.enabled)
    .map((jail) => ({
      ...jail,
      logfiles: jail.logpath.flatMap((spec) => expandLogPath(spec.pattern)),
    }));
  io.stdout(JSON.stringify({ directory: config.directory, service: config.service, jails }, null, 2) + '\n');
  return Promise.resolve(0);
}
