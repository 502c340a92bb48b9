// dovecot alone on the typical mail log, one thread.
import { TYPICAL_TARGET, type ThroughputScenario } from '../scenario.js';

export const dovecotScenario: ThroughputScenario = {
  kind: 'throughput',
  name: 'dovecot',
  measures: 'lines/s of one jail with filter dovecot on the typical mail log, one thread',
  log: 'mail',
  filters: [{ filter: 'dovecot', truth: 'dovecot' }],
  threads: 'single-thread',
  targetPerCore: TYPICAL_TARGET,
};
