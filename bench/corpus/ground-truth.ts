// Ground truth for a generated corpus: per jail, how many failure lines there are and which addresses
// must be banned. Pure: fed (jail, address, time) for every failure line (see line-kinds.ts for which
// lines those are), it knows nothing of files.
//
// Ban rule: an address is banned when `maxretry` of its failures in one jail lie within `findtime`
// seconds, both ends inclusive (t[i + maxretry - 1] - t[i] <= findtime), with times being the whole
// seconds printed in the log. That is a sliding window. fail2ban itself keeps a running count that it
// scales down by rate once the first failure is older than findtime; the two agree when an attacker's
// failures come in a burst faster than maxretry per findtime, or slower than about 4 per 720 s. The
// generator's attacker classes are built to be one or the other (see campaign-plan.ts).
import { parseIpAddress } from '../../src/core/ip-address.js';
import { JAILS, type Jail } from './line-kinds.js';

export interface BanPolicy {
  readonly maxretry: number;
  /** Seconds. */
  readonly findtime: number;
}

export interface JailTruth {
  /** Failure lines counted by this jail. */
  readonly failures: number;
  /** Distinct addresses with at least one failure. */
  readonly addresses: number;
  readonly bannedCount: number;
  /**
   * Address → Unix time (seconds) of the failure that first completed a window, ordered by that time
   * and then by address.
   */
  readonly banned: Readonly<Record<string, number>>;
  /** Address → failure count; only when asked for (it is large for a flood). */
  readonly failuresByAddress?: Readonly<Record<string, number>>;
}

export type GroundTruth = Readonly<Record<Jail, JailTruth>>;

/** Canonical text of a logged address: IPv4-mapped IPv6 folds to IPv4, IPv6 is RFC 5952 text. */
export function canonicalAddress(text: string): string {
  const parsed = parseIpAddress(text);
  if (parsed === undefined) throw new RangeError(`not an IP address: ${text}`);
  return parsed.text;
}

/** Time at which `times` (any order) first holds maxretry failures within findtime, or undefined. */
export function firstBanTime(times: readonly number[], policy: BanPolicy): number | undefined {
  if (times.length < policy.maxretry) return undefined;
  const sorted = [...times].sort((a, b) => a - b);
  for (let last = policy.maxretry - 1; last < sorted.length; last++) {
    const end = sorted[last] ?? 0;
    const start = sorted[last - policy.maxretry + 1] ?? 0;
    if (end - start <= policy.findtime) return end;
  }
  return undefined;
}

export class GroundTruthCounter {
  private readonly times = new Map<Jail, Map<string, number[]>>();
  private readonly failures = new Map<Jail, number>();

  constructor(private readonly policy: BanPolicy) {
    if (!Number.isInteger(policy.maxretry) || policy.maxretry < 1)
      throw new RangeError('maxretry must be a positive integer');
    if (!(policy.findtime >= 0)) throw new RangeError('findtime must not be negative');
    for (const jail of JAILS) {
      this.times.set(jail, new Map());
      this.failures.set(jail, 0);
    }
  }

  /** One failure line of `jail` from the address as logged, at a Unix time in seconds. */
  record(jail: Jail, loggedAddress: string, time: number): void {
    // Keyed by the logged text here and folded to canonical addresses once, in summarize: a flood
    // logs hundreds of thousands of failures and parsing each address would dominate.
    const byAddress = this.times.get(jail);
    if (byAddress === undefined) throw new RangeError(`unknown jail ${jail}`);
    const list = byAddress.get(loggedAddress);
    if (list === undefined) byAddress.set(loggedAddress, [time]);
    else list.push(time);
    this.failures.set(jail, (this.failures.get(jail) ?? 0) + 1);
  }

  private canonicalTimes(jail: Jail): Map<string, number[]> {
    const out = new Map<string, number[]>();
    for (const [logged, times] of this.times.get(jail) ?? []) {
      const address = canonicalAddress(logged);
      const list = out.get(address);
      if (list === undefined) out.set(address, times);
      else out.set(address, list.concat(times));
    }
    return out;
  }

  summarize(options: { perAddress?: boolean } = {}): GroundTruth {
    const out = {} as Record<Jail, JailTruth>;
    for (const jail of JAILS) {
      const byAddress = this.canonicalTimes(jail);
      const bans: [string, number][] = [];
      for (const [address, times] of byAddress) {
        const at = firstBanTime(times, this.policy);
        if (at !== undefined) bans.push([address, at]);
      }
      bans.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const truth: JailTruth = {
        failures: this.failures.get(jail) ?? 0,
        addresses: byAddress.size,
        bannedCount: bans.length,
        banned: Object.fromEntries(bans),
      };
      if (options.perAddress === true) {
        const counts = [...byAddress].map(([a, t]): [string, number] => [a, t.length]);
        counts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        out[jail] = { ...truth, failuresByAddress: Object.fromEntries(counts) };
      } else out[jail] = truth;
    }
    return out;
  }
}
