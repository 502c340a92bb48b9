// Turns a batch of bans and unbans into per-set element changes: every address is parsed again here
// (nothing but a canonical address or network text is ever rendered), classified into the jail's
// address or network set of its family, and given its kernel timeout. Invalid addresses and jails the
// backend does not know are rejected, not rendered.
import { Fail2nftError } from '../core/errors.js';
import { parseIpAddress, parseIpNetwork } from '../core/ip-address.js';
import type { BanDecision, UnbanDecision } from '../core/records.js';
import { banTimeoutSec } from './ban-timeout.js';
import type { FirewallBatch, RejectedChange } from './firewall-batch.js';
import type { SetKind } from './set-names.js';

export interface ElementAddress {
  readonly kind: SetKind;
  /** Canonical address, or network as `base/prefix`. */
  readonly text: string;
}

export interface PlannedBan {
  readonly text: string;
  /** Undefined = permanent. */
  readonly timeoutSec: number | undefined;
}

export interface SetChanges {
  readonly jail: string;
  readonly kind: SetKind;
  readonly bans: readonly PlannedBan[];
  readonly unbans: readonly string[];
}

export interface ElementPlan {
  readonly sets: readonly SetChanges[];
  readonly rejected: readonly RejectedChange[];
  /** Distinct elements in the plan. */
  readonly elements: number;
}

export interface PlanOptions {
  readonly jails: ReadonlySet<string>;
  readonly maxTimeoutSec: number;
}

/** The set kind and canonical text of an address or network; undefined when it is neither. */
export function classifyAddress(input: string): ElementAddress | undefined {
  if (input.includes('/')) {
    // parseIpNetwork ignores what follows a second '/'; such text is no network.
    if (input.indexOf('/') !== input.lastIndexOf('/')) return undefined;
    const network = parseIpNetwork(input);
    if (network === undefined) return undefined;
    const full = network.family === 4 ? 32 : 128;
    if (network.prefix === full) {
      const base = network.text.slice(0, network.text.lastIndexOf('/'));
      return { kind: network.family === 4 ? 'v4' : 'v6', text: base };
    }
    return { kind: network.family === 4 ? 'v4net' : 'v6net', text: network.text };
  }
  const address = parseIpAddress(input);
  if (address === undefined) return undefined;
  return { kind: address.family === 4 ? 'v4' : 'v6', text: address.text };
}

// Records may come from outside the process (control socket, database): check the type too.
function addressInput(value: unknown): ElementAddress | undefined {
  return typeof value === 'string' ? classifyAddress(value) : undefined;
}

interface MutableSetChanges {
  readonly jail: string;
  readonly kind: SetKind;
  /** element text -> timeout (null = permanent) for bans, 'unban' for unbans. */
  readonly elements: Map<string, number | null | 'unban'>;
}

export function planElements(batch: FirewallBatch, nowMs: number, options: PlanOptions): ElementPlan {
  const sets = new Map<string, MutableSetChanges>();
  const rejected: RejectedChange[] = [];

  const target = (
    change: BanDecision | UnbanDecision,
  ): { set: MutableSetChanges; text: string } | Fail2nftError => {
    if (!options.jails.has(change.jail)) {
      return new Fail2nftError(
        'F2N_ERR_FIREWALL_UNKNOWN_JAIL',
        `no firewall sets for jail [${change.jail}]`,
        {
          jail: change.jail,
        },
      );
    }
    const element = addressInput(change.address);
    if (element === undefined) {
      return new Fail2nftError(
        'F2N_ERR_FIREWALL_BAD_ADDRESS',
        `jail [${change.jail}]: ${JSON.stringify(change.address)} is not an IP address or network`,
        { jail: change.jail },
      );
    }
    const key = `${element.kind}\0${change.jail}`;
    let set = sets.get(key);
    if (set === undefined) {
      set = { jail: change.jail, kind: element.kind, elements: new Map() };
      sets.set(key, set);
    }
    return { set, text: element.text };
  };

  // Unbans first, so a batch that bans and unbans one address keeps the ban (the batcher itself keeps
  // only the last change of each address).
  for (const unban of batch.unbans) {
    const found = target(unban);
    if (found instanceof Fail2nftError) rejected.push({ kind: 'unban', change: unban, error: found });
    else found.set.elements.set(found.text, 'unban');
  }
  for (const ban of batch.bans) {
    const found = target(ban);
    if (found instanceof Fail2nftError) {
      rejected.push({ kind: 'ban', change: ban, error: found });
      continue;
    }
    found.set.elements.set(found.text, banTimeoutSec(ban, nowMs, options.maxTimeoutSec) ?? null);
  }

  let elements = 0;
  const planned: SetChanges[] = [];
  for (const set of sets.values()) {
    const bans: PlannedBan[] = [];
    const unbans: string[] = [];
    for (const [text, timeout] of set.elements) {
      if (timeout === 'unban') unbans.push(text);
      else bans.push({ text, timeoutSec: timeout ?? undefined });
    }
    elements += set.elements.size;
    planned.push({ jail: set.jail, kind: set.kind, bans, unbans });
  }
  return { sets: planned, rejected, elements };
}
