// Chooses how one configured action runs: the sendmail-*/mail-* files natively (unless the action
// sets native = false), every other action.d file as shell commands. Python actions cannot run.
import { Fail2nftError } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import type { ActionHandler } from './action-handler.js';
import { readBooleanOption } from './action-option-values.js';
import type { ActionSpec } from './action-spec.js';
import type { HostNames } from './ban-time-values.js';
import { createCommandAction } from './command-action.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import { createMailAction } from './mail/mail-action.js';
import { mailVariantOf } from './mail/mail-variant.js';
import type { ProcessRunner } from './process-runner.js';

export interface ActionHandlerDeps {
  readonly runner: ProcessRunner;
  readonly clock: Clock;
  readonly jail: string;
  readonly timeoutMs?: number;
  readonly limit?: ConcurrencyLimit;
  readonly maxQueued?: number;
  readonly hostNames?: HostNames;
  readonly findExecutable?: (name: string) => string | undefined;
  readonly shell?: string;
}

/**
 * Throws F2N_ERR_ACTION_UNSUPPORTED (python action), F2N_ERR_ACTION_BAD_OPTION,
 * F2N_ERR_ACTION_TAG_LOOP or F2N_ERR_ACTION_UNSAFE_TEMPLATE.
 */
export function createActionHandler(spec: ActionSpec, deps: ActionHandlerDeps): ActionHandler {
  if (spec.file.endsWith('.py'))
    throw new Fail2nftError(
      'F2N_ERR_ACTION_UNSUPPORTED',
      `jail ${deps.jail}: python action ${spec.file} cannot be run by fail2nft`,
      { jail: deps.jail, action: spec.name },
    );
  const variant = mailVariantOf(spec.file);
  const native = readBooleanOption(spec.options, 'native', { jail: deps.jail, action: spec.name }) ?? true;
  if (variant !== undefined && native) return createMailAction(spec, variant, deps);
  return createCommandAction(spec, deps);
}
