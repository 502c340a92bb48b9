// nft scripts, as pure functions of the layout, the jails and the planned elements. Every script runs
// as one `nft -f -` transaction: it applies completely or not at all.
import type { FirewallJailSpec, FirewallRule, PortRange } from './firewall-jail-spec.js';
import { transportProtocols } from './firewall-jail-spec.js';
import type { ElementPlan, PlannedBan } from './element-plan.js';
import { jailSetNames, nftSetBaseMaxLength, setKinds, type JailSetNames, type SetKind } from './set-names.js';

export interface NftLayout {
  readonly table: string;
  readonly chain: string;
  /** Hook priority of the input chain (filter is 0; fail2ban's nftables action uses -1). */
  readonly priority: number;
}

/**
 * How an existing element gets its new timeout. 'delete-add' adds (a no-op when present), deletes and
 * adds again in one transaction, which replaces the element on every kernel; 'add' relies on the kernel
 * replacing the timeout on a re-add (Linux 6.18 does, older kernels may keep the old one).
 */
export type ElementUpdate = 'delete-add' | 'add';

/** 'auto' probes the kernel once at start (element-update-probe.ts). */
export type ElementUpdateOption = ElementUpdate | 'auto';

export function nftSetNames(jail: string): JailSetNames {
  return jailSetNames(jail, nftSetBaseMaxLength);
}

const setDefinitions: Readonly<Record<SetKind, string>> = {
  v4: 'type ipv4_addr; flags timeout;',
  v6: 'type ipv6_addr; flags timeout;',
  // Networks need an interval set; addresses stay in hash sets, where overlapping entries are no error.
  v4net: 'type ipv4_addr; flags interval, timeout;',
  v6net: 'type ipv6_addr; flags interval, timeout;',
};

/** nft time syntax (1d2h3m4s); nft's parser refuses plain second counts of nine digits and more. */
export function formatNftTimeout(seconds: number): string {
  const units: readonly (readonly [string, number])[] = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = Math.max(1, Math.floor(seconds));
  let text = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) text += `${count}${unit}`;
  }
  return text;
}

function portText(range: PortRange): string {
  return range.first === range.last ? String(range.first) : `${range.first}-${range.last}`;
}

function anonymousSet(items: readonly string[]): string {
  return items.length === 1 ? (items[0] ?? '') : `{ ${items.join(', ')} }`;
}

/** The match part of a rule: protocols, then destination ports through the transport header. */
export function renderNftMatch(rule: FirewallRule): string {
  const parts: string[] = [];
  if (rule.ports !== 'all') {
    const protocols = rule.protocols === 'all' ? transportProtocols : rule.protocols;
    parts.push(
      `meta l4proto ${anonymousSet(protocols)}`,
      `th dport ${anonymousSet(rule.ports.map(portText))}`,
    );
  } else if (rule.protocols !== 'all') {
    parts.push(`meta l4proto ${anonymousSet(rule.protocols)}`);
  }
  return parts.join(' ');
}

/** The rules of one jail: each rule once per set (addresses and networks of both families). */
export function renderNftJailRules(layout: NftLayout, jail: FirewallJailSpec): string[] {
  const names = nftSetNames(jail.jail);
  const lines: string[] = [];
  for (const rule of jail.rules) {
    const match = renderNftMatch(rule);
    for (const kind of setKinds) {
      const family = kind === 'v4' || kind === 'v4net' ? 'ip' : 'ip6';
      const statement = [match, `${family} saddr @${names[kind]}`, rule.blocktype]
        .filter((p) => p !== '')
        .join(' ');
      lines.push(`add rule inet ${layout.table} ${layout.chain} ${statement}`);
    }
  }
  return lines;
}

/**
 * Creates what is missing and replaces the rules, keeping every existing set element (bans survive a
 * restart): `add` leaves existing tables and sets alone. The chain is deleted and created again so a
 * changed priority takes effect; the first `add chain` makes sure there is one to delete. Sets in
 * `removedSets` (jails gone from the configuration) are deleted after the rules that used them.
 */
export function renderNftSetup(
  layout: NftLayout,
  jails: readonly FirewallJailSpec[],
  removedSets: readonly string[] = [],
): string {
  const { table, chain, priority } = layout;
  const lines = [
    `add table inet ${table}`,
    `add chain inet ${table} ${chain}`,
    `flush chain inet ${table} ${chain}`,
    `delete chain inet ${table} ${chain}`,
    `add chain inet ${table} ${chain} { type filter hook input priority ${priority}; policy accept; }`,
  ];
  for (const jail of jails) {
    const names = nftSetNames(jail.jail);
    for (const kind of setKinds)
      lines.push(`add set inet ${table} ${names[kind]} { ${setDefinitions[kind]} }`);
  }
  for (const jail of jails) lines.push(...renderNftJailRules(layout, jail));
  for (const name of removedSets) lines.push(`delete set inet ${table} ${name}`);
  return `${lines.join('\n')}\n`;
}

function banElement(ban: PlannedBan): string {
  return ban.timeoutSec === undefined ? ban.text : `${ban.text} timeout ${formatNftTimeout(ban.timeoutSec)}`;
}

function elementLine(
  verb: 'add' | 'delete',
  table: string,
  set: string,
  elements: readonly string[],
): string {
  return `${verb} element inet ${table} ${set} { ${elements.join(', ')} }`;
}

/**
 * One transaction for a batch. Deleting an element that is not there fails the whole transaction, so
 * every delete follows an add of the same element (a no-op when it is present): an unban is add +
 * delete, a ban (in 'delete-add' mode) add + delete + add, which replaces a present element's timeout.
 */
export function renderNftBatch(layout: NftLayout, plan: ElementPlan, update: ElementUpdate): string {
  const lines: string[] = [];
  for (const set of plan.sets) {
    const name = nftSetNames(set.jail)[set.kind];
    const bans = set.bans.map(banElement);
    if (update === 'add') {
      if (set.unbans.length > 0) {
        lines.push(elementLine('add', layout.table, name, set.unbans));
        lines.push(elementLine('delete', layout.table, name, set.unbans));
      }
      if (bans.length > 0) lines.push(elementLine('add', layout.table, name, bans));
      continue;
    }
    const all = [...set.bans.map((ban) => ban.text), ...set.unbans];
    if (all.length === 0) continue;
    lines.push(elementLine('add', layout.table, name, [...bans, ...set.unbans]));
    lines.push(elementLine('delete', layout.table, name, all));
    if (bans.length > 0) lines.push(elementLine('add', layout.table, name, bans));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Empties every set of the given jails and adds the planned bans, in one transaction. */
export function renderNftReconcile(layout: NftLayout, jails: readonly string[], plan: ElementPlan): string {
  const lines: string[] = [];
  for (const jail of jails) {
    const names = nftSetNames(jail);
    for (const kind of setKinds) lines.push(`flush set inet ${layout.table} ${names[kind]}`);
  }
  for (const set of plan.sets) {
    if (set.bans.length === 0) continue;
    lines.push(elementLine('add', layout.table, nftSetNames(set.jail)[set.kind], set.bans.map(banElement)));
  }
  return `${lines.join('\n')}\n`;
}
