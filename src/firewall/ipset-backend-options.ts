// Options of the ipset backend: what the caller passes (all optional) and the checked, frozen result.
import { checkCommand, checkInteger, checkNetns, checkPattern } from './firewall-option-rules.js';

export interface IpsetBackendOptions {
  /** The iptables/ip6tables chain fail2nft owns in table filter; INPUT jumps to it first. */
  readonly chain?: string;
  /** maxelem of every set (a full set refuses new elements). */
  readonly maxElements?: number;
  /** Run the tools inside this network namespace (`ip netns exec`): tests, benches, the demo. */
  readonly netns?: string;
  readonly ipsetCommand?: string;
  /** Longest element timeout written (the kernel's ipset limit is 2147483 s); longer bans are refreshed. */
  readonly maxTimeoutSec?: number;
  readonly commandTimeoutMs?: number;
}

export interface FilledIpsetBackendOptions {
  readonly chain: string;
  readonly maxElements: number;
  readonly netns: string | undefined;
  readonly ipsetCommand: string;
  readonly maxTimeoutSec: number;
  readonly commandTimeoutMs: number;
}

/** The kernel rejects larger ipset timeouts. */
export const ipsetMaxTimeoutSecLimit = 2_147_483;

export const ipsetBackendDefaults = {
  chain: 'fail2nft',
  maxElements: 4_194_304,
  ipsetCommand: 'ipset',
  maxTimeoutSec: ipsetMaxTimeoutSecLimit,
  commandTimeoutMs: 120_000,
} as const;

const owner = 'ipset backend';
// iptables chain names have at most 28 characters; upper-case names are reserved for built-in chains and targets.
const chainName = /^(?![A-Z]+$)[A-Za-z0-9_-]{1,28}$/;

export function fillIpsetBackendOptions(options: IpsetBackendOptions = {}): FilledIpsetBackendOptions {
  const d = ipsetBackendDefaults;
  return Object.freeze({
    chain: checkPattern(
      owner,
      'chain',
      options.chain ?? d.chain,
      chainName,
      'an iptables chain name (at most 28 of letters, digits, _ and -, not all upper case)',
    ),
    maxElements: checkInteger(owner, 'maxElements', options.maxElements ?? d.maxElements, 1, 2 ** 31 - 1),
    netns: checkNetns(owner, options.netns),
    ipsetCommand: checkCommand(owner, 'ipsetCommand', options.ipsetCommand ?? d.ipsetCommand),
    maxTimeoutSec: checkInteger(
      owner,
      'maxTimeoutSec',
      options.maxTimeoutSec ?? d.maxTimeoutSec,
      2,
      ipsetMaxTimeoutSecLimit,
    ),
    commandTimeoutMs: checkInteger(
      owner,
      'commandTimeoutMs',
      options.commandTimeoutMs ?? d.commandTimeoutMs,
      100,
      3_600_000,
    ),
  });
}
