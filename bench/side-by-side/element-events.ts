// Reading the element monitor's file: one `<ms> add element <family> <table> <set> { <address> … }`
// line per element the kernel added (nft monitor prints one line per element), stamped with the
// wall-clock time the monitor saw it. Set names say the jail: fail2nft's `f2n-<jail>-v4|v6|v4net|v6net`,
// fail2ban's `addr-set-<jail>` and `addr6-set-<jail>`. Pure.
import { canonicalAddress } from '../service/ban-comparison.js';

export interface ElementEvent {
  readonly t: number;
  readonly set: string;
  readonly address: string;
}

const LINE = /^(\d+) add element \S+ \S+ (\S+) \{ ([^\s,}]+)/;

export function parseElementEvent(line: string): ElementEvent | undefined {
  const match = LINE.exec(line);
  if (match === null) return undefined;
  const [, t = '', set = '', address = ''] = match;
  return { t: Number(t), set, address: canonicalAddress(address) };
}

/** The jail a set belongs to, or undefined for sets that are not a jail's (the element-update probe). */
export function jailOfSet(set: string): string | undefined {
  const ours = /^f2n-(.+)-(?:v4|v6|v4net|v6net)$/.exec(set);
  if (ours !== null) return ours[1];
  const theirs = /^addr6?-set-(.+)$/.exec(set);
  return theirs?.[1];
}

/** First time each (jail, address) appeared, per jail; later re-adds (timeout refreshes) are ignored. */
export function firstSeenByJail(lines: Iterable<string>): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  for (const line of lines) {
    const event = parseElementEvent(line);
    if (event === undefined) continue;
    const jail = jailOfSet(event.set);
    if (jail === undefined) continue;
    let seen = result.get(jail);
    if (seen === undefined) {
      seen = new Map();
      result.set(jail, seen);
    }
    if (!seen.has(event.address)) seen.set(event.address, event.t);
  }
  return result;
}
