// The match engine (worker threads) with 1 and 2 workers on the mail log with the four mail-server jails.
import { TYPICAL_TARGET, type ThroughputScenario } from '../scenario.js';

export const workerScalingMailScenario: ThroughputScenario = {
  kind: 'throughput',
  name: 'worker-scaling-mail',
  measures: 'lines/s of the match engine with 1 and 2 workers, four jails on the typical mail log',
  log: 'mail',
  filters: [
    { filter: 'postfix', truth: 'postfix' },
    { filter: 'postfix[mode=auth]', truth: 'postfix-sasl' },
    { filter: 'dovecot', truth: 'dovecot' },
    { filter: 'sshd', truth: 'sshd' },
  ],
  threads: { engineWorkers: [1, 2] },
  targetPerCore: TYPICAL_TARGET,
};
