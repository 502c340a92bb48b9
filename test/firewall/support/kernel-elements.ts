// Reads set elements back from the kernel for assertions: address or network text -> remaining
// seconds (undefined = permanent). Test sets are small, so listing them is cheap here.
import type { Netns } from './netns.js';
import { runOk } from './netns.js';

export type ElementMap = Map<string, number | undefined>;

interface NftElem {
  readonly val?: unknown;
  readonly expires?: number;
  readonly timeout?: number;
}

function nftValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const prefix = (value as { prefix?: { addr: string; len: number } }).prefix;
  if (prefix !== undefined) return `${prefix.addr}/${prefix.len}`;
  return JSON.stringify(value);
}

export function nftSetElements(netns: Netns, table: string, set: string): ElementMap {
  const json = runOk(['ip', 'netns', 'exec', netns.name, 'nft', '-j', 'list', 'set', 'inet', table, set]);
  const parsed = JSON.parse(json) as { nftables: { set?: { elem?: unknown[] } }[] };
  const elements: ElementMap = new Map();
  for (const item of parsed.nftables) {
    for (const entry of item.set?.elem ?? []) {
      const elem = (entry as { elem?: NftElem }).elem;
      if (elem === undefined) elements.set(nftValue(entry), undefined);
      else elements.set(nftValue(elem.val), elem.timeout === undefined ? undefined : elem.expires);
    }
  }
  return elements;
}

export function nftSetNamesIn(netns: Netns, table: string): string[] {
  const json = runOk(['ip', 'netns', 'exec', netns.name, 'nft', '-t', '-j', 'list', 'sets', 'inet']);
  const parsed = JSON.parse(json) as { nftables: { set?: { name: string; table: string } }[] };
  return parsed.nftables.flatMap((item) =>
    item.set !== undefined && item.set.table === table ? [item.set.name] : [],
  );
}

export function ipsetElements(netns: Netns, set: string): ElementMap {
  const text = runOk(['ip', 'netns', 'exec', netns.name, 'ipset', 'save', set]);
  const elements: ElementMap = new Map();
  for (const line of text.split('\n')) {
    const match = /^add \S+ (\S+)(?: timeout (\d+))?/.exec(line);
    if (match === null) continue;
    const timeout = match[2] === undefined ? 0 : Number(match[2]);
    elements.set(match[1] ?? '', timeout === 0 ? undefined : timeout);
  }
  return elements;
}

export function ipsetNamesIn(netns: Netns): string[] {
  return runOk(['ip', 'netns', 'exec', netns.name, 'ipset', 'list', '-n'])
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
