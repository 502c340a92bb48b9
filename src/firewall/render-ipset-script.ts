// ipset restore scripts and iptables-restore rules for the ipset backend, as pure functions. ipset
// restore runs with -exist: creating an existing set, adding a present element (its timeout is
// replaced) and deleting an absent one are no errors.
import type { ElementPlan, PlannedBan } from './element-plan.js';
import type { FirewallJailSpec, FirewallRule, PortRange } from './firewall-jail-spec.js';
import { transportProtocols } from './firewall-jail-spec.js';
import {
  ipsetSetBaseMaxLength,
  jailSetNames,
  setKinds,
  type JailSetNames,
  type SetKind,
} from './set-names.js';

export interface IpsetLayout {
  /** The iptables chain fail2nft owns (INPUT jumps to it). */
  readonly chain: string;
  /** maxelem of every set. */
  readonly maxElements: number;
}

export function ipsetSetNames(jail: string): JailSetNames {
  return jailSetNames(jail, ipsetSetBaseMaxLength);
}

/** The copy reconcile fills before swapping it in. */
export function ipsetSwapName(name: string): string {
  return `${name}-t`;
}

const setTypes: Readonly<Record<SetKind, string>> = {
  v4: 'hash:ip family inet',
  v6: 'hash:ip family inet6',
  v4net: 'hash:net family inet',
  v6net: 'hash:net family inet6',
};

function createLine(name: string, kind: SetKind, layout: IpsetLayout): string {
  // timeout 0: elements are permanent unless added with a timeout of their own.
  return `create ${name} ${setTypes[kind]} timeout 0 maxelem ${layout.maxElements}`;
}

export function renderIpsetSetup(layout: IpsetLayout, jails: readonly FirewallJailSpec[]): string {
  const lines: string[] = [];
  for (const jail of jails) {
    const names = ipsetSetNames(jail.jail);
    for (const kind of setKinds) lines.push(createLine(names[kind], kind, layout));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Destroys sets (jails gone from the configuration, leftover swap copies) after their rules are gone. */
export function renderIpsetDestroy(names: readonly string[]): string {
  return names.length === 0 ? '' : `${names.map((name) => `destroy ${name}`).join('\n')}\n`;
}

function addLine(set: string, ban: PlannedBan): string {
  return `add ${set} ${ban.text} timeout ${ban.timeoutSec ?? 0}`;
}

export function renderIpsetBatch(plan: ElementPlan): string {
  const lines: string[] = [];
  for (const set of plan.sets) {
    const name = ipsetSetNames(set.jail)[set.kind];
    for (const text of set.unbans) lines.push(`del ${name} ${text}`);
    for (const ban of set.bans) lines.push(addLine(name, ban));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Fills a copy of every set and swaps it in: each set changes to exactly the planned bans at once, and
 * a failure halfway leaves the live sets as they were.
 */
export function renderIpsetReconcile(
  layout: IpsetLayout,
  jails: readonly string[],
  plan: ElementPlan,
): string {
  const lines: string[] = [];
  const byName = new Map<string, PlannedBan[]>();
  for (const set of plan.sets) byName.set(ipsetSetNames(set.jail)[set.kind], [...set.bans]);
  for (const jail of jails) {
    const names = ipsetSetNames(jail);
    for (const kind of setKinds) {
      const name = names[kind];
      const copy = ipsetSwapName(name);
      lines.push(createLine(copy, kind, layout), `flush ${copy}`);
      for (const ban of byName.get(name) ?? []) lines.push(addLine(copy, ban));
      lines.push(`swap ${copy} ${name}`, `destroy ${copy}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

// iptables' multiport match takes at most 15 ports, a range counting as two.
const multiportSlots = 15;

function multiportLists(ports: readonly PortRange[]): string[] {
  const lists: string[] = [];
  let current: string[] = [];
  let used = 0;
  for (const range of ports) {
    const slots = range.first === range.last ? 1 : 2;
    if (used + slots > multiportSlots) {
      lists.push(current.join(','));
      current = [];
      used = 0;
    }
    current.push(range.first === range.last ? String(range.first) : `${range.first}:${range.last}`);
    used += slots;
  }
  if (current.length > 0) lists.push(current.join(','));
  return lists;
}

/** The iptables matches of one rule (iptables takes one protocol per rule). */
export function iptablesMatches(rule: FirewallRule): string[] {
  if (rule.ports === 'all') {
    return rule.protocols === 'all' ? [''] : rule.protocols.map((protocol) => `-p ${protocol}`);
  }
  const protocols = rule.protocols === 'all' ? transportProtocols : rule.protocols;
  const lists = multiportLists(rule.ports);
  return protocols.flatMap((protocol) => lists.map((list) => `-p ${protocol} -m multiport --dports ${list}`));
}

/**
 * iptables-restore input (run with --noflush) that replaces the rules of fail2nft's chain for one
 * family: the `:chain` line creates the chain or empties it, other chains stay untouched.
 */
export function renderIptablesRules(
  layout: IpsetLayout,
  jails: readonly FirewallJailSpec[],
  family: 4 | 6,
): string {
  const lines = ['*filter', `:${layout.chain} - [0:0]`];
  const kinds: readonly SetKind[] = family === 4 ? ['v4', 'v4net'] : ['v6', 'v6net'];
  for (const jail of jails) {
    const names = ipsetSetNames(jail.jail);
    for (const rule of jail.rules) {
      const target = rule.blocktype === 'drop' ? 'DROP' : 'REJECT';
      for (const match of iptablesMatches(rule)) {
        for (const kind of kinds) {
          const parts = [`-A ${layout.chain}`, match, `-m set --match-set ${names[kind]} src -j ${target}`];
          lines.push(parts.filter((part) => part !== '').join(' '));
        }
      }
    }
  }
  lines.push('COMMIT');
  return `${lines.join('\n')}\n`;
}
