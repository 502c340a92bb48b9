// Expected bans against actual ones, as exact sets of (jail, address).
import { banKey, sortBans, type DemoBan } from './demo-ban.js';

export interface BanComparison {
  readonly equal: boolean;
  readonly matched: readonly DemoBan[];
  /** Expected and not there. */
  readonly missing: readonly DemoBan[];
  /** There and not expected. */
  readonly unexpected: readonly DemoBan[];
}

export function compareBans(expected: Iterable<DemoBan>, actual: Iterable<DemoBan>): BanComparison {
  const want = new Map<string, DemoBan>();
  for (const ban of expected) want.set(banKey(ban), ban);
  const have = new Map<string, DemoBan>();
  for (const ban of actual) have.set(banKey(ban), ban);
  const matched: DemoBan[] = [];
  const missing: DemoBan[] = [];
  for (const [key, ban] of want) (have.has(key) ? matched : missing).push(ban);
  const unexpected = [...have].filter(([key]) => !want.has(key)).map(([, ban]) => ban);
  return {
    equal: missing.length === 0 && unexpected.length === 0,
    matched: sortBans(matched),
    missing: sortBans(missing),
    unexpected: sortBans(unexpected),
  };
}
