// postfix (the filter's default mode, `more`) alone on the typical mail log, one thread.
import { TYPICAL_TARGET, type ThroughputScenario } from '../scenario.js';

export const postfixScenario: ThroughputScenario = {
  kind: 'throughput',
  name: 'postfix',
  measures: 'lines/s of one jail with filter postfix on the typical mail log (3% failures), one thread',
  log: 'mail',
  filters: [{ filter: 'postfix', truth: 'postfix' }],
  threads: 'single-thread',
  targetPerCore: TYPICAL_TARGET,
};
