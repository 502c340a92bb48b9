// What the marker lines must have caused on either side: the sentinel address banned in every jail (it
// ends the file), the seed address in none (one failure each). Pure.
import { canonicalAddress } from './ban-comparison.js';
import { BENCH_JAILS } from './bench-config-texts.js';
import { SEED_ADDRESS, SENTINEL_ADDRESS } from './marker-lines.js';

/** Messages for every marker that did not end as expected; empty when all did. */
export function markerNotes(bans: readonly { readonly jail: string; readonly address: string }[]): string[] {
  const notes: string[] = [];
  for (const jail of BENCH_JAILS) {
    const banned = new Set(
      bans.filter((ban) => ban.jail === jail).map((ban) => canonicalAddress(ban.address)),
    );
    if (!banned.has(SENTINEL_ADDRESS)) notes.push(`${jail}: the sentinel ${SENTINEL_ADDRESS} was not banned`);
    if (banned.has(SEED_ADDRESS)) notes.push(`${jail}: the seed ${SEED_ADDRESS} was banned`);
  }
  return notes;
}
