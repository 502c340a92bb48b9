// Whether the kernel replaces an element's timeout when the element is added again. Linux 6.18 does,
// for longer, shorter, added and removed timeouts alike; older kernels may keep the first timeout,
// which is why a replacement is otherwise written as add + delete + add (2.6 times the work). The
// probe writes a few elements to a scratch set twice and reads them back; the setup transaction
// deletes the scratch set.
import type { ElementUpdate, NftLayout } from './render-nft-script.js';

/** Not a jail set name (isJailSetName), so it is never taken for a removed jail's set. */
export const probeSetName = 'f2n-probe';

// Documentation addresses: [address, first timeout, second timeout] (undefined = permanent).
const probeElements: readonly (readonly [string, number | undefined, number | undefined])[] = [
  ['192.0.2.1', 3600, 7200],
  ['192.0.2.2', 7200, 3600],
  ['192.0.2.3', undefined, 3600],
  ['192.0.2.4', 3600, undefined],
];

function elementList(which: 1 | 2): string {
  return probeElements
    .map(([address, first, second]) => {
      const timeout = which === 1 ? first : second;
      return timeout === undefined ? address : `${address} timeout ${timeout}s`;
    })
    .join(', ');
}

/** Two transactions: create the scratch set with the first timeouts, then add the same elements again. */
export function renderElementUpdateProbe(layout: NftLayout): readonly [string, string] {
  const set = `inet ${layout.table} ${probeSetName}`;
  return [
    [
      `add table inet ${layout.table}`,
      `add set ${set} { type ipv4_addr; flags timeout; }`,
      `flush set ${set}`,
      `add element ${set} { ${elementList(1)} }`,
      '',
    ].join('\n'),
    `add element ${set} { ${elementList(2)} }\n`,
  ];
}

interface ListedElement {
  readonly val?: unknown;
  readonly timeout?: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads `nft -j list set` of the scratch set: 'add' when every element carries its second timeout.
 * Output it cannot read counts as "not replaced": 'delete-add' is right on every kernel.
 */
export function elementUpdateFromProbe(json: string): ElementUpdate {
  const timeouts = new Map<string, number | undefined>();
  const parsed = (parseJson(json) ?? {}) as { nftables?: unknown };
  const items = Array.isArray(parsed.nftables) ? (parsed.nftables as unknown[]) : [];
  for (const item of items) {
    const elems = (item as { set?: { elem?: unknown } } | null)?.set?.elem;
    if (!Array.isArray(elems)) continue;
    for (const entry of elems as unknown[]) {
      if (typeof entry === 'string') timeouts.set(entry, undefined);
      const elem = (entry as { elem?: ListedElement } | null)?.elem;
      if (elem !== undefined && typeof elem.val === 'string') {
        timeouts.set(elem.val, typeof elem.timeout === 'number' ? elem.timeout : undefined);
      }
    }
  }
  const replaced = probeElements.every(
    ([address, , second]) => timeouts.has(address) && timeouts.get(address) === second,
  );
  return replaced ? 'add' : 'delete-add';
}
