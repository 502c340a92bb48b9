// What a session script yields: a log line (the mixer stamps the time and host on it) or a pause.
// Sessions are generator functions, so each reads like the protocol exchange it logs; the mixer
// interleaves many of them, which is what makes pids and queue ids interleave as in a real log.
import type { LineKind } from './line-kinds.js';

export interface LineStep {
  readonly program: string;
  /** Undefined for programs that log without `[pid]`. */
  readonly pid: number | undefined;
  readonly message: string;
  readonly kind: LineKind;
  /** The client address as written in the line; required on failure lines (the ground truth's key). */
  readonly address?: string;
}

export interface WaitStep {
  /** Seconds before the session's next line may be written (a minimum: the mixer may be later). */
  readonly wait: number;
}

export type Step = LineStep | WaitStep;

export type Script = Generator<Step, void, undefined>;

export function isWait(step: Step): step is WaitStep {
  return 'wait' in step;
}

export function line(
  program: string,
  pid: number | undefined,
  message: string,
  kind: LineKind,
  address?: string,
): LineStep {
  return address === undefined ? { program, pid, message, kind } : { program, pid, message, kind, address };
}

export function pause(seconds: number): WaitStep {
  return { wait: seconds };
}
