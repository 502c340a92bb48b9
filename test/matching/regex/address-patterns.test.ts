import { test } from 'node:test';
import assert from 'node:assert/strict';
import RE2 from 're2';
import {
  HOST_PATTERN,
  IPV4_PATTERN,
  IPV6_PATTERN,
  SUBNET_PATTERN,
} from '../../../src/matching/regex/address-patterns.js';
import { translatePythonRegex } from '../../../src/matching/regex/translate-python-regex.js';

const whole = (pattern: string) => new RE2(`^(?:${translatePythonRegex(pattern).source})$`);

test('every address pattern translates directly to RE2', () => {
  for (const p of [HOST_PATTERN, SUBNET_PATTERN]) assert.equal(translatePythonRegex(p).method, 'direct');
});

test('IPv4 takes four dotted groups of one to three digits', () => {
  const re = whole(IPV4_PATTERN);
  assert.ok(re.test('192.0.2.1') && re.test('999.1.1.1') && !re.test('1.2.3') && !re.test('1.2.3.4444'));
});

test('IPv6 takes compressed and full forms, including a trailing ::', () => {
  const re = whole(IPV6_PATTERN);
  for (const a of ['2001:db8::1', '::1', '2001:db8::', 'fe80:0:0:0:0:0:0:1', 'aaaa:bbbb:cccc:1234::1:1'])
    assert.ok(re.test(a), a);
  assert.ok(!re.test('2001') && !re.test('g::1'));
});

test('HOST captures an IPv4-mapped address as ip4, else ip6, else a host name', () => {
  const re = new RE2(translatePythonRegex(`^${HOST_PATTERN}$`).source);
  assert.equal(re.exec('::ffff:192.0.2.1')?.groups?.ip4, '192.0.2.1');
  assert.equal(re.exec('[2001:db8::1]')?.groups?.ip6, '2001:db8::1');
  assert.equal(re.exec('mail.example.org')?.groups?.dns, 'mail.example.org');
});

test('SUBNET takes an optional prefix length', () => {
  const re = new RE2(translatePythonRegex(`^${SUBNET_PATTERN}$`).source);
  assert.equal(re.exec('192.0.2.0/24')?.groups?.cidr, '24');
  assert.equal(re.exec('2001:db8::/32')?.groups?.ip6, '2001:db8::');
});
