// `fail2nft check [--config DIR]`: loads and validates a configuration; every problem as FILE:LINE: message.
import { formatProblem, loadConfig } from '../../config/index.js';
import { defaultConfigDir } from '../default-config-dir.js';
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';

export function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { config: { type: 'string', short: 'c' } }, { min: 0, max: 0 });
  const directory = values.config ?? defaultConfigDir();
  const result = loadConfig(directory);
  for (const problem of result.problems) io.stderr(formatProblem(problem) + '\n');
  if (result.config === undefined) {
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    io.stderr(`${directory}: ${errors} error(s)\n`);
    return Promise.resolve(1);
  }
  const enabled = result.config.jails.filter((j) => j.enabled).length;
  io.stdout(`${result.config.directory}: OK, ${result.config.jails.length} jail(s), ${enabled} enabled\n`);
  return Promise.resolve(0);
}
