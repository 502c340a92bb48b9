// The dry-run backend: runs no tool and touches no kernel, but keeps what the kernel would hold (every
// set with its elements and their expiry) and a bounded list of the operations it was asked for. It is
// the backend of `fail2nft start --dry-run` and the in-memory double other stages test with; it logs
// nothing itself (the service logs the bans it decides).
import type { BanDecision } from '../core/records.js';
import { BackendState } from './backend-state.js';
import { planElements, type ElementPlan } from './element-plan.js';
import type { ApplyResult, FirewallBatch } from './firewall-batch.js';
import type {
  FirewallBackend,
  FirewallBackendStats,
  FirewallDescription,
  FirewallStartResult,
} from './firewall-backend.js';
import type { FirewallJailSpec } from './firewall-jail-spec.js';
import { checkInteger } from './firewall-option-rules.js';
import { nftablesBackendDefaults } from './nftables-backend-options.js';
import { nftSetNames, renderNftJailRules, type NftLayout } from './render-nft-script.js';
import { setKinds } from './set-names.js';

/** The simulated kernel: set name -> element text -> expiry in ms (undefined = permanent). */
export type DryRunKernel = Map<string, Map<string, number | undefined>>;

export interface DryRunOperation {
  readonly op: 'start' | 'apply' | 'reconcile' | 'reconfigure' | 'stop';
  readonly nowMs?: number;
  readonly elements: number;
  readonly rejected: number;
  readonly jails?: readonly string[];
}

export interface DryRunElement {
  readonly address: string;
  readonly expiresAtMs: number | undefined;
}

export interface DryRunBackendOptions {
  readonly maxTimeoutSec?: number;
  /** Operations kept by operations() (oldest dropped first). */
  readonly historyLimit?: number;
}

export interface DryRunBackendDeps {
  /** Share one simulated kernel between backends to simulate a restart. */
  readonly kernel?: DryRunKernel;
}

const layout: NftLayout = {
  table: nftablesBackendDefaults.table,
  chain: nftablesBackendDefaults.chain,
  priority: nftablesBackendDefaults.priority,
};

export class DryRunBackend implements FirewallBackend {
  readonly kind = 'dry-run';
  readonly maxTimeoutSec: number;
  readonly kernel: DryRunKernel;
  private readonly historyLimit: number;
  private readonly history: DryRunOperation[] = [];
  private readonly state = new BackendState('dry-run');

  constructor(options: DryRunBackendOptions = {}, deps: DryRunBackendDeps = {}) {
    this.maxTimeoutSec = checkInteger(
      'dry-run backend',
      'maxTimeoutSec',
      options.maxTimeoutSec ?? 2_147_483,
      2,
      Number.MAX_SAFE_INTEGER / 1000,
    );
    this.historyLimit = checkInteger(
      'dry-run backend',
      'historyLimit',
      options.historyLimit ?? 1000,
      0,
      1_000_000,
    );
    this.kernel = deps.kernel ?? new Map<string, Map<string, number | undefined>>();
  }

  start(jails: readonly FirewallJailSpec[]): Promise<FirewallStartResult> {
    // Deferred, so a refused jail list rejects the promise as with the other backends.
    return Promise.resolve().then(() => this.setup('start', jails));
  }

  reconfigure(jails: readonly FirewallJailSpec[]): Promise<FirewallStartResult> {
    return Promise.resolve().then(() => this.setup('reconfigure', jails));
  }

  async apply(batch: FirewallBatch, nowMs: number): Promise<ApplyResult> {
    const plan = this.plan(batch, nowMs);
    if (plan.elements > 0) {
      await this.state.transaction(
        () => {
          this.write(plan, nowMs);
          return Promise.resolve();
        },
        () => plan.elements,
      );
    }
    this.record({ op: 'apply', nowMs, elements: plan.elements, rejected: plan.rejected.length });
    return this.state.countRejected({ applied: plan.elements, rejected: plan.rejected });
  }

  async reconcile(activeBans: readonly BanDecision[], nowMs: number): Promise<ApplyResult> {
    const plan = this.plan({ bans: activeBans, unbans: [] }, nowMs);
    const jails = this.state.startedJails();
    await this.state.transaction(
      () => {
        for (const jail of jails) {
          for (const kind of setKinds) this.kernel.get(nftSetNames(jail.jail)[kind])?.clear();
        }
        this.write(plan, nowMs);
        return Promise.resolve();
      },
      () => plan.elements,
    );
    this.record({ op: 'reconcile', nowMs, elements: plan.elements, rejected: plan.rejected.length });
    return this.state.countRejected({ applied: plan.elements, rejected: plan.rejected });
  }

  stop(): Promise<void> {
    this.state.clear();
    this.record({ op: 'stop', elements: 0, rejected: 0 });
    return Promise.resolve();
  }

  describe(): FirewallDescription {
    const jails = this.state.started ? this.state.startedJails() : [];
    return {
      backend: 'dry-run',
      started: this.state.started,
      location: `nothing (dry run; nftables would use table inet ${layout.table} chain ${layout.chain})`,
      maxTimeoutSec: this.maxTimeoutSec,
      jails: jails.map((jail) => ({
        jail: jail.jail,
        sets: nftSetNames(jail.jail),
        rules: renderNftJailRules(layout, jail).map((line) =>
          line.slice(`add rule inet ${layout.table} ${layout.chain} `.length),
        ),
      })),
    };
  }

  stats(): FirewallBackendStats {
    return this.state.stats();
  }

  /** What the kernel would hold for a jail at nowMs (all four sets), sorted by address. */
  elements(jail: string, nowMs: number): DryRunElement[] {
    const found: DryRunElement[] = [];
    for (const kind of setKinds) {
      for (const [address, expiresAtMs] of this.kernel.get(nftSetNames(jail)[kind]) ?? []) {
        if (expiresAtMs === undefined || expiresAtMs > nowMs) found.push({ address, expiresAtMs });
      }
    }
    return found.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  }

  operations(): readonly DryRunOperation[] {
    return this.history;
  }

  private plan(batch: FirewallBatch, nowMs: number): ElementPlan {
    return planElements(batch, nowMs, { jails: this.state.names(), maxTimeoutSec: this.maxTimeoutSec });
  }

  private setup(op: 'start' | 'reconfigure', jails: readonly FirewallJailSpec[]): FirewallStartResult {
    const check = new BackendState('dry-run');
    check.setJails(jails, nftSetNames);
    const wanted = new Set(jails.flatMap((jail) => setKinds.map((kind) => nftSetNames(jail.jail)[kind])));
    const removedSets = [...this.kernel.keys()].filter((name) => !wanted.has(name));
    for (const name of removedSets) this.kernel.delete(name);
    for (const name of wanted) if (!this.kernel.has(name)) this.kernel.set(name, new Map());
    this.state.setJails(jails, nftSetNames);
    this.record({ op, elements: 0, rejected: 0, jails: jails.map((jail) => jail.jail) });
    return { removedSets };
  }

  private write(plan: ElementPlan, nowMs: number): void {
    for (const set of plan.sets) {
      const elements = this.kernel.get(nftSetNames(set.jail)[set.kind]);
      if (elements === undefined) continue;
      for (const text of set.unbans) elements.delete(text);
      for (const ban of set.bans) {
        elements.set(ban.text, ban.timeoutSec === undefined ? undefined : nowMs + ban.timeoutSec * 1000);
      }
    }
  }

  private record(operation: DryRunOperation): void {
    if (this.historyLimit === 0) return;
    if (this.history.length >= this.historyLimit) this.history.shift();
    this.history.push(operation);
  }
}

export function createDryRunBackend(
  options: DryRunBackendOptions = {},
  deps: DryRunBackendDeps = {},
): DryRunBackend {
  return new DryRunBackend(options, deps);
}
