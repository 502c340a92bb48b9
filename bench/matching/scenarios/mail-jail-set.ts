// The four jails a mail server runs, all reading the mail log: one pass over each line for all of them.
import { TYPICAL_TARGET, type ThroughputScenario } from '../scenario.js';

export const mailJailSetScenario: ThroughputScenario = {
  kind: 'throughput',
  name: 'mail-jail-set',
  measures:
    'lines/s of four jails (postfix, postfix[mode=auth], dovecot, sshd) reading the typical mail log, one thread',
  log: 'mail',
  filters: [
    { filter: 'postfix', truth: 'postfix' },
    { filter: 'postfix[mode=auth]', truth: 'postfix-sasl' },
    { filter: 'dovecot', truth: 'dovecot' },
    { filter: 'sshd', truth: 'sshd' },
  ],
  threads: 'single-thread',
  targetPerCore: TYPICAL_TARGET,
};
