// The match engine with 1 and 2 workers on the flood log (postfix[mode=auth] + dovecot).
import { FLOOD_TARGET, type ThroughputScenario } from '../scenario.js';

export const workerScalingFloodScenario: ThroughputScenario = {
  kind: 'throughput',
  name: 'worker-scaling-flood',
  measures: 'lines/s of the match engine with 1 and 2 workers, postfix[mode=auth] + dovecot on the flood log',
  log: 'flood',
  filters: [
    { filter: 'postfix[mode=auth]', truth: 'postfix-sasl' },
    { filter: 'dovecot', truth: 'dovecot' },
  ],
  threads: { engineWorkers: [1, 2] },
  targetPerCore: FLOOD_TARGET,
};
