// fail2ban's protocol option ("tcp", "tcp,udp", "all") as the protocols a rule covers.
import { transportProtocols, type FirewallProtocols, type TransportProtocol } from './firewall-jail-spec.js';

export type ProtocolListResult =
  | { readonly ok: true; readonly protocols: FirewallProtocols }
  | { readonly ok: false; readonly problem: string };

function isTransportProtocol(name: string): name is TransportProtocol {
  return (transportProtocols as readonly string[]).includes(name);
}

export function parseProtocolList(text: string): ProtocolListResult {
  const items = text
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((item) => item !== '');
  if (items.length === 0) return { ok: false, problem: 'the protocol list is empty' };
  if (items.includes('all')) return { ok: true, protocols: 'all' };
  const protocols: TransportProtocol[] = [];
  for (const item of items) {
    if (!isTransportProtocol(item)) {
      return { ok: false, problem: `protocol "${item}" is not supported (use tcp, udp, sctp or all)` };
    }
    if (!protocols.includes(item)) protocols.push(item);
  }
  // A fixed order keeps the rendered rules, and the rule comparison on reload, independent of spelling.
  protocols.sort((a, b) => transportProtocols.indexOf(a) - transportProtocols.indexOf(b));
  return { ok: true, protocols };
}
