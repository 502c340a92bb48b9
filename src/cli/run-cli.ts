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
  import-db FAIL2BAN_DB [--config DIR] [--db FILE] [--json]
                                  bring a fail2ban database's bans and ban history into the store
  demo [--keep] [--dry-run] [--attackers N] [--seconds S]
                                  replay an attack on a mail server and show the bans (docs/demo.md)
  help                            this text

control commands (they talk to the running service; --socket PATH, else the socket of --config DIR):
  status [JAIL] [--json]          the jail list, or one jail's counters and bans (fail2ban's layout)
  ban JAIL IP...                  ban addresses or networks in a jail
  unban IP... | unban --all [JAIL]
                                  lift bans in every jail (or every ban, of every jail or of one)
  banned [JAIL] [--json]          every active ban: jail, address, ban start, ban end or permanent
  reload                          re-read the configuration, keeping the bans
  stop                            stop the service cleanly
  ping                            check that the service answers
  set JAIL banip|unbanip IP...    fail2ban-client's spellings of ban and unban
  get JAIL banned [IP...]         fail2ban-client's list of a jail's bans
`;

const commands = new Map<string, () => Promise<CommandHandler>>([
  ['check', async () => (await import('./commands/check.js')).runCheck],
  ['dump', async () => (await import('./commands/dump.js')).runDump],
  ['regex', async () => (await import('./commands/regex.js')).runRegex],
  ['start', async () => (await import('./commands/start.js')).runStart],
  ['import-db', async () => (await import('./commands/import-db.js')).runImportDb],
  ['demo', async () => (await import('./commands/demo.js')).runDemoCommand],
  ['status', async () => (await import('./commands/status.js')).runStatus],
  ['ban', async () => (await import('./commands/ban.js')).runBan],
  ['unban', async () => (await import('./commands/unban.js')).runUnban],
  ['banned', async () => (await import('./commands/banned.js')).runBanned],
  ['reload', async () => (await import('./commands/reload.js')).runReload],
  ['stop', async () => (await import('./commands/stop.js')).runStop],
  ['ping', async () => (await import('./commands/ping.js')).runPing],
  ['set', async () => (await import('./commands/set.js')).runSet],
  ['get', async () => (await import('./commands/get.js')).runGet],
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
