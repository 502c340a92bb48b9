// The mail server under a flood (50% failure lines, one address per connection): the SASL and
// dovecot jails, where every other line is a failure to extract.
import { FLOOD_TARGET, type ThroughputScenario } from '../scenario.js';

export const floodScenario: ThroughputScenario = {
  kind: 'throughput',
  name: 'flood',
  measures: 'lines/s of jails postfix[mode=auth] + dovecot on the flood log (50% failures), one thread',
  log: 'flood',
  filters: [
    { filter: 'postfix[mode=auth]', truth: 'postfix-sasl' },
    { filter: 'dovecot', truth: 'dovecot' },
  ],
  threads: 'single-thread',
  targetPerCore: FLOOD_TARGET,
};
