// The nftables backend: one `nft -f -` process per transaction (setup, batch, reconcile), the script
// on stdin. Scripts come from render-nft-script.ts; this file only runs them and keeps the state.
import type { BanDecision } from '../core/records.js';
import { BackendState } from './backend-state.js';
import { planElements } from './element-plan.js';
import type { ApplyResult, FirewallBatch } from './firewall-batch.js';
import type {
  FirewallBackend,
  FirewallBackendStats,
  FirewallDescription,
  FirewallStartResult,
} from './firewall-backend.js';
import type { FirewallJailSpec } from './firewall-jail-spec.js';
import { elementUpdateFromProbe, probeSetName, renderElementUpdateProbe } from './element-update-probe.js';
import {
  fillNftablesBackendOptions,
  type FilledNftablesBackendOptions,
  type NftablesBackendOptions,
} from './nftables-backend-options.js';
import {
  nftSetNames,
  renderNftBatch,
  renderNftJailRules,
  renderNftReconcile,
  renderNftSetup,
  type ElementUpdate,
  type NftLayout,
} from './render-nft-script.js';
import { backendRunner, type HelperCommandRunner } from './helper-command-runner-io.js';
import { inNamespace, runChecked, type CommandRunner } from './run-command-io.js';
import { isJailSetName, setKinds } from './set-names.js';

export interface NftablesBackendDeps {
  /** Runs the tools; by default a helper process of this backend's own, ended by stop(). */
  readonly run?: CommandRunner;
}

/** Names of the sets in one inet table, from `nft -t -j list sets inet` (terse: no elements, fast at any size). */
export function setsInTable(json: string, table: string): string[] {
  const parsed = JSON.parse(json) as { nftables?: unknown };
  if (!Array.isArray(parsed.nftables)) return [];
  const names: string[] = [];
  for (const item of parsed.nftables as unknown[]) {
    const set = (item as { set?: { family?: unknown; table?: unknown; name?: unknown } } | null)?.set;
    if (set?.family === 'inet' && set.table === table && typeof set.name === 'string') names.push(set.name);
  }
  return names;
}

export class NftablesBackend implements FirewallBackend {
  readonly kind = 'nftables';
  readonly options: FilledNftablesBackendOptions;
  private readonly layout: NftLayout;
  private readonly run: CommandRunner;
  private readonly ownRunner: HelperCommandRunner | undefined;
  private readonly state = new BackendState('nftables');
  private update: ElementUpdate | undefined;

  constructor(options: NftablesBackendOptions = {}, deps: NftablesBackendDeps = {}) {
    this.options = fillNftablesBackendOptions(options);
    this.layout = { table: this.options.table, chain: this.options.chain, priority: this.options.priority };
    const runner = backendRunner(deps.run);
    this.run = runner.run;
    this.ownRunner = runner.own;
    this.update = this.options.elementUpdate === 'auto' ? undefined : this.options.elementUpdate;
  }

  /** How present elements get new timeouts; known after the first start. */
  get elementUpdate(): ElementUpdate | undefined {
    return this.update;
  }

  get maxTimeoutSec(): number {
    return this.options.maxTimeoutSec;
  }

  start(jails: readonly FirewallJailSpec[]): Promise<FirewallStartResult> {
    return this.setup(jails);
  }

  reconfigure(jails: readonly FirewallJailSpec[]): Promise<FirewallStartResult> {
    return this.setup(jails);
  }

  async apply(batch: FirewallBatch, nowMs: number): Promise<ApplyResult> {
    const plan = planElements(batch, nowMs, { jails: this.state.names(), maxTimeoutSec: this.maxTimeoutSec });
    const script = renderNftBatch(this.layout, plan, this.update ?? 'delete-add');
    if (script !== '') {
      await this.state.transaction(
        () => this.nft(script, 'applying bans'),
        () => plan.elements,
      );
    }
    return this.state.countRejected({ applied: plan.elements, rejected: plan.rejected });
  }

  async reconcile(activeBans: readonly BanDecision[], nowMs: number): Promise<ApplyResult> {
    const jails = this.state.startedJails().map((jail) => jail.jail);
    const plan = planElements({ bans: activeBans, unbans: [] }, nowMs, {
      jails: this.state.names(),
      maxTimeoutSec: this.maxTimeoutSec,
    });
    if (jails.length > 0) {
      await this.state.transaction(
        () => this.nft(renderNftReconcile(this.layout, jails, plan), 'reconciling bans'),
        () => plan.elements,
      );
    }
    return this.state.countRejected({ applied: plan.elements, rejected: plan.rejected });
  }

  async stop(): Promise<void> {
    this.state.clear();
    // A later start() runs its commands in a new helper.
    await this.ownRunner?.close();
  }

  describe(): FirewallDescription {
    const jails = this.state.started ? this.state.startedJails() : [];
    return {
      backend: 'nftables',
      started: this.state.started,
      location: `table inet ${this.layout.table} chain ${this.layout.chain} (priority ${this.layout.priority})`,
      ...(this.options.netns === undefined ? {} : { netns: this.options.netns }),
      maxTimeoutSec: this.maxTimeoutSec,
      jails: jails.map((jail) => ({
        jail: jail.jail,
        sets: nftSetNames(jail.jail),
        rules: renderNftJailRules(this.layout, jail).map((line) =>
          line.slice(`add rule inet ${this.layout.table} ${this.layout.chain} `.length),
        ),
      })),
    };
  }

  stats(): FirewallBackendStats {
    return this.state.stats();
  }

  private async setup(jails: readonly FirewallJailSpec[]): Promise<FirewallStartResult> {
    const check = new BackendState('nftables');
    check.setJails(jails, nftSetNames);
    const wanted = new Set(jails.flatMap((jail) => setKinds.map((kind) => nftSetNames(jail.jail)[kind])));
    const existing = await this.existingSets();
    const removedSets = existing.filter((name) => isJailSetName(name) && !wanted.has(name));
    let probed = false;
    if (this.update === undefined) {
      this.update = await this.probeElementUpdate();
      probed = true;
    }
    const scratch = probed || existing.includes(probeSetName) ? [probeSetName] : [];
    await this.state.transaction(
      () =>
        this.nft(
          renderNftSetup(this.layout, jails, [...removedSets, ...scratch]),
          'setting up the nftables table',
        ),
      () => 0,
    );
    this.state.setJails(jails, nftSetNames);
    return { removedSets };
  }

  private async probeElementUpdate(): Promise<ElementUpdate> {
    const [first, second] = renderElementUpdateProbe(this.layout);
    await this.nft(first, 'probing element updates');
    await this.nft(second, 'probing element updates');
    const argv = inNamespace(this.options.netns, [
      this.options.nftCommand,
      '-j',
      'list',
      'set',
      'inet',
      this.layout.table,
      probeSetName,
    ]);
    const listed = await runChecked(
      this.run,
      argv,
      '',
      { timeoutMs: this.options.commandTimeoutMs },
      'probing element updates',
    );
    return elementUpdateFromProbe(listed.stdout);
  }

  private async existingSets(): Promise<string[]> {
    const argv = inNamespace(this.options.netns, [
      this.options.nftCommand,
      '-t',
      '-j',
      'list',
      'sets',
      'inet',
    ]);
    const result = await runChecked(
      this.run,
      argv,
      '',
      { timeoutMs: this.options.commandTimeoutMs },
      'listing nftables sets',
    );
    return result.stdout.trim() === '' ? [] : setsInTable(result.stdout, this.layout.table);
  }

  private async nft(script: string, what: string): Promise<void> {
    const argv = inNamespace(this.options.netns, [this.options.nftCommand, '-f', '-']);
    await runChecked(this.run, argv, script, { timeoutMs: this.options.commandTimeoutMs }, what);
  }
}

export function createNftablesBackend(
  options: NftablesBackendOptions = {},
  deps: NftablesBackendDeps = {},
): NftablesBackend {
  return new NftablesBackend(options, deps);
}
