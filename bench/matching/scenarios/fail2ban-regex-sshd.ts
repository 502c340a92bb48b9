// fail2ban-regex against us with sshd on the ssh auth log (multi-line sessions).
import { FAIL2BAN_RATIO_TARGET, type Fail2banScenario } from '../scenario.js';

export const fail2banRegexSshdScenario: Fail2banScenario = {
  kind: 'fail2ban-regex',
  name: 'fail2ban-regex-sshd',
  measures:
    'lines/s of fail2ban-regex and ours with sshd on the ssh auth log, their ratio, and the (line, host) differences',
  log: 'sshd',
  filters: ['sshd'],
  targetRatio: FAIL2BAN_RATIO_TARGET,
};
