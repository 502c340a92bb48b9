// fail2ban's port option ("ssh", "smtp,465,submission", "1000:2000", "0:65535") as numeric ranges.
// Items are separated by commas or blanks; a range is `a:b` (iptables) or `a-b` (nft); either end may
// be a service name. The result is sorted and merged, so renderers never see overlapping ranges
// (nft rejects overlapping intervals in one set).
import type { FirewallPorts, PortRange } from './firewall-jail-spec.js';
import type { ServiceTable } from './service-table.js';

export type PortListResult =
  { readonly ok: true; readonly ports: FirewallPorts } | { readonly ok: false; readonly problem: string };

function portOf(text: string, services: ServiceTable): number | undefined {
  if (/^\d{1,5}$/.test(text)) {
    const port = Number(text);
    return port <= 65_535 ? port : undefined;
  }
  return services.get(text.toLowerCase());
}

function rangeOf(item: string, services: ServiceTable): PortRange | string {
  const single = portOf(item, services);
  if (single !== undefined) return { first: single, last: single };
  // Service names contain '-' (ftp-data), so '-' is a range only between numbers.
  const colon = item.split(':');
  const dash = /^\d+-\d+$/.test(item) ? item.split('-') : [];
  const parts = colon.length === 2 ? colon : dash.length === 2 ? dash : undefined;
  if (parts === undefined) {
    return /^[a-z][a-z0-9_.+-]*$/i.test(item)
      ? `unknown service name "${item}" (not in /etc/services)`
      : `"${item}" is not a port, a service name or a range`;
  }
  const [firstText = '', lastText = ''] = parts;
  const first = portOf(firstText, services);
  const last = portOf(lastText, services);
  if (first === undefined || last === undefined) return `"${item}" is not a valid port range`;
  if (first > last) return `port range "${item}" ends before it starts`;
  return { first, last };
}

function mergeRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.first - b.first || a.last - b.last);
  const merged: PortRange[] = [];
  for (const range of sorted) {
    const previous = merged.at(-1);
    if (previous !== undefined && range.first <= previous.last + 1) {
      merged[merged.length - 1] = { first: previous.first, last: Math.max(previous.last, range.last) };
    } else merged.push(range);
  }
  return merged;
}

export function parsePortList(text: string, services: ServiceTable): PortListResult {
  const items = text.split(/[\s,]+/).filter((item) => item !== '');
  if (items.length === 0) return { ok: false, problem: 'the port list is empty' };
  if (items.length === 1 && /^(all|any)$/i.test(items[0] ?? '')) return { ok: true, ports: 'all' };
  const ranges: PortRange[] = [];
  for (const item of items) {
    const range = rangeOf(item, services);
    if (typeof range === 'string') return { ok: false, problem: range };
    ranges.push(range);
  }
  return { ok: true, ports: mergeRanges(ranges) };
}
