// The bans the kernel holds, read from `nft -j list table inet TABLE`: the elements of the service's
// sets (f2n-<jail>-v4, -v6, -v4net, -v6net), with the seconds each has left.
import type { DemoBan } from './demo-ban.js';

export interface KernelElement {
  readonly address: string;
  /** Seconds until the kernel drops it; undefined for a permanent ban. */
  readonly expiresSec: number | undefined;
}

export interface KernelSet {
  readonly name: string;
  /** The jail the set belongs to, from its name. */
  readonly jail: string;
  readonly elements: readonly KernelElement[];
}

export interface KernelTable {
  readonly sets: readonly KernelSet[];
  readonly rules: number;
  /** "hook input priority -1" of the table's base chain(s). */
  readonly chains: readonly string[];
}

const setName = /^f2n-(.+)-(?:v4|v6|v4net|v6net)$/;

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function elementValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const prefix = asObject(asObject(value)?.prefix);
  if (prefix !== undefined && typeof prefix.addr === 'string' && typeof prefix.len === 'number')
    return `${prefix.addr}/${prefix.len}`;
  return undefined;
}

function parseElement(item: unknown): KernelElement | undefined {
  const elem = asObject(asObject(item)?.elem);
  if (elem === undefined) {
    const address = elementValue(item);
    return address === undefined ? undefined : { address, expiresSec: undefined };
  }
  const address = elementValue(elem.val);
  if (address === undefined) return undefined;
  return { address, expiresSec: typeof elem.expires === 'number' ? elem.expires : undefined };
}

/** Throws a SyntaxError when the text is not nft's JSON. */
export function parseKernelTable(json: string): KernelTable {
  const root = asObject(JSON.parse(json) as unknown);
  const items = Array.isArray(root?.nftables) ? (root.nftables as unknown[]) : [];
  const sets: KernelSet[] = [];
  const chains: string[] = [];
  let rules = 0;
  for (const item of items) {
    const entry = asObject(item);
    if (entry === undefined) continue;
    if (entry.rule !== undefined) rules++;
    const chain = asObject(entry.chain);
    if (chain !== undefined && typeof chain.hook === 'string')
      chains.push(`${String(chain.name)}: hook ${chain.hook} priority ${String(chain.prio)}`);
    const set = asObject(entry.set);
    if (set === undefined || typeof set.name !== 'string') continue;
    const jail = setName.exec(set.name)?.[1];
    if (jail === undefined) continue;
    const elements = (Array.isArray(set.elem) ? (set.elem as unknown[]) : [])
      .map(parseElement)
      .filter((element): element is KernelElement => element !== undefined);
    sets.push({ name: set.name, jail, elements });
  }
  return { sets, rules, chains };
}

export function bansInKernel(table: KernelTable): DemoBan[] {
  return table.sets.flatMap((set) =>
    set.elements.map((element) => ({ jail: set.jail, address: element.address })),
  );
}
