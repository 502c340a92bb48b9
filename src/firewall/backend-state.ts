// What every backend keeps between calls: the started jails and its counters.
import { Fail2nftError } from '../core/errors.js';
import type { ApplyResult } from './firewall-batch.js';
import type { FirewallBackendStats } from './firewall-backend.js';
import type { FirewallJailSpec } from './firewall-jail-spec.js';
import type { JailSetNames } from './set-names.js';

export class BackendState {
  private jails: readonly FirewallJailSpec[] | undefined;
  private jailNames: ReadonlySet<string> = new Set();
  private counters = { transactions: 0, failedTransactions: 0, elements: 0, rejected: 0 };

  constructor(private readonly backend: string) {}

  get started(): boolean {
    return this.jails !== undefined;
  }

  /** The started jails; throws F2N_ERR_FIREWALL_NOT_STARTED before start. */
  startedJails(): readonly FirewallJailSpec[] {
    if (this.jails === undefined) {
      throw new Fail2nftError(
        'F2N_ERR_FIREWALL_NOT_STARTED',
        `the ${this.backend} firewall backend is not started`,
      );
    }
    return this.jails;
  }

  names(): ReadonlySet<string> {
    this.startedJails();
    return this.jailNames;
  }

  /** Remembers the jails after checking them: unique names, and set names that do not collide. */
  setJails(jails: readonly FirewallJailSpec[], setNamesOf: (jail: string) => JailSetNames): void {
    const seen = new Map<string, string>();
    for (const jail of jails) {
      const set = setNamesOf(jail.jail).v4;
      const other = seen.get(set);
      if (other !== undefined) {
        throw new Fail2nftError(
          'F2N_ERR_FIREWALL_BAD_OPTION',
          other === jail.jail
            ? `jail [${jail.jail}] is given twice`
            : `jails [${other}] and [${jail.jail}] map to the same set name ${set}: rename one`,
          { jail: jail.jail },
        );
      }
      seen.set(set, jail.jail);
    }
    this.jails = Object.freeze([...jails]);
    this.jailNames = new Set(jails.map((jail) => jail.jail));
  }

  clear(): void {
    this.jails = undefined;
    this.jailNames = new Set();
  }

  /** Counts a transaction around `body`. */
  async transaction<T>(body: () => Promise<T>, elementsOf: (result: T) => number): Promise<T> {
    this.counters.transactions++;
    try {
      const result = await body();
      this.counters.elements += elementsOf(result);
      return result;
    } catch (error) {
      this.counters.failedTransactions++;
      throw error;
    }
  }

  countRejected(result: ApplyResult): ApplyResult {
    this.counters.rejected += result.rejected.length;
    return result;
  }

  stats(): FirewallBackendStats {
    return { ...this.counters };
  }
}
