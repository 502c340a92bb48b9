// The argument vector for `journalctl`, run without a shell: follow in JSON, all fields in full, from
// the saved cursor, else from a time, else from the start or the end of the journal; then the jail's
// journalmatch words (FIELD=value terms, `+` between alternatives) as separate arguments. Pure.
import type { FilledJournalSourceOptions } from './journal-source-config.js';

export interface JournalStart {
  /** __CURSOR of the last entry delivered before (wins over everything else). */
  readonly cursor?: string;
}

export function buildJournalctlArgs(options: FilledJournalSourceOptions, start: JournalStart): string[] {
  // --all keeps fields over 4096 bytes (else printed as null); length is bounded by maxEntryBytes instead.
  const args = ['--follow', '--output=json', '--no-pager', '--all', '--quiet'];
  if (start.cursor !== undefined) {
    // --no-tail stops --follow from first jumping to the last 10 entries.
    args.push(`--after-cursor=${start.cursor}`, '--no-tail');
  } else if (options.sinceMs !== undefined) {
    args.push(`--since=@${Math.floor(options.sinceMs / 1000)}`, '--no-tail');
  } else if (options.startAt === 'head') args.push('--no-tail');
  else args.push('--lines=0');
  if (options.directory !== undefined) args.push(`--directory=${options.directory}`);
  for (const file of options.files) args.push(`--file=${file}`);
  if (options.namespace !== undefined) args.push(`--namespace=${options.namespace}`);
  // fail2ban opens only system journals unless told which path or files to read.
  if (options.systemOnly) args.push('--system');
  args.push(...options.matches);
  return args;
}
