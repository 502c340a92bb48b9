// The bans a replayed log must produce, worked out from the failures its lines carry: the demo's own
// model of maxretry, ignoreip and recidive, checked against what the service actually did.
import { banKey, sortBans, type DemoBan } from './demo-ban.js';

export interface BanRules {
  /** maxretry of each jail that reads the mail log. */
  readonly maxretry: Readonly<Record<string, number>>;
  /** Addresses in ignoreip: never banned. */
  readonly ignored: ReadonlySet<string>;
  readonly recidive: { readonly jail: string; readonly maxretry: number };
}

/**
 * Every (jail, address) with at least maxretry failures, and the recidive ban of each address banned by
 * at least recidive's maxretry jails. All failures fall within findtime and every ban outlasts the
 * replay, so an address is banned at most once per jail.
 */
export function expectedBans(failures: Iterable<DemoBan>, rules: BanRules): DemoBan[] {
  const counts = new Map<string, { ban: DemoBan; count: number }>();
  for (const failure of failures) {
    const key = banKey(failure);
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { ban: failure, count: 1 });
    else entry.count++;
  }
  const bans: DemoBan[] = [];
  const jailsPerAddress = new Map<string, number>();
  for (const { ban, count } of counts.values()) {
    const maxretry = rules.maxretry[ban.jail];
    if (maxretry === undefined || count < maxretry || rules.ignored.has(ban.address)) continue;
    bans.push({ jail: ban.jail, address: ban.address });
    jailsPerAddress.set(ban.address, (jailsPerAddress.get(ban.address) ?? 0) + 1);
  }
  for (const [address, jails] of jailsPerAddress)
    if (jails >= rules.recidive.maxretry) bans.push({ jail: rules.recidive.jail, address });
  return sortBans(bans);
}
