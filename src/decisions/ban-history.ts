// How often each address was banned, per jail, for bantime.increment (fail2ban reads this from its
// database's bips table). A record is dropped the way fail2ban purges bips: once its last ban started
// more than purgeAge + 3 × its ban time ago; a permanent ban's record stays. The composition root
// seeds the history from the ban store at start (restore).
//
// fail2ban with overalljails sums the per-jail ban counts it stored, and each stored count already
// includes the other jails' bans, so its overall count grows faster than the number of bans. Here
// the overall count is the number of bans of the address in every jail.

export interface PriorBans {
  /** Bans of the address before now (in this jail, or in all jails). */
  readonly count: number;
  /** Start of the latest of them; undefined when count is 0. */
  readonly lastStartMs: number | undefined;
}

interface Entry {
  count: number;
  lastStartMs: number;
  expiresMs: number;
}

const none: PriorBans = { count: 0, lastStartMs: undefined };

export class BanHistory {
  private readonly purgeAgeMs: number;
  private readonly addresses = new Map<string, Map<string, Entry>>();

  /** `purgeAgeSec`: fail2ban's dbpurgeage (default one day). */
  constructor(purgeAgeSec = 86_400) {
    this.purgeAgeMs = purgeAgeSec * 1000;
  }

  get size(): number {
    return this.addresses.size;
  }

  /** Adds one ban of `address` in `jail` (`durationSec` -1 = permanent). */
  record(jail: string, address: string, startMs: number, durationSec: number, count = 1): void {
    let jails = this.addresses.get(address);
    if (jails === undefined) {
      jails = new Map();
      this.addresses.set(address, jails);
    }
    const expiresMs = durationSec < 0 ? Infinity : startMs + 3 * durationSec * 1000 + this.purgeAgeMs;
    const entry = jails.get(jail);
    if (entry === undefined) {
      jails.set(jail, { count, lastStartMs: startMs, expiresMs });
      return;
    }
    entry.count += count;
    entry.lastStartMs = Math.max(entry.lastStartMs, startMs);
    entry.expiresMs = Math.max(entry.expiresMs, expiresMs);
  }

  prior(jail: string, address: string, overalljails: boolean, nowMs: number): PriorBans {
    const jails = this.addresses.get(address);
    if (jails === undefined) return none;
    let count = 0;
    let lastStartMs: number | undefined;
    for (const [name, entry] of jails) {
      if (!overalljails && name !== jail) continue;
      if (entry.expiresMs < nowMs) continue;
      count += entry.count;
      lastStartMs = Math.max(lastStartMs ?? -Infinity, entry.lastStartMs);
    }
    return count === 0 ? none : { count, lastStartMs };
  }

  /** Forgets the bans of `address` in `jail`, or in every jail (manual unban deletes them too). */
  forget(address: string, jail?: string): void {
    if (jail === undefined) {
      this.addresses.delete(address);
      return;
    }
    const jails = this.addresses.get(address);
    jails?.delete(jail);
    if (jails?.size === 0) this.addresses.delete(address);
  }

  /** Drops the records past their purge time; returns how many addresses were dropped. */
  purge(nowMs: number): number {
    let dropped = 0;
    for (const [address, jails] of this.addresses) {
      for (const [jail, entry] of jails) if (entry.expiresMs < nowMs) jails.delete(jail);
      if (jails.size === 0) {
        this.addresses.delete(address);
        dropped++;
      }
    }
    return dropped;
  }
}
