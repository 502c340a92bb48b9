// Manual bans and unbans name addresses as people type them; the service gets them in one canonical
// text (what the firewall sets and the database hold), so `unban 2001:DB8::0:7` finds `2001:db8::7`.
import { parseIpAddress, parseIpNetwork } from '../core/ip-address.js';

/** Canonical text of an address or CIDR network (a full-length prefix is the bare address); undefined if neither. */
export function canonicalAddress(text: string): string | undefined {
  const address = parseIpAddress(text);
  if (address !== undefined) return address.text;
  const network = parseIpNetwork(text);
  if (network === undefined) return undefined;
  const full = network.family === 4 ? 32 : 128;
  return network.prefix === full ? network.text.slice(0, network.text.lastIndexOf('/')) : network.text;
}
