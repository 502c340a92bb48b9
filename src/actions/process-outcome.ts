// A finished process as an action outcome: exit 0 is success, everything else an error value with
// its F2N_ERR_ACTION_* code and the facts an operator needs (status, signal, the end of stderr).
import { Fail2nftError } from '../core/errors.js';
import type { ActionOperation, ActionOutcome } from './action-handler.js';
import type { ProcessResult } from './process-runner.js';

export interface ProcessOutcomeContext {
  readonly jail: string;
  readonly action: string;
  readonly operation: ActionOperation;
  /** What ran, for the message: the program, or the first line of a script. */
  readonly what: string;
  readonly timeoutMs: number;
}

const STDERR_TAIL = 2048;

export function processOutcome(result: ProcessResult, context: ProcessOutcomeContext): ActionOutcome {
  const { operation } = context;
  if (result.spawnError === undefined && !result.timedOut && result.exitCode === 0)
    return { ok: true, operation, output: result.stdout };
  const stderr = result.stderr.length > STDERR_TAIL ? result.stderr.slice(-STDERR_TAIL) : result.stderr;
  const details = {
    jail: context.jail,
    action: context.action,
    operation,
    exitCode: result.exitCode,
    signal: result.signal,
    stderr,
  };
  const where = `jail ${context.jail}, action ${context.action}, ${operation}`;
  if (result.spawnError !== undefined)
    return {
      ok: false,
      operation,
      error: new Fail2nftError(
        'F2N_ERR_ACTION_SPAWN',
        `${where}: cannot start ${context.what}: ${result.spawnError}`,
        details,
      ),
    };
  if (result.timedOut)
    return {
      ok: false,
      operation,
      error: new Fail2nftError(
        'F2N_ERR_ACTION_TIMEOUT',
        `${where}: ${context.what} did not finish within ${context.timeoutMs / 1000} s and was killed`,
        details,
      ),
    };
  const status =
    result.exitCode !== null ? `exit status ${result.exitCode}` : `signal ${result.signal ?? '?'}`;
  const firstLine = stderr.trim().split('\n')[0] ?? '';
  return {
    ok: false,
    operation,
    error: new Fail2nftError(
      'F2N_ERR_ACTION_COMMAND_FAILED',
      `${where}: ${context.what} failed with ${status}${firstLine === '' ? '' : `: ${firstLine}`}`,
      details,
    ),
  };
}
