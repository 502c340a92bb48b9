import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fail2banVersion, runFail2banSide } from '../../../bench/service/run-fail2ban-io.js';
import { BANNED, FAILURES_PER_JAIL, smallCorpus } from './small-corpus.js';

const version = existsSync('/etc/fail2ban/jail.conf') ? await fail2banVersion() : undefined;

test(
  'a private fail2ban-server with the dummy action reads the appended log and reports its decisions',
  {
    skip:
      version === undefined
        ? 'fail2ban-server or /etc/fail2ban is missing (apt-get install fail2ban)'
        : false,
  },
  async () => {
    const corpus = smallCorpus();
    const result = await runFail2banSide({
      corpus,
      timeoutMs: 60_000,
      version: version ?? '',
      progress: () => undefined,
    });
    assert.equal(result.tool, 'fail2ban');
    assert.deepEqual(result.failures, {
      postfix: FAILURES_PER_JAIL,
      'postfix-sasl': FAILURES_PER_JAIL,
      dovecot: FAILURES_PER_JAIL,
    });
    assert.deepEqual(result.bans, { postfix: [BANNED], 'postfix-sasl': [BANNED], dovecot: [BANNED] });
    assert.deepEqual(result.notes, []);
    assert.ok(result.cpuSec >= 0 && result.peakRssMiB > 0);
  },
);
