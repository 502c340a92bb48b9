// The active bans per jail, so an address banned in a jail is not banned there again while its ban
// lasts. Entries expire lazily on lookup and in sweeps; no unban decision is produced (the kernel
// times bans out), the index only stays consistent with it.

export interface ActiveBan {
  readonly jail: string;
  readonly address: string;
  readonly startMs: number;
  /** Infinity for a permanent ban. */
  readonly endMs: number;
}

interface Entry {
  readonly startMs: number;
  readonly endMs: number;
}

export class BanIndex {
  private readonly jails = new Map<string, Map<string, Entry>>();
  private readonly totals = new Map<string, number>();

  /** The end of the ban of `address` in `jail` if it is still active at `nowMs` (inclusive). */
  activeUntil(jail: string, address: string, nowMs: number): number | undefined {
    const bans = this.jails.get(jail);
    const entry = bans?.get(address);
    if (entry === undefined) return undefined;
    if (entry.endMs < nowMs) {
      bans?.delete(address);
      return undefined;
    }
    return entry.endMs;
  }

  /** Records a ban; `endMs` is Infinity for a permanent one. Counts it in the jail's total. */
  add(jail: string, address: string, startMs: number, endMs: number): void {
    let bans = this.jails.get(jail);
    if (bans === undefined) {
      bans = new Map();
      this.jails.set(jail, bans);
    }
    bans.set(address, { startMs, endMs });
    this.totals.set(jail, (this.totals.get(jail) ?? 0) + 1);
  }

  /** Removes a ban (manual unban); true when there was one. */
  remove(jail: string, address: string): boolean {
    return this.jails.get(jail)?.delete(address) ?? false;
  }

  /** Jails in which `address` has an entry (active or not yet swept). */
  jailsOf(address: string): string[] {
    const found: string[] = [];
    for (const [jail, bans] of this.jails) if (bans.has(address)) found.push(jail);
    return found;
  }

  /** Removes every ban that ended before `nowMs`; returns how many. */
  sweep(nowMs: number): number {
    let removed = 0;
    for (const bans of this.jails.values()) {
      for (const [address, entry] of bans) {
        if (entry.endMs < nowMs) {
          bans.delete(address);
          removed++;
        }
      }
    }
    return removed;
  }

  /** Bans in the index for a jail (call sweep first for an exact count). */
  count(jail: string): number {
    return this.jails.get(jail)?.size ?? 0;
  }

  /** Bans ever added in a jail since start. */
  total(jail: string): number {
    return this.totals.get(jail) ?? 0;
  }

  /** Active bans at `nowMs`, of one jail or of all. */
  /** Bans of the jail still active at nowMs, counted without building them (status, metrics). */
  activeCount(nowMs: number, jail: string): number {
    let count = 0;
    for (const entry of this.jails.get(jail)?.values() ?? []) if (entry.endMs >= nowMs) count++;
    return count;
  }

  list(nowMs: number, jail?: string): ActiveBan[] {
    const result: ActiveBan[] = [];
    for (const [name, bans] of this.jails) {
      if (jail !== undefined && name !== jail) continue;
      for (const [address, entry] of bans)
        if (entry.endMs >= nowMs) result.push({ jail: name, address, ...entry });
    }
    return result;
  }

  /** Drops a jail's bans (the jail was removed by a reload). */
  dropJail(jail: string): void {
    this.jails.delete(jail);
  }
}
