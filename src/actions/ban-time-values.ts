// Builds fail2ban's ban-time tag values from a ban (or unban) record. The address is parsed again
// with core/ip-address.ts before anything is rendered: an action never sees an address that did
// not parse. Pure.
import { parseIpAddress, parseIpNetwork, type IpFamily } from '../core/ip-address.js';
import type { BanInfo, UnbanInfo } from './action-handler.js';
import type { BanTimeValues } from './render-shell-template.js';

export interface HostNames {
  /** <fq-hostname>. */
  readonly fq: string;
  /** <sh-hostname>. */
  readonly short: string;
}

export interface ParsedBanAddress {
  /** Canonical address, or network text `addr/prefix` for a network shorter than the full length. */
  readonly text: string;
  readonly family: IpFamily;
  readonly bytes: Uint8Array;
}

/** Undefined when the text is not an address or network. */
export function parseBanAddress(text: string): ParsedBanAddress | undefined {
  if (text.includes('/')) {
    const network = parseIpNetwork(text);
    if (network === undefined) return undefined;
    const full = network.family === 4 ? 32 : 128;
    const base = network.text.slice(0, network.text.indexOf('/'));
    return {
      text: network.prefix === full ? base : network.text,
      family: network.family,
      bytes: network.bytes,
    };
  }
  const address = parseIpAddress(text);
  return address === undefined ? undefined : address;
}

/** fail2ban's <ip-rev>: the reverse-DNS name without its arpa suffix, ending in a dot. */
export function reverseName(address: ParsedBanAddress): string {
  if (address.family === 4) return `${Array.from(address.bytes).reverse().join('.')}.`;
  const nibbles: string[] = [];
  for (const byte of address.bytes) nibbles.push((byte >> 4).toString(16), (byte & 15).toString(16));
  return `${nibbles.reverse().join('.')}.`;
}

export function familyTag(family: IpFamily): 'inet4' | 'inet6' {
  return family === 4 ? 'inet4' : 'inet6';
}

function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}

/**
 * The values of every ban-time tag for one ban or unban, or undefined when the address does not
 * parse. `nowMs` stands in for <time> when the record has no ban start (an unban without its ban).
 */
export function banTimeValues(
  info: BanInfo | UnbanInfo,
  hostNames: HostNames,
  nowMs: number,
): BanTimeValues | undefined {
  const address = parseBanAddress(info.address);
  if (address === undefined) return undefined;
  const matches = info.matches ?? [];
  const failures = info.failures ?? 0;
  const values: Record<string, string> = {
    ip: address.text,
    'ip-rev': reverseName(address),
    fid: info.id ?? address.text,
    family: familyTag(address.family),
    failures: String(failures),
    time: seconds(info.startMs ?? nowMs),
    bantime: String(info.durationSec ?? ''),
    bancount: String(info.banCount ?? 0),
    matches: matches.join('\n'),
    ipmatches: (info.ipMatches ?? matches).join('\n'),
    ipfailures: String(info.ipFailures ?? failures),
    ipjailmatches: (info.ipJailMatches ?? matches).join('\n'),
    ipjailfailures: String(info.ipJailFailures ?? failures),
    restored: info.restored === true ? '1' : '0',
    'fq-hostname': hostNames.fq,
    'sh-hostname': hostNames.short,
  };
  for (const [name, value] of Object.entries(info.captures ?? {})) values[`F-${name.toUpperCase()}`] = value;
  const user = info.user ?? info.captures?.user;
  if (user !== undefined) values['F-USER'] = user;
  return values;
}

/** Values for start, stop and flush, which have no address: <time>, <family>, the host names. */
export function operationValues(
  family: '' | 'inet4' | 'inet6',
  hostNames: HostNames,
  nowMs: number,
): BanTimeValues {
  return {
    family,
    time: seconds(nowMs),
    'fq-hostname': hostNames.fq,
    'sh-hostname': hostNames.short,
  };
}
