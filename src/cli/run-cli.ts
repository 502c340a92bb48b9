// Command dispatch, separate from main.ts so tests can run commands in-process with captured output.
import { Fail2nftError } from '../core/errors.js';
import type { CliIo, CommandHandler } from './cli-io.js';

export const usage = `usage: fail2nft <command> [options]

commands:
  check [--config DIR]            load and validate a configuration; problems as FILE:LINE: message
  dump [--config DIR] [--all]     print the resolved configuration as JSON
  regex [--config DIR] [--json] LOG FILTER
                                  test a filter (name[params], file or raw failregex) on a log file or line
  start [--config DIR] [--foreground] [--dry-run]
                                  run the service (in the foreground) until SIGTERM or SIGINT
  help                            this text
`;

const commands = new Map<string, () => Promise<CommandHandler>>([
  ['check', async () => (await import('./commands/check.js')).runCheck],
  ['dump', async () => (await import('./commands/dump.js')).runDump],
  ['regex', async () => (await import('./commands/regex.js')).runRegex],
  ['start', async () => (await import('./commands/start.js')).runStart],
]);

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout)(usage);
    return name === undefined ? 2 : 0;
  }
  const load = commands.get(name);
  if (load === undefined) {
    io.stderr(`fail2nft: unknown command '${name}'\n${usage}`);
    return 2;
  }
  try {
    const handler = await load();
    return await handler(rest, io);
  } catch (error) {
    if (error instanceof Fail2nftError && error.code === 'F2N_ERR_USAGE') {
      io.stderr(`fail2nft ${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Fail2nftError) {
      io.stderr(`fail2nft ${name}: ${error.describe()} (${error.code})\n`);
      return 1;
    }
    throw error;
  }
}
