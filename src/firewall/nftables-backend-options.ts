// Options of the nftables backend: what the caller passes (all optional) and the checked, frozen result.
import { checkCommand, checkInteger, checkNetns, checkOneOf, checkPattern } from './firewall-option-rules.js';
import type { ElementUpdateOption } from './render-nft-script.js';

export interface NftablesBackendOptions {
  /** Table name in family inet. */
  readonly table?: string;
  /** Base chain hooked on input. */
  readonly chain?: string;
  /** Hook priority (filter = 0); -1 runs before the usual filter chains, as fail2ban's nftables action. */
  readonly priority?: number;
  /** Run nft inside this network namespace (`ip netns exec`): tests, benches, the demo. */
  readonly netns?: string;
  readonly nftCommand?: string;
  /** Longest element timeout written; longer bans are refreshed (bansToRefresh). */
  readonly maxTimeoutSec?: number;
  /** How a present element gets a new timeout; 'auto' asks the kernel at start which one is needed. */
  readonly elementUpdate?: ElementUpdateOption;
  /** An nft process running longer is killed and its transaction counts as failed. */
  readonly commandTimeoutMs?: number;
}

export interface FilledNftablesBackendOptions {
  readonly table: string;
  readonly chain: string;
  readonly priority: number;
  readonly netns: string | undefined;
  readonly nftCommand: string;
  readonly maxTimeoutSec: number;
  readonly elementUpdate: ElementUpdateOption;
  readonly commandTimeoutMs: number;
}

/**
 * Kernels before the 64-bit timeout conversion (Linux 5.x) mishandle timeouts past 2^31 ms; Linux 6.18
 * accepts up to 18446744073 s (2^64 ns). The default keeps to what every kernel handles, the same cap
 * as ipset; raise it on a recent kernel to avoid refreshes.
 */
export const nftMaxTimeoutSecLimit = 18_446_744_073;

export const nftablesBackendDefaults = {
  table: 'fail2nft',
  chain: 'input',
  priority: -1,
  nftCommand: 'nft',
  maxTimeoutSec: 2_147_483,
  elementUpdate: 'auto',
  commandTimeoutMs: 120_000,
} as const;

const owner = 'nftables backend';
const nftName = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function fillNftablesBackendOptions(
  options: NftablesBackendOptions = {},
): FilledNftablesBackendOptions {
  const d = nftablesBackendDefaults;
  return Object.freeze({
    table: checkPattern(
      owner,
      'table',
      options.table ?? d.table,
      nftName,
      'an nft name (letters, digits, _ and -)',
    ),
    chain: checkPattern(
      owner,
      'chain',
      options.chain ?? d.chain,
      nftName,
      'an nft name (letters, digits, _ and -)',
    ),
    priority: checkInteger(owner, 'priority', options.priority ?? d.priority, -1000, 1000),
    netns: checkNetns(owner, options.netns),
    nftCommand: checkCommand(owner, 'nftCommand', options.nftCommand ?? d.nftCommand),
    maxTimeoutSec: checkInteger(
      owner,
      'maxTimeoutSec',
      options.maxTimeoutSec ?? d.maxTimeoutSec,
      2,
      nftMaxTimeoutSecLimit,
    ),
    elementUpdate: checkOneOf(owner, 'elementUpdate', options.elementUpdate ?? d.elementUpdate, [
      'auto',
      'delete-add',
      'add',
    ]),
    commandTimeoutMs: checkInteger(
      owner,
      'commandTimeoutMs',
      options.commandTimeoutMs ?? d.commandTimeoutMs,
      100,
      3_600_000,
    ),
  });
}
