// One jail's ignore list: what ignoreip and ignoreself say, as a synchronous matcher for the hot
// path. The parts that need I/O (host names, file: lists, the machine's own addresses) are filled
// in by IgnoreSourceRefresher and swapped in whole, so a lookup never waits and never sees half an
// update. Checked in fail2ban's order: own addresses, then configured addresses and networks, then
// resolved host names, then list files.
import type { IpAddress, IpNetwork } from '../../core/ip-address.js';
import { Fail2nftError } from '../../core/errors.js';
import { AddressMatcher, emptyAddressMatcher } from './address-matcher.js';
import { parseIgnoreEntries } from './parse-ignore-entries.js';

/** Why an address was ignored (fail2ban logs the same sources: ip, dns, ignoreself, command). */
export type IgnoreSource = 'self' | 'ip' | 'dns' | 'file' | 'command';

export class IgnoreList {
  readonly hostNames: readonly string[];
  readonly files: readonly string[];
  readonly ignoreSelf: boolean;
  private readonly configured: AddressMatcher;
  private resolved = emptyAddressMatcher;
  private listed = emptyAddressMatcher;
  private self = emptyAddressMatcher;

  /** Parses ignoreip once; entries that are not addresses, networks, host names or file: paths throw. */
  constructor(ignoreip: readonly string[], ignoreSelf: boolean) {
    const entries = parseIgnoreEntries(ignoreip);
    if (entries.problems.length > 0)
      throw new Fail2nftError('F2N_ERR_CONFIG_BAD_VALUE', `ignoreip: ${entries.problems.join('; ')}`, {
        option: 'ignoreip',
        problems: entries.problems,
      });
    this.configured = new AddressMatcher(entries.addresses, entries.networks);
    this.hostNames = entries.hostNames;
    this.files = entries.files;
    this.ignoreSelf = ignoreSelf;
  }

  match(address: IpAddress): IgnoreSource | undefined {
    if (this.ignoreSelf && this.self.contains(address)) return 'self';
    if (this.configured.contains(address)) return 'ip';
    if (this.resolved.contains(address)) return 'dns';
    if (this.listed.contains(address)) return 'file';
    return undefined;
  }

  /** A network id is ignored when it overlaps an ignored address or network. */
  matchNetwork(network: IpNetwork): IgnoreSource | undefined {
    if (this.ignoreSelf && this.self.overlaps(network)) return 'self';
    if (this.configured.overlaps(network)) return 'ip';
    if (this.resolved.overlaps(network)) return 'dns';
    if (this.listed.overlaps(network)) return 'file';
    return undefined;
  }

  setResolvedHosts(addresses: readonly IpAddress[]): void {
    this.resolved = new AddressMatcher(addresses, []);
  }

  setListed(addresses: readonly IpAddress[], networks: readonly IpNetwork[]): void {
    this.listed = new AddressMatcher(addresses, networks);
  }

  setSelf(self: AddressMatcher): void {
    this.self = self;
  }
}
