// The ipset backend, for hosts whose firewall is iptables: bans live in ipsets (hash:ip for addresses,
// hash:net for networks, with timeouts) filled by one `ipset -exist restore` per transaction, and
// iptables/ip6tables rules in fail2nft's own chain drop or reject traffic from them. nft rules cannot
// match an ipset, so the rules are iptables rules (iptables-nft or legacy, whichever is installed).
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
import {
  fillIpsetBackendOptions,
  type FilledIpsetBackendOptions,
  type IpsetBackendOptions,
} from './ipset-backend-options.js';
import {
  ipsetSetNames,
  renderIpsetBatch,
  renderIpsetDestroy,
  renderIpsetReconcile,
  renderIpsetSetup,
  renderIptablesRules,
  type IpsetLayout,
} from './render-ipset-script.js';
import { backendRunner, type HelperCommandRunner } from './helper-command-runner-io.js';
import { inNamespace, runChecked, type CommandRunner } from './run-command-io.js';
import { isJailSetName, setKinds } from './set-names.js';

export interface IpsetBackendDeps {
  /** Runs the tools; by default a helper process of this backend's own, ended by stop(). */
  readonly run?: CommandRunner;
}

const iptablesOf = { 4: 'iptables', 6: 'ip6tables' } as const;

export class IpsetBackend implements FirewallBackend {
  readonly kind = 'ipset';
  readonly options: FilledIpsetBackendOptions;
  private readonly layout: IpsetLayout;
  private readonly run: CommandRunner;
  private readonly ownRunner: HelperCommandRunner | undefined;
  private readonly state = new BackendState('ipset');

  constructor(options: IpsetBackendOptions = {}, deps: IpsetBackendDeps = {}) {
    this.options = fillIpsetBackendOptions(options);
    this.layout = { chain: this.options.chain, maxElements: this.options.maxElements };
    const runner = backendRunner(deps.run);
    this.run = runner.run;
    this.ownRunner = runner.own;
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
    const script = renderIpsetBatch(plan);
    if (script !== '') {
      await this.state.transaction(
        () => this.ipset(script, 'applying bans'),
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
    const script = renderIpsetReconcile(this.layout, jails, plan);
    if (script !== '') {
      await this.state.transaction(
        () => this.ipset(script, 'reconciling bans'),
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
      backend: 'ipset',
      started: this.state.started,
      location: `iptables/ip6tables table filter chain ${this.layout.chain} (first rule of INPUT jumps to it)`,
      ...(this.options.netns === undefined ? {} : { netns: this.options.netns }),
      maxTimeoutSec: this.maxTimeoutSec,
      jails: jails.map((jail) => ({
        jail: jail.jail,
        sets: ipsetSetNames(jail.jail),
        rules: ([4, 6] as const).flatMap((family) =>
          renderIptablesRules(this.layout, [jail], family)
            .split('\n')
            .filter((line) => line.startsWith('-A '))
            .map((line) => `${iptablesOf[family]} ${line}`),
        ),
      })),
    };
  }

  stats(): FirewallBackendStats {
    return this.state.stats();
  }

  private async setup(jails: readonly FirewallJailSpec[]): Promise<FirewallStartResult> {
    const check = new BackendState('ipset');
    check.setJails(jails, ipsetSetNames);
    const wanted = new Set(jails.flatMap((jail) => setKinds.map((kind) => ipsetSetNames(jail.jail)[kind])));
    await this.state.transaction(
      async () => {
        const create = renderIpsetSetup(this.layout, jails);
        if (create !== '') await this.ipset(create, 'creating ipsets');
        for (const family of [4, 6] as const) {
          await this.tool(
            [`${iptablesOf[family]}-restore`, '-w', '--noflush'],
            renderIptablesRules(this.layout, jails, family),
            `writing the ${iptablesOf[family]} rules`,
          );
          await this.ensureJump(family);
        }
      },
      () => 0,
    );
    const existing = await this.existingSets();
    const removedSets = existing.filter((name) => isJailSetName(name) && !wanted.has(name));
    // Swap copies left by a reconcile that did not finish go too; they hold no live bans.
    const copies = existing.filter((name) => name.endsWith('-t') && isJailSetName(name.slice(0, -2)));
    const destroy = renderIpsetDestroy([...removedSets, ...copies]);
    if (destroy !== '') await this.ipset(destroy, 'removing the ipsets of removed jails');
    this.state.setJails(jails, ipsetSetNames);
    return { removedSets };
  }

  /** INPUT's first rule jumps to the chain; added once (iptables -C tells whether it is there). */
  private async ensureJump(family: 4 | 6): Promise<void> {
    const rule = ['INPUT', '-j', this.layout.chain];
    const argv = inNamespace(this.options.netns, [iptablesOf[family], '-w', '-C', ...rule]);
    const check = await this.run(argv, '', { timeoutMs: this.options.commandTimeoutMs });
    if (check.code === 0) return;
    await this.tool(
      [iptablesOf[family], '-w', '-I', 'INPUT', '1', '-j', this.layout.chain],
      '',
      `hooking ${this.layout.chain} into INPUT`,
    );
  }

  private async existingSets(): Promise<string[]> {
    const argv = inNamespace(this.options.netns, [this.options.ipsetCommand, 'list', '-n']);
    const result = await runChecked(
      this.run,
      argv,
      '',
      { timeoutMs: this.options.commandTimeoutMs },
      'listing ipsets',
    );
    return result.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  }

  private async ipset(script: string, what: string): Promise<void> {
    await this.tool([this.options.ipsetCommand, '-exist', 'restore'], script, what);
  }

  private async tool(argv: readonly string[], input: string, what: string): Promise<void> {
    await runChecked(
      this.run,
      inNamespace(this.options.netns, argv),
      input,
      { timeoutMs: this.options.commandTimeoutMs },
      what,
    );
  }
}

export function createIpsetBackend(
  options: IpsetBackendOptions = {},
  deps: IpsetBackendDeps = {},
): IpsetBackend {
  return new IpsetBackend(options, deps);
}
