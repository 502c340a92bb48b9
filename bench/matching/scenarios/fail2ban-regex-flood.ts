// fail2ban-regex against us on the flood log, with the flood scenario's filters.
import { FAIL2BAN_RATIO_TARGET, type Fail2banScenario } from '../scenario.js';

export const fail2banRegexFloodScenario: Fail2banScenario = {
  kind: 'fail2ban-regex',
  name: 'fail2ban-regex-flood',
  measures:
    'lines/s of fail2ban-regex and ours per filter on the flood log, their ratio, and the (line, host) differences',
  log: 'flood',
  filters: ['postfix[mode=auth]', 'dovecot'],
  targetRatio: FAIL2BAN_RATIO_TARGET,
};
