// An immutable set of addresses and networks, built once and asked on the hot path. Exact addresses
// are a Set of canonical texts; IPv4 networks are grouped by prefix length as Sets of masked 32-bit
// numbers (one lookup per distinct prefix length, no allocation); IPv6 networks are compared by
// bytes. A network failure id is matched when it overlaps any entry, so a range holding an ignored
// address is never banned.
import { networkContains, type IpAddress, type IpNetwork } from '../../core/ip-address.js';

function ipv4Number(bytes: Uint8Array): number {
  return (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
}

function maskIpv4(value: number, prefix: number): number {
  return prefix === 0 ? 0 : (value & (0xffffffff << (32 - prefix))) >>> 0;
}

function asAddress(network: IpNetwork): IpAddress {
  return { family: network.family, bytes: network.bytes, text: network.text };
}

export class AddressMatcher {
  private readonly exact: ReadonlySet<string>;
  private readonly exactAddresses: readonly IpAddress[];
  private readonly ipv4ByPrefix: ReadonlyMap<number, ReadonlySet<number>>;
  private readonly ipv6Networks: readonly IpNetwork[];
  private readonly allNetworks: readonly IpNetwork[];

  constructor(addresses: readonly IpAddress[], networks: readonly IpNetwork[]) {
    this.exact = new Set(addresses.map((a) => a.text));
    this.exactAddresses = addresses;
    const byPrefix = new Map<number, Set<number>>();
    for (const network of networks) {
      if (network.family !== 4) continue;
      let set = byPrefix.get(network.prefix);
      if (set === undefined) byPrefix.set(network.prefix, (set = new Set()));
      set.add(ipv4Number(network.bytes));
    }
    this.ipv4ByPrefix = byPrefix;
    this.ipv6Networks = networks.filter((n) => n.family === 6);
    this.allNetworks = networks;
  }

  get isEmpty(): boolean {
    return this.exact.size === 0 && this.allNetworks.length === 0;
  }

  contains(address: IpAddress): boolean {
    if (this.exact.has(address.text)) return true;
    if (address.family === 4) {
      const value = ipv4Number(address.bytes);
      for (const [prefix, set] of this.ipv4ByPrefix) if (set.has(maskIpv4(value, prefix))) return true;
      return false;
    }
    for (const network of this.ipv6Networks) if (networkContains(network, address)) return true;
    return false;
  }

  /** True when `network` and an entry share an address (either contains the other). */
  overlaps(network: IpNetwork): boolean {
    if (this.contains(asAddress(network))) return true;
    for (const address of this.exactAddresses) if (networkContains(network, address)) return true;
    for (const entry of this.allNetworks)
      if (
        entry.family === network.family &&
        entry.prefix > network.prefix &&
        networkContains(network, asAddress(entry))
      )
        return true;
    return false;
  }
}

export const emptyAddressMatcher = new AddressMatcher([], []);
