// sshd alone on the ssh gateway's auth log (multi-line sessions by pid), one thread.
import { TYPICAL_TARGET, type ThroughputScenario } from '../scenario.js';

export const sshdScenario: ThroughputScenario = {
  kind: 'throughput',
  name: 'sshd',
  measures: 'lines/s of one jail with filter sshd on the ssh auth log (3% failures), one thread',
  log: 'sshd',
  filters: [{ filter: 'sshd', truth: 'sshd' }],
  threads: 'single-thread',
  targetPerCore: TYPICAL_TARGET,
};
