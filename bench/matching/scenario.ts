// What a benchmark scenario declares: which log, which filters (from the bundled config/filter.d unless
// said otherwise), how it is driven. One scenario per file under scenarios/; run.ts runs them all in one
// process so that their ratios are measured under the same machine load.

export type LogName = 'mail' | 'flood' | 'sshd';

/** The jails of the corpus ground truth (bench/corpus/line-kinds.ts). */
export type TruthJail = 'postfix' | 'postfix-sasl' | 'dovecot' | 'sshd';

export interface BenchFilter {
  /** A filter reference, `name[key=value]`. */
  readonly filter: string;
  /** The ground-truth jail whose failure count this filter must find on the whole file. */
  readonly truth?: TruthJail;
}

interface ScenarioBase {
  /** Short, unique, used by --only. */
  readonly name: string;
  /** One sentence: what the number means. */
  readonly measures: string;
  readonly log: LogName;
}

/** Lines/s of our matchers on one log with a set of jails reading it. */
export interface ThroughputScenario extends ScenarioBase {
  readonly kind: 'throughput';
  readonly filters: readonly BenchFilter[];
  /** 'single-thread': every selected driver that matches on the calling thread; else the engine with
   * each of these worker counts. */
  readonly threads: 'single-thread' | { readonly engineWorkers: readonly number[] };
  /** The target in lines/s per core, when there is one. */
  readonly targetPerCore?: number;
}

/** fail2ban-regex against our drivers, filter by filter, with our bundled and Debian's stock filters. */
export interface Fail2banScenario extends ScenarioBase {
  readonly kind: 'fail2ban-regex';
  readonly filters: readonly string[];
  /** The target for fail2nft / fail2ban-regex. */
  readonly targetRatio: number;
}

export type Scenario = ThroughputScenario | Fail2banScenario;

/** Issue targets. */
export const TYPICAL_TARGET = 2_000_000;
export const FLOOD_TARGET = 500_000;
export const FAIL2BAN_RATIO_TARGET = 30;
