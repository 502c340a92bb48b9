// fail2ban's firewall ban actions (action.d file names) and how each one chooses the traffic it blocks.
// Facts read from fail2ban 1.0.2's action.d: which options mean ports, protocol and blocktype, and the
// match each `type` renders. Everything not listed here is not a firewall action for fail2nft.

/** oneport and multiport block a port list, allports every port of the protocols, any-traffic everything. */
export type BanactionMatch = 'ports' | 'allports' | 'any-traffic';

export interface BanactionInfo {
  /** The match when the action's own `type` option does not say otherwise. */
  readonly match: BanactionMatch;
  /** The action reads its `type` option (nftables: multiport/allports/custom; iptables: oneport/multiport/allports). */
  readonly typeOption?: 'nftables' | 'iptables';
  /** The option holding the blocktype (firewalld rich rules use their own). */
  readonly blocktypeOption?: string;
  /** A fixed blocktype for actions without the option. */
  readonly fixedBlocktype?: 'drop' | 'reject';
  /** What of the action fail2nft does not reproduce. */
  readonly approximation?: string;
}

const nftables = { match: 'ports', typeOption: 'nftables' } as const;
const iptablesPorts = { match: 'ports', typeOption: 'iptables' } as const;
const iptablesAllports = { match: 'allports', typeOption: 'iptables' } as const;

export const banactionTable: ReadonlyMap<string, BanactionInfo> = new Map<string, BanactionInfo>([
  ['nftables', nftables],
  ['nftables-multiport', nftables],
  ['nftables-allports', { match: 'allports', typeOption: 'nftables' }],
  ['iptables', iptablesPorts],
  ['iptables-multiport', iptablesPorts],
  ['iptables-new', iptablesPorts],
  ['iptables-allports', iptablesAllports],
  [
    'iptables-multiport-log',
    { ...iptablesPorts, approximation: 'the LOG rule of iptables-multiport-log is not reproduced' },
  ],
  ['iptables-ipset', iptablesPorts],
  ['iptables-ipset-proto4', iptablesPorts],
  ['iptables-ipset-proto6', iptablesPorts],
  ['iptables-ipset-proto6-allports', iptablesAllports],
  ['firewallcmd-multiport', { match: 'ports' }],
  ['firewallcmd-new', { match: 'ports' }],
  // firewallcmd-allports jumps to its chain without a protocol match: all traffic.
  ['firewallcmd-allports', { match: 'any-traffic' }],
  // firewallcmd-ipset: its actiontype option is the multiport or the allports match.
  ['firewallcmd-ipset', { match: 'ports' }],
  ['firewallcmd-rich-rules', { match: 'ports', blocktypeOption: 'rich-blocktype' }],
  [
    'firewallcmd-rich-logging',
    {
      match: 'ports',
      blocktypeOption: 'rich-blocktype',
      approximation: 'the logging of firewallcmd-rich-logging is not reproduced',
    },
  ],
  ['ufw', { match: 'any-traffic' }],
  ['shorewall', { match: 'any-traffic' }],
  // Only fills an ipset that shorewall's own blacklist configuration drops.
  ['shorewall-ipset-proto6', { match: 'any-traffic', fixedBlocktype: 'drop' }],
]);
