// Checking what the element monitor saw against the kernel itself: small sets are listed whole
// (`nft -j list set`), large ones (a flood: listing 1M elements takes tens of seconds) are sampled with
// `nft get element`, one address per process.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { canonicalAddress } from '../service/ban-comparison.js';

const run = promisify(execFile);

export interface SetRef {
  readonly table: string;
  readonly set: string;
}

/** The addresses of one set (empty when the set does not exist: nothing was banned in that family). */
export async function listSet(netns: string, ref: SetRef): Promise<string[]> {
  let stdout: string;
  try {
    ({ stdout } = await run(
      'ip',
      ['netns', 'exec', netns, 'nft', '-j', 'list', 'set', 'inet', ref.table, ref.set],
      {
        maxBuffer: 1 << 28,
        timeout: 120_000,
      },
    ));
  } catch {
    // No such set (fail2ban creates its IPv6 set at the first IPv6 ban).
    return [];
  }
  const parsed = JSON.parse(stdout) as { nftables?: { set?: { elem?: unknown[] } }[] };
  const elements = parsed.nftables?.find((entry) => entry.set !== undefined)?.set?.elem ?? [];
  return elements.flatMap((element) => {
    if (typeof element === 'string') return [canonicalAddress(element)];
    const value = (element as { elem?: { val?: unknown } }).elem?.val;
    return typeof value === 'string' ? [canonicalAddress(value)] : [];
  });
}

/** Whether the set holds the address. */
export async function hasElement(netns: string, ref: SetRef, address: string): Promise<boolean> {
  try {
    await run(
      'ip',
      ['netns', 'exec', netns, 'nft', 'get', 'element', 'inet', ref.table, ref.set, `{ ${address} }`],
      {
        timeout: 30_000,
      },
    );
    return true;
  } catch {
    // nft exits 1 with "No such file or directory" for an absent element.
    return false;
  }
}

export async function nftVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('nft', ['--version'], { timeout: 10_000 });
    return stdout.trim();
  } catch {
    // Not installed: the run refuses to start without it anyway.
    return undefined;
  }
}
