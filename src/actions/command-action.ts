// An action.d action run as fail2ban runs it: actionstart/actionstop/actionban/actionunban/
// actionflush through `/bin/sh -c`, with family-conditional options (`name?family=inet6`) and start
// on demand per family, one retry of a failed ban or unban after actioncheck (and actionrepair, or a
// restart, when the check fails too), norestored, and the action's timeout. Every template is
// expanded and compiled once here; a ban only fills in its values.
import type { Clock } from '../core/clock.js';
import { Fail2nftError } from '../core/errors.js';
import type { ActionSpec } from './action-spec.js';
import type { ActionHandler, ActionOperation, ActionOutcome, BanInfo, UnbanInfo } from './action-handler.js';
import {
  DEFAULT_ACTION_TIMEOUT_MS,
  readBooleanOption,
  readTimeoutMs,
  type ActionOptionContext,
} from './action-option-values.js';
import {
  banTimeValues,
  familyTag,
  operationValues,
  parseBanAddress,
  type HostNames,
} from './ban-time-values.js';
import { compileShellTemplate, type ShellTemplate } from './compile-shell-template.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { expandActionOptions, type TagFamily } from './expand-action-options.js';
import { systemHostNames } from './host-names-io.js';
import { processOutcome } from './process-outcome.js';
import type { ProcessRunner } from './process-runner.js';
import { createQueuedAction, type ActionOperations } from './queued-action.js';
import { renderShellTemplate, type BanTimeValues } from './render-shell-template.js';

export interface CommandActionDeps {
  readonly runner: ProcessRunner;
  readonly clock: Clock;
  /** The jail the action belongs to (ActionSettings.options.name may be overridden per action). */
  readonly jail: string;
  /** Used when the action has no `timeout` option. Default 60 s, fail2ban's. */
  readonly timeoutMs?: number;
  /** Shared across actions by the action runner; a private limit of 1 when absent. */
  readonly limit?: ConcurrencyLimit;
  readonly maxQueued?: number;
  readonly hostNames?: HostNames;
  /** Default /bin/sh. */
  readonly shell?: string;
}

type CommandName =
  'actionstart' | 'actionstop' | 'actioncheck' | 'actionban' | 'actionunban' | 'actionflush' | 'actionrepair';

const commandNames: readonly CommandName[] = [
  'actionstart',
  'actionstop',
  'actioncheck',
  'actionban',
  'actionunban',
  'actionflush',
  'actionrepair',
];

const conditionalOption = /^\w+\?family=/;

function operationOf(command: CommandName): ActionOperation {
  switch (command) {
    case 'actionstart':
      return 'start';
    case 'actionstop':
      return 'stop';
    case 'actioncheck':
    case 'actionrepair':
      return 'check';
    case 'actionban':
      return 'ban';
    case 'actionunban':
      return 'unban';
    case 'actionflush':
      return 'flush';
  }
}

/** Throws F2N_ERR_ACTION_TAG_LOOP, F2N_ERR_ACTION_UNSAFE_TEMPLATE or F2N_ERR_ACTION_BAD_OPTION. */
export function createCommandAction(settings: ActionSpec, deps: CommandActionDeps): ActionHandler {
  const operations = createCommandOperations(settings, deps);
  return createQueuedAction(
    { name: settings.name, jail: deps.jail, file: settings.file, kind: 'command' },
    operations,
    {
      limit: deps.limit ?? new ConcurrencyLimit(1),
      ...(deps.maxQueued === undefined ? {} : { maxQueued: deps.maxQueued }),
    },
  );
}

export function createCommandOperations(settings: ActionSpec, deps: CommandActionDeps): ActionOperations {
  const options = settings.options;
  const context: ActionOptionContext = { jail: deps.jail, action: settings.name };
  const timeoutMs = readTimeoutMs(options, deps.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS, context);
  const norestored = readBooleanOption(options, 'norestored', context) ?? false;
  const hasConditional = Object.keys(options).some((key) => conditionalOption.test(key));
  const onDemand = readBooleanOption(options, 'actionstart_on_demand', context) ?? hasConditional;
  const repairOnUnban = readBooleanOption(options, 'actionrepair_on_unban', context) ?? false;
  const startFamilies: readonly TagFamily[] = hasConditional ? ['inet4', 'inet6'] : [''];
  const hostNames = deps.hostNames ?? systemHostNames();
  const shell = deps.shell ?? '/bin/sh';

  // Precompiled per command and family; undefined = no command (nothing to run).
  const templates = new Map<string, ShellTemplate | undefined>();
  for (const command of commandNames) {
    for (const family of hasConditional ? (['inet4', 'inet6'] as const) : ([''] as const)) {
      const text = options[command];
      const expanded = text === undefined ? '' : expandActionOptions(text, options, family);
      templates.set(
        `${command}|${family}`,
        expanded.trim() === '' ? undefined : compileShellTemplate(expanded),
      );
    }
  }
  const templateOf = (command: CommandName, family: TagFamily): ShellTemplate | undefined =>
    templates.get(`${command}|${hasConditional ? family : ''}`);

  const started = new Set<TagFamily>();

  const execute = async (
    command: CommandName,
    family: TagFamily,
    values: BanTimeValues,
    alreadyRun?: Set<string>,
  ): Promise<ActionOutcome> => {
    const operation = operationOf(command);
    const template = templateOf(command, family);
    if (template === undefined) return { ok: true, operation, skipped: 'empty' };
    const rendered = renderShellTemplate(template, values);
    // fail2ban runs a start or stop that is the same for both families once.
    if (alreadyRun !== undefined) {
      const key = `${rendered.script}\0${JSON.stringify(rendered.env)}`;
      if (alreadyRun.has(key)) return { ok: true, operation, skipped: 'empty' };
      alreadyRun.add(key);
    }
    const result = await deps.runner({ argv: [shell, '-c', rendered.script], env: rendered.env, timeoutMs });
    const firstLine = rendered.script.trim().split('\n')[0] ?? '';
    return processOutcome(result, {
      jail: deps.jail,
      action: settings.name,
      operation,
      what: `${command} (${firstLine.length > 80 ? `${firstLine.slice(0, 80)}...` : firstLine})`,
      timeoutMs,
    });
  };

  const startFamily = async (family: TagFamily, alreadyRun?: Set<string>): Promise<ActionOutcome> => {
    const values = operationValues(family, hostNames, deps.clock.now());
    const outcome = await execute('actionstart', family, values, alreadyRun);
    if (outcome.ok) started.add(family);
    return outcome;
  };

  const stopFamily = async (family: TagFamily, alreadyRun?: Set<string>): Promise<ActionOutcome> => {
    started.delete(family);
    return execute('actionstop', family, operationValues(family, hostNames, deps.clock.now()), alreadyRun);
  };

  /** Runs an operation for every family in turn; the first failure ends it. */
  const forFamilies = async (
    families: Iterable<TagFamily>,
    run: (family: TagFamily, alreadyRun: Set<string>) => Promise<ActionOutcome>,
    operation: ActionOperation,
  ): Promise<ActionOutcome> => {
    const alreadyRun = new Set<string>();
    let last: ActionOutcome = { ok: true, operation, skipped: 'empty' };
    for (const family of families) {
      const outcome = await run(family, alreadyRun);
      if (!outcome.ok) return outcome;
      if (outcome.skipped === undefined || last.skipped !== undefined) last = outcome;
    }
    return last;
  };

  /** fail2ban's repair after a failed ban: actioncheck, then actionrepair or a restart, then one retry. */
  const withRetry = async (
    command: 'actionban' | 'actionunban',
    family: TagFamily,
    values: BanTimeValues,
  ): Promise<ActionOutcome> => {
    const first = await execute(command, family, values);
    if (first.ok) return first;
    if (templateOf('actioncheck', family) !== undefined) {
      const check = await execute(
        'actioncheck',
        family,
        operationValues(family, hostNames, deps.clock.now()),
      );
      if (!check.ok) {
        if (command === 'actionunban' && !repairOnUnban) return first;
        const repaired =
          templateOf('actionrepair', family) !== undefined
            ? await execute('actionrepair', family, operationValues(family, hostNames, deps.clock.now()))
            : await stopFamily(family).then(() => startFamily(family));
        if (!repaired.ok) return first;
      }
    }
    return execute(command, family, values);
  };

  const addressFailure = (operation: ActionOperation, address: string): ActionOutcome => ({
    ok: false,
    operation,
    error: new Fail2nftError(
      'F2N_ERR_ACTION_BAD_ADDRESS',
      `jail ${deps.jail}, action ${settings.name}: '${address}' is not an IP address or network`,
      { jail: deps.jail, action: settings.name },
    ),
  });

  const banOrUnban = async (
    command: 'actionban' | 'actionunban',
    info: BanInfo | UnbanInfo,
  ): Promise<ActionOutcome> => {
    const operation = operationOf(command);
    if (norestored && info.restored === true) return { ok: true, operation, skipped: 'restored' };
    const address = parseBanAddress(info.address);
    const values = banTimeValues(info, hostNames, deps.clock.now());
    if (address === undefined || values === undefined) return addressFailure(operation, info.address);
    const family: TagFamily = hasConditional ? familyTag(address.family) : '';
    if (command === 'actionban' && onDemand && !started.has(family)) {
      const start = await startFamily(family);
      if (!start.ok) return { ok: false, operation, error: start.error };
    }
    return withRetry(command, family, values);
  };

  return {
    canFlush: templateOf('actionflush', startFamilies[0] ?? '') !== undefined,
    start: async () => {
      if (onDemand) return { ok: true, operation: 'start', skipped: 'empty' };
      return forFamilies(startFamilies, startFamily, 'start');
    },
    ban: (info) => banOrUnban('actionban', info),
    unban: (info) => banOrUnban('actionunban', info),
    flush: () =>
      forFamilies(
        onDemand ? [...started] : startFamilies,
        (family, alreadyRun) =>
          execute('actionflush', family, operationValues(family, hostNames, deps.clock.now()), alreadyRun),
        'flush',
      ),
    stop: () => forFamilies(onDemand ? [...started] : startFamilies, stopFamily, 'stop'),
  };
}
