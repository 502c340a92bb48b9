// Comparing the two services' decisions: the banned addresses per jail, in canonical form (fail2ban
// prints IPv6 as Python's ipaddress does, we print RFC 5952; both agree after parseIpAddress), and the
// failure counts. Pure.
import { parseIpAddress } from '../../src/core/ip-address.js';

export interface JailBanComparison {
  readonly jail: string;
  readonly ours: number;
  readonly theirs: number;
  readonly onlyOurs: readonly string[];
  readonly onlyTheirs: readonly string[];
  readonly oursFailures: number | undefined;
  readonly theirsFailures: number | undefined;
}

/** The canonical text of an address; other text (a host name, a raw id) lower-cased as it is. */
export function canonicalAddress(text: string): string {
  return parseIpAddress(text)?.text ?? text.trim().toLowerCase();
}

/** Canonical, sorted, without duplicates and without `exclude` (the marker addresses). */
export function banSet(addresses: readonly string[], exclude: readonly string[] = []): string[] {
  const skip = new Set(exclude.map(canonicalAddress));
  const set = new Set(addresses.map(canonicalAddress).filter((address) => !skip.has(address)));
  return [...set].sort();
}

/** Groups `{jail, address}` records per jail (every jail of `jails` present, possibly empty). */
export function bansByJail(
  bans: readonly { readonly jail: string; readonly address: string }[],
  jails: readonly string[],
  exclude: readonly string[] = [],
): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const jail of jails) {
    grouped[jail] = banSet(
      bans.filter((ban) => ban.jail === jail).map((ban) => ban.address),
      exclude,
    );
  }
  return grouped;
}

export function compareBans(
  jails: readonly string[],
  ours: {
    readonly bans: Readonly<Record<string, readonly string[]>>;
    readonly failures: Readonly<Record<string, number>>;
  },
  theirs: {
    readonly bans: Readonly<Record<string, readonly string[]>>;
    readonly failures: Readonly<Record<string, number>>;
  },
): JailBanComparison[] {
  return jails.map((jail) => {
    const a = banSet(ours.bans[jail] ?? []);
    const b = banSet(theirs.bans[jail] ?? []);
    const inB = new Set(b);
    const inA = new Set(a);
    return {
      jail,
      ours: a.length,
      theirs: b.length,
      onlyOurs: a.filter((address) => !inB.has(address)),
      onlyTheirs: b.filter((address) => !inA.has(address)),
      oursFailures: ours.failures[jail],
      theirsFailures: theirs.failures[jail],
    };
  });
}

export function identical(comparison: JailBanComparison): boolean {
  return (
    comparison.onlyOurs.length === 0 &&
    comparison.onlyTheirs.length === 0 &&
    comparison.oursFailures === comparison.theirsFailures
  );
}
