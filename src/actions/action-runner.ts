// The actions stage: every jail's actions except those the native firewall handles, built once,
// with one concurrency limit shared by all of them. ban()/unban() fan a decision out to the jail's
// actions and resolve when each has accepted it (backpressure: a full action queue makes the caller
// wait, nothing is dropped); each outcome is reported through onOutcome and counted in stats().
import type { Clock } from '../core/clock.js';
import { Fail2nftError } from '../core/errors.js';
import type {
  ActionHandler,
  ActionKind,
  ActionOutcome,
  ActionStats,
  BanInfo,
  UnbanInfo,
} from './action-handler.js';
import type { ActionSpec } from './action-spec.js';
import type { HostNames } from './ban-time-values.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { createActionHandler } from './create-action-handler.js';
import type { ProcessRunner } from './process-runner.js';

export interface ActionRunnerOptions {
  /** Every jail's configured actions, in configuration order (fail2ban's order of execution). */
  readonly actions:
    ReadonlyMap<string, readonly ActionSpec[]> | Readonly<Record<string, readonly ActionSpec[]>>;
  /** True for actions handled elsewhere (the native nftables/ipset firewall); they get no handler. */
  readonly skip?: (file: string, spec: ActionSpec) => boolean;
  readonly runner: ProcessRunner;
  readonly clock: Clock;
  /** For actions without a timeout option. Default 60 s. */
  readonly timeoutMs?: number;
  /** Operations running at once across all actions. Default 4. */
  readonly concurrency?: number;
  /** Queue length per action before ban() makes its caller wait. Default 1000. */
  readonly maxQueued?: number;
  readonly hostNames?: HostNames;
  readonly findExecutable?: (name: string) => string | undefined;
  readonly shell?: string;
  /** Every outcome (start, ban, unban, flush, stop), for logging by the service. */
  readonly onOutcome?: (report: ActionReport) => void;
}

export interface ActionReport {
  readonly jail: string;
  readonly action: string;
  readonly file: string;
  readonly kind: ActionKind;
  readonly outcome: ActionOutcome;
}

export interface ActionStatsEntry extends ActionStats {
  readonly jail: string;
  readonly action: string;
  readonly file: string;
  readonly kind: ActionKind;
}

export interface ActionStopOptions {
  /** Jails to stop; all when absent. */
  readonly jails?: readonly string[];
  /**
   * The jail's current bans, to remove from actions without actionflush (fail2ban unbans each ban
   * at stop). When absent, actions are only flushed (where they can be) and stopped.
   */
  readonly activeBans?: (jail: string) => Iterable<UnbanInfo>;
}

export interface ActionRunner {
  readonly handlers: readonly ActionHandler[];
  /** Actions that could not be built (python actions, bad options, unsafe templates); they do not run. */
  readonly problems: readonly Fail2nftError[];
  start(jails?: readonly string[]): Promise<readonly ActionReport[]>;
  /** Resolves when every action of the ban's jail has accepted it (not when the commands finished). */
  ban(info: BanInfo): Promise<void>;
  unban(info: UnbanInfo): Promise<void>;
  flush(jail: string): Promise<readonly ActionReport[]>;
  stop(options?: ActionStopOptions): Promise<readonly ActionReport[]>;
  /** Resolves when every queued operation of every action has finished. */
  idle(): Promise<void>;
  stats(): readonly ActionStatsEntry[];
}

export const DEFAULT_ACTION_CONCURRENCY = 4;

function entriesOf(
  actions: ActionRunnerOptions['actions'],
): readonly (readonly [string, readonly ActionSpec[]])[] {
  return actions instanceof Map ? [...actions.entries()] : Object.entries(actions);
}

export function createActionRunner(options: ActionRunnerOptions): ActionRunner {
  const limit = new ConcurrencyLimit(options.concurrency ?? DEFAULT_ACTION_CONCURRENCY);
  const byJail = new Map<string, ActionHandler[]>();
  const problems: Fail2nftError[] = [];
  for (const [jail, specs] of entriesOf(options.actions)) {
    const handlers: ActionHandler[] = [];
    for (const spec of specs) {
      if (options.skip?.(spec.file, spec) === true) continue;
      try {
        handlers.push(
          createActionHandler(spec, {
            runner: options.runner,
            clock: options.clock,
            jail,
            limit,
            ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
            ...(options.maxQueued === undefined ? {} : { maxQueued: options.maxQueued }),
            ...(options.hostNames === undefined ? {} : { hostNames: options.hostNames }),
            ...(options.findExecutable === undefined ? {} : { findExecutable: options.findExecutable }),
            ...(options.shell === undefined ? {} : { shell: options.shell }),
          }),
        );
      } catch (error) {
        if (!(error instanceof Fail2nftError)) throw error;
        problems.push(error);
      }
    }
    byJail.set(jail, handlers);
  }
  const handlers = [...byJail.values()].flat();

  const report = (handler: ActionHandler, outcome: ActionOutcome): ActionReport => {
    const entry: ActionReport = {
      jail: handler.jail,
      action: handler.name,
      file: handler.file,
      kind: handler.kind,
      outcome,
    };
    options.onOutcome?.(entry);
    return entry;
  };

  const selected = (jails: readonly string[] | undefined): [string, ActionHandler[]][] =>
    [...byJail.entries()].filter(([jail]) => jails === undefined || jails.includes(jail));

  /** Waits for room in each action's queue in turn, then queues the operation there. */
  const fanOut = async (
    jail: string,
    submit: (handler: ActionHandler) => Promise<ActionOutcome>,
  ): Promise<void> => {
    for (const handler of byJail.get(jail) ?? []) {
      await handler.ready();
      void submit(handler).then((outcome) => report(handler, outcome));
    }
  };

  return {
    handlers,
    problems,
    start: async (jails) => {
      const started = selected(jails).flatMap(([, list]) =>
        list.map((handler) => handler.start().then((outcome) => report(handler, outcome))),
      );
      return Promise.all(started);
    },
    ban: (info) => fanOut(info.jail, (handler) => handler.ban(info)),
    unban: (info) => fanOut(info.jail, (handler) => handler.unban(info)),
    flush: async (jail) =>
      Promise.all(
        (byJail.get(jail) ?? [])
          .filter((handler) => handler.canFlush)
          .map((handler) => handler.flush().then((outcome) => report(handler, outcome))),
      ),
    stop: async (stopOptions = {}) => {
      const reports: ActionReport[] = [];
      await Promise.all(
        selected(stopOptions.jails).map(async ([jail, list]) => {
          // fail2ban: flush where an action can, unban each ban where it cannot, then stop in reverse order.
          for (const handler of list) {
            const flushed = handler.canFlush ? await handler.flush() : undefined;
            if (flushed !== undefined) reports.push(report(handler, flushed));
            if (flushed?.ok !== true && stopOptions.activeBans !== undefined) {
              for (const ban of stopOptions.activeBans(jail)) {
                await handler.ready();
                void handler.unban(ban).then((outcome) => report(handler, outcome));
              }
            }
          }
          for (const handler of [...list].reverse()) reports.push(report(handler, await handler.stop()));
        }),
      );
      return reports;
    },
    idle: async () => {
      await Promise.all(handlers.map((handler) => handler.idle()));
    },
    stats: () =>
      handlers.map((handler) => ({
        jail: handler.jail,
        action: handler.name,
        file: handler.file,
        kind: handler.kind,
        ...handler.stats(),
      })),
  };
}
