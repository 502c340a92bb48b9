// postfix[mode=auth] (SASL failures) alone on the typical mail log, one thread.
import { TYPICAL_TARGET, type ThroughputScenario } from '../scenario.js';

export const postfixAuthScenario: ThroughputScenario = {
  kind: 'throughput',
  name: 'postfix-auth',
  measures: 'lines/s of one jail with filter postfix[mode=auth] on the typical mail log, one thread',
  log: 'mail',
  filters: [{ filter: 'postfix[mode=auth]', truth: 'postfix-sasl' }],
  threads: 'single-thread',
  targetPerCore: TYPICAL_TARGET,
};
