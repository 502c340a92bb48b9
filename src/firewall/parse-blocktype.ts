// The blocktype of fail2ban's firewall actions, in each tool's spelling: nftables "reject"/"drop",
// iptables and firewalld "REJECT --reject-with icmp-port-unreachable"/"DROP", firewalld rich rules
// "reject type='...'", ufw "reject"/"deny", shorewall "reject"/"drop". fail2nft blocks with nft's
// plain drop or reject (ICMP port unreachable); other reject types are approximated.
import type { Blocktype } from './firewall-jail-spec.js';

export type BlocktypeResult =
  | { readonly ok: true; readonly blocktype: Blocktype; readonly approximation?: string }
  | { readonly ok: false; readonly problem: string };

export function parseBlocktype(text: string): BlocktypeResult {
  const [verb = '', ...rest] = text.trim().toLowerCase().split(/\s+/);
  if (verb === 'drop' || verb === 'deny') return { ok: true, blocktype: 'drop' };
  if (verb !== 'reject') {
    return { ok: false, problem: `blocktype "${text.trim()}" is neither a drop nor a reject` };
  }
  const how = rest.join(' ');
  // An unresolved <rejecttype> tag stands for the action's default, port unreachable.
  if (how === '' || how.includes('port-unreachable') || /<[^>]*>/.test(how)) {
    return { ok: true, blocktype: 'reject' };
  }
  return {
    ok: true,
    blocktype: 'reject',
    approximation: `blocktype "${text.trim()}" is applied as a plain reject (ICMP port unreachable)`,
  };
}
