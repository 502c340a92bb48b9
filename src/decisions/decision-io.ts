// Everything the decision stage needs from outside, injected: name resolution, list files, the
// machine's own addresses, running ignorecommand and randomness. createSystemDecisionIo
// (system-decision-io.ts) is the real one; tests pass doubles.
import type { CommandRunner } from './ignore/ignore-command.js';
import type { IgnoreSourcesIo } from './ignore/ignore-source-refresher.js';

export interface DecisionIo extends IgnoreSourcesIo {
  readonly runCommand: CommandRunner;
  /** A number in [0, 1), for bantime.rndtime. */
  random(): number;
}
