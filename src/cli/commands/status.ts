// `fail2nft status [JAIL] [--json]`: the jail list, or one jail's counters, in fail2ban-client's layout
// (a tree of "name:<TAB>value" lines), so scripts that read fail2ban's status keep working.
// It also holds what every control command shares: the --socket/--config options and the client.
import { loadConfigOrThrow } from '../../config/index.js';
import { Fail2nftError } from '../../core/errors.js';
import {
  createControlClient,
  type ControlClient,
  type JailStatusView,
  type ServerStatusView,
} from '../../control/index.js';
import { defaultConfigDir } from '../default-config-dir.js';
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';

export const controlOptions = {
  socket: { type: 'string', short: 's' },
  config: { type: 'string', short: 'c' },
} as const;

function socketFromConfig(directory: string): string {
  try {
    return loadConfigOrThrow(directory, { jails: [] }).service.socket;
  } catch (error) {
    if (!(error instanceof Fail2nftError)) throw error;
    throw new Fail2nftError(
      error.code,
      `cannot read the socket path from the configuration in ${directory} (or pass --socket PATH):\n${error.message}`,
      {},
      error,
    );
  }
}

/**
 * A client for the socket named by --socket, else by the `socket` setting of --config's fail2nft.conf.
 * Only fail2nft.conf matters here, so no jail is resolved (a broken jail does not block `stop`).
 */
export function controlClientOf(values: {
  readonly socket?: string;
  readonly config?: string;
}): ControlClient {
  return createControlClient({
    path: values.socket ?? socketFromConfig(values.config ?? defaultConfigDir()),
  });
}

type TreeItem = readonly [label: string, value: string | readonly TreeItem[]];

/** fail2ban-client's tree: |- and `- branches, "label:<TAB>value" leaves, lists joined by spaces. */
function formatTree(title: string, items: readonly TreeItem[]): string {
  const lines = [title];
  const walk = (children: readonly TreeItem[], indent: string): void => {
    children.forEach(([label, value], index) => {
      const last = index === children.length - 1;
      const branch = `${indent}${last ? '`-' : '|-'} ${label}`;
      if (typeof value === 'string') lines.push(`${branch}:\t${value}`);
      else {
        lines.push(branch);
        walk(value, indent + (last ? '   ' : '|  '));
      }
    });
  };
  walk(items, '');
  return lines.join('\n') + '\n';
}

export function formatServerStatus(status: ServerStatusView): string {
  return formatTree('Status', [
    ['Number of jail', String(status.jails.length)],
    ['Jail list', status.jails.join(', ')],
  ]);
}

export function formatJailStatus(status: JailStatusView): string {
  return formatTree(`Status for the jail: ${status.jail}`, [
    [
      'Filter',
      [
        ['Currently failed', String(status.failed.current)],
        ['Total failed', String(status.failed.total)],
        ['File list', status.files.join(' ')],
      ],
    ],
    [
      'Actions',
      [
        ['Currently banned', String(status.banned.current)],
        ['Total banned', String(status.banned.total)],
        ['Banned IP list', status.banned.list.join(' ')],
      ],
    ],
  ]);
}

export async function runStatus(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { ...controlOptions, json: { type: 'boolean' } },
    { min: 0, max: 1 },
  );
  const [jail] = positionals;
  const status = await controlClientOf(values).request('status', jail === undefined ? {} : { jail });
  if (values.json === true) io.stdout(JSON.stringify(status) + '\n');
  else if ('jails' in status) io.stdout(formatServerStatus(status));
  else io.stdout(formatJailStatus(status));
  return 0;
}
