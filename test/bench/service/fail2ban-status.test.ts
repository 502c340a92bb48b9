import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJailActions, parseJailStatus } from '../../../bench/service/fail2ban-status.js';

// The layout of fail2ban-client 1.0.2's answers (our own addresses and paths).
const status = [
  'Status for the jail: postfix',
  '|- Filter',
  '|  |- Currently failed:\t3',
  '|  |- Total failed:\t41',
  '|  `- File list:\t/tmp/x/mail.log',
  '`- Actions',
  '   |- Currently banned:\t2',
  '   |- Total banned:\t2',
  '   `- Banned IP list:\t192.0.2.1 2001:db8::5',
  '',
].join('\n');

test('a jail status gives the failure and ban totals and the banned addresses', () => {
  assert.deepEqual(parseJailStatus(status), {
    currentlyFailed: 3,
    totalFailed: 41,
    currentlyBanned: 2,
    totalBanned: 2,
    bannedList: ['192.0.2.1', '2001:db8::5'],
  });
});

test('an empty ban list is an empty array', () => {
  const empty = status.replace('\t192.0.2.1 2001:db8::5', '\t');
  assert.deepEqual(parseJailStatus(empty).bannedList, []);
});

test('an error answer instead of a status is refused with its text', () => {
  assert.throws(
    () => parseJailStatus("Sorry but the jail 'nosuch' does not exist\n"),
    /without a ban list.*nosuch/,
  );
});

test('the actions of a jail are the names after the heading', () => {
  assert.deepEqual(parseJailActions('The jail postfix has the following actions:\ndummy\n'), ['dummy']);
  assert.deepEqual(parseJailActions('The jail postfix has the following actions:\ndummy, iptables\n'), [
    'dummy',
    'iptables',
  ]);
  assert.throws(() => parseJailActions('something else'), /unexpected answer/);
});
