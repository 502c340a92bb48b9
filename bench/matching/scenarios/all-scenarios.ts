// Every scenario, in the order they run: cheap single-thread numbers first, fail2ban-regex last.
import type { Scenario } from '../scenario.js';
import { dovecotScenario } from './dovecot.js';
import { fail2banRegexFloodScenario } from './fail2ban-regex-flood.js';
import { fail2banRegexMailScenario } from './fail2ban-regex-mail.js';
import { fail2banRegexSshdScenario } from './fail2ban-regex-sshd.js';
import { floodScenario } from './flood.js';
import { mailJailSetScenario } from './mail-jail-set.js';
import { postfixAuthScenario } from './postfix-auth.js';
import { postfixScenario } from './postfix.js';
import { sshdScenario } from './sshd.js';
import { workerScalingFloodScenario } from './worker-scaling-flood.js';
import { workerScalingMailScenario } from './worker-scaling-mail.js';

export const ALL_SCENARIOS: readonly Scenario[] = [
  postfixScenario,
  postfixAuthScenario,
  dovecotScenario,
  sshdScenario,
  mailJailSetScenario,
  floodScenario,
  workerScalingMailScenario,
  workerScalingFloodScenario,
  fail2banRegexMailScenario,
  fail2banRegexSshdScenario,
  fail2banRegexFloodScenario,
];
