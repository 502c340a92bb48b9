// `fail2nft banned [JAIL] [--json]`: every active ban as a table (jail, address, ban start, ban end or
// "permanent"), times in ISO 8601 UTC so they read the same on every host.
import type { BannedView } from '../../control/index.js';
import { parseCommandArgs } from '../parse-command-args.js';
import type { CliIo } from '../cli-io.js';
import { controlClientOf, controlOptions } from './status.js';

/** ISO 8601 in UTC to the second: bans are never timed to the millisecond. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function formatBannedTable(bans: readonly BannedView[]): string {
  if (bans.length === 0) return 'no active bans\n';
  const rows = [
    ['JAIL', 'ADDRESS', 'BAN START', 'BAN END'],
    ...bans.map((ban) => [
      ban.jail,
      ban.address,
      isoTime(ban.startMs),
      ban.endMs === null ? 'permanent' : isoTime(ban.endMs),
    ]),
  ];
  // A loop, not Math.max(...): a million bans would overflow the call stack as arguments.
  const widths = [0, 0, 0, 0];
  for (const row of rows)
    row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

export async function runBanned(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { ...controlOptions, json: { type: 'boolean' } },
    { min: 0, max: 1 },
  );
  const [jail] = positionals;
  const bans = await controlClientOf(values).request('banned', jail === undefined ? {} : { jail });
  if (values.json === true) {
    const listed = bans.map((ban) => ({
      jail: ban.jail,
      address: ban.address,
      start: isoTime(ban.startMs),
      end: ban.endMs === null ? null : isoTime(ban.endMs),
      startMs: ban.startMs,
      endMs: ban.endMs,
    }));
    io.stdout(JSON.stringify(listed) + '\n');
  } else io.stdout(formatBannedTable(bans));
  return 0;
}
