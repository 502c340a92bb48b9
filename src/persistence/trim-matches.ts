// The log lines kept with a stored ban: the latest maxMatches of them (fail2ban keeps the last
// dbmaxmatches too), each cut to maxMatchLength characters so that one row stays small.
import type { FilledBanStoreOptions } from './store-options.js';

/** The lines to store, or undefined when none are kept. */
export function trimMatches(
  matches: readonly string[] | undefined,
  options: FilledBanStoreOptions,
): string[] | undefined {
  if (matches === undefined || matches.length === 0 || options.maxMatches === 0) return undefined;
  const kept = matches.slice(-options.maxMatches);
  return kept.map((line) =>
    line.length > options.maxMatchLength ? line.slice(0, options.maxMatchLength) : line,
  );
}
