// A ban as the demo compares them: a jail and an address in canonical text.

export interface DemoBan {
  readonly jail: string;
  readonly address: string;
}

export function banKey(ban: DemoBan): string {
  return `${ban.jail} ${ban.address}`;
}

/** Sorted by jail, then by address (numerically for IPv4, so 203.0.113.9 comes before 203.0.113.10). */
export function sortBans(bans: Iterable<DemoBan>): DemoBan[] {
  return [...bans].sort((a, b) => a.jail.localeCompare(b.jail) || compareAddresses(a.address, b.address));
}

export function compareAddresses(a: string, b: string): number {
  const v4 = (text: string): number[] | undefined =>
    /^\d+\.\d+\.\d+\.\d+$/.test(text) ? text.split('.').map(Number) : undefined;
  const x = v4(a);
  const y = v4(b);
  if (x !== undefined && y === undefined) return -1;
  if (x === undefined && y !== undefined) return 1;
  if (x !== undefined && y !== undefined) {
    for (let i = 0; i < 4; i++) {
      const d = (x[i] ?? 0) - (y[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  }
  return a.localeCompare(b);
}
