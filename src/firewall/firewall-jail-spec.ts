// What the firewall needs to know about a jail: which traffic a ban blocks and how. Plain data, built
// from the jail's fail2ban ban actions by firewallSpecOf and handed to a FirewallBackend.

export type TransportProtocol = 'tcp' | 'udp' | 'sctp';

/** An inclusive port range; a single port has first === last. */
export interface PortRange {
  readonly first: number;
  readonly last: number;
}

/** Destination ports a ban covers: every port, or a list of numeric ranges (service names resolved). */
export type FirewallPorts = 'all' | readonly PortRange[];

/** Protocols a ban covers: every protocol (ports then mean tcp, udp and sctp), or a list. */
export type FirewallProtocols = 'all' | readonly TransportProtocol[];

export type Blocktype = 'drop' | 'reject';

/** One blocking rule: a banned address sends no traffic matching ports and protocols. */
export interface FirewallRule {
  readonly ports: FirewallPorts;
  readonly protocols: FirewallProtocols;
  readonly blocktype: Blocktype;
}

/**
 * One jail's firewall: its ban sets and the rules that use them. A jail has several rules when it has
 * several ban actions (fail2ban's steam jail bans tcp and udp port lists through two actions); all of
 * them match the same sets, because every action of a jail receives every ban.
 */
export interface FirewallJailSpec {
  readonly jail: string;
  readonly rules: readonly FirewallRule[];
}

export const transportProtocols: readonly TransportProtocol[] = ['tcp', 'udp', 'sctp'];

export function sameRule(a: FirewallRule, b: FirewallRule): boolean {
  return (
    a.blocktype === b.blocktype &&
    JSON.stringify(a.ports) === JSON.stringify(b.ports) &&
    JSON.stringify(a.protocols) === JSON.stringify(b.protocols)
  );
}
