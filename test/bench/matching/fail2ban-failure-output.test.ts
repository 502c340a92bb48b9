import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FAIL2BAN_OUTPUT_FORMAT,
  parseFail2banFailures,
} from '../../../bench/matching/fail2ban-failure-output.js';

test('the output format asks for the failure id and the matched lines', () => {
  assert.match(FAIL2BAN_OUTPUT_FORMAT, /<fid>\t<matches>$/);
});

test('each failure is its id and the last of its matched lines', () => {
  const stdout = [
    'F2NBENCH\t192.0.2.1\tJan  1 00:00:01 h app[1]: denied 192.0.2.1',
    'F2NBENCH\t2001:db8::5\tJan  1 00:00:02 h app[2]: session opened for 2001:db8::5',
    'Jan  1 00:00:03 h app[2]: bad password',
    'Jan  1 00:00:04 h app[2]: denied 2001:db8::5',
    'F2NBENCH\t192.0.2.1\tJan  1 00:00:05 h app[1]: tab\tinside',
    '',
  ].join('\n');
  assert.deepEqual(parseFail2banFailures(stdout), [
    { id: '192.0.2.1', line: 'Jan  1 00:00:01 h app[1]: denied 192.0.2.1' },
    { id: '2001:db8::5', line: 'Jan  1 00:00:04 h app[2]: denied 2001:db8::5' },
    { id: '192.0.2.1', line: 'Jan  1 00:00:05 h app[1]: tab\tinside' },
  ]);
});

test('text before the first failure (warnings) is not a failure', () => {
  assert.deepEqual(parseFail2banFailures('WARNING something\n'), []);
});
