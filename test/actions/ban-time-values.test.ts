import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  banTimeValues,
  operationValues,
  parseBanAddress,
  reverseName,
} from '../../src/actions/ban-time-values.js';
import { ban, hostNames } from './action-test-kit.js';

test('a ban gives every fail2ban ban-time tag', () => {
  const values = banTimeValues(
    ban({ user: 'root', captures: { port: '22' }, restored: true, ipJailFailures: 9 }),
    hostNames,
    0,
  );
  assert.deepEqual(values, {
    ip: '192.0.2.7',
    'ip-rev': '7.2.0.192.',
    fid: '192.0.2.7',
    family: 'inet4',
    failures: '5',
    time: String(Date.UTC(2026, 10, 21, 10) / 1000),
    bantime: '600',
    bancount: '1',
    matches: ban().matches?.join('\n'),
    ipmatches: ban().matches?.join('\n'),
    ipfailures: '5',
    ipjailmatches: ban().matches?.join('\n'),
    ipjailfailures: '9',
    restored: '1',
    'fq-hostname': 'mx1.example.org',
    'sh-hostname': 'mx1',
    'F-PORT': '22',
    'F-USER': 'root',
  });
});

test('an address is parsed again and written canonically; a non-address gives undefined', () => {
  assert.equal(banTimeValues(ban({ address: '2001:DB8:0::1' }), hostNames, 0)?.ip, '2001:db8::1');
  assert.equal(banTimeValues(ban({ address: '192.0.2.0/24' }), hostNames, 0)?.ip, '192.0.2.0/24');
  assert.equal(banTimeValues(ban({ address: '192.0.2.9/32' }), hostNames, 0)?.ip, '192.0.2.9');
  assert.equal(banTimeValues(ban({ address: '192.0.2.7; reboot' }), hostNames, 0), undefined);
  assert.equal(banTimeValues(ban({ address: 'host.example.org' }), hostNames, 0), undefined);
});

test('<ip-rev> is the reverse name without the arpa suffix, as fail2ban writes it', () => {
  const v6 = parseBanAddress('2001:db8::1');
  assert.ok(v6 !== undefined);
  assert.equal(reverseName(v6), `1.${'0.'.repeat(23)}8.b.d.0.1.0.0.2.`);
});

test('an unban without ban details renders zero failures and the current time', () => {
  const values = banTimeValues({ jail: 'sshd', address: '192.0.2.7', family: 4 }, hostNames, 5_000);
  assert.equal(values?.failures, '0');
  assert.equal(values?.time, '5');
  assert.equal(values?.bantime, '');
  assert.equal(values?.matches, '');
});

test('start and stop have a family, the time and the host names only', () => {
  assert.deepEqual(operationValues('inet6', hostNames, 1500), {
    family: 'inet6',
    time: '1.5',
    'fq-hostname': 'mx1.example.org',
    'sh-hostname': 'mx1',
  });
});
