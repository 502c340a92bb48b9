// Turns an action's raw operations into an ActionHandler: one serial queue per action (order kept,
// nothing dropped, ready() for backpressure), the shared concurrency limit around each operation,
// counters for metrics, and the stopped state. Operations return outcomes; anything they throw
// becomes an outcome too, so the caller's promise never rejects.
import { Fail2nftError } from '../core/errors.js';
import type {
  ActionHandler,
  ActionKind,
  ActionOperation,
  ActionOutcome,
  BanInfo,
  UnbanInfo,
} from './action-handler.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import { SerialQueue } from './serial-queue.js';

export interface ActionOperations {
  readonly canFlush: boolean;
  start(): Promise<ActionOutcome>;
  ban(info: BanInfo): Promise<ActionOutcome>;
  unban(info: UnbanInfo): Promise<ActionOutcome>;
  flush(): Promise<ActionOutcome>;
  stop(): Promise<ActionOutcome>;
}

export interface ActionIdentity {
  readonly name: string;
  readonly jail: string;
  readonly file: string;
  readonly kind: ActionKind;
}

export interface QueueOptions {
  readonly limit: ConcurrencyLimit;
  /** Default 1000 operations per action. */
  readonly maxQueued?: number;
}

export const DEFAULT_MAX_QUEUED = 1000;

function unexpected(operation: ActionOperation, error: unknown): ActionOutcome {
  const wrapped =
    error instanceof Fail2nftError
      ? error
      : new Fail2nftError(
          'F2N_ERR_INTERNAL',
          `action ${operation} failed: ${error instanceof Error ? error.message : String(error)}`,
          {},
          error,
        );
  return { ok: false, operation, error: wrapped };
}

export function createQueuedAction(
  identity: ActionIdentity,
  operations: ActionOperations,
  options: QueueOptions,
): ActionHandler {
  const queue = new SerialQueue(options.maxQueued ?? DEFAULT_MAX_QUEUED);
  let runs = 0;
  let failures = 0;
  let timeouts = 0;
  let skipped = 0;
  let stopped = false;

  const count = (outcome: ActionOutcome): ActionOutcome => {
    if (outcome.ok && outcome.skipped !== undefined) skipped++;
    else runs++;
    if (!outcome.ok) {
      failures++;
      if (outcome.error.code === 'F2N_ERR_ACTION_TIMEOUT') timeouts++;
    }
    return outcome;
  };

  const submit = (operation: ActionOperation, run: () => Promise<ActionOutcome>): Promise<ActionOutcome> =>
    queue.run(() =>
      options.limit
        .run(run)
        .catch((error: unknown) => unexpected(operation, error))
        .then(count),
    );

  const refuseStopped = (operation: ActionOperation): Promise<ActionOutcome> =>
    Promise.resolve({
      ok: false,
      operation,
      error: new Fail2nftError(
        'F2N_ERR_ACTION_STOPPED',
        `action ${identity.name} of jail ${identity.jail} is stopped`,
        { jail: identity.jail, action: identity.name },
      ),
    });

  return {
    ...identity,
    canFlush: operations.canFlush,
    start: () => {
      stopped = false;
      return submit('start', () => operations.start());
    },
    ban: (info) => (stopped ? refuseStopped('ban') : submit('ban', () => operations.ban(info))),
    unban: (info) => (stopped ? refuseStopped('unban') : submit('unban', () => operations.unban(info))),
    flush: () => submit('flush', () => operations.flush()),
    stop: () => {
      stopped = true;
      return submit('stop', () => operations.stop());
    },
    ready: () => queue.ready(),
    idle: () => queue.idle(),
    stats: () => ({ runs, failures, timeouts, skipped, backlog: queue.length }),
  };
}
