// fail2ban-regex against us on the mail log, each mail-server filter alone (fail2ban runs one filter
// per pass; its cost for the four jails is the sum).
import { FAIL2BAN_RATIO_TARGET, type Fail2banScenario } from '../scenario.js';

export const fail2banRegexMailScenario: Fail2banScenario = {
  kind: 'fail2ban-regex',
  name: 'fail2ban-regex-mail',
  measures:
    'lines/s of fail2ban-regex and ours per filter on the mail log, their ratio, and the (line, host) failures only one side finds',
  log: 'mail',
  filters: ['postfix', 'postfix[mode=auth]', 'dovecot', 'sshd'],
  targetRatio: FAIL2BAN_RATIO_TARGET,
};
