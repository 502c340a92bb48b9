import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkContains, parseIpAddress, parseIpNetwork } from '../../src/core/ip-address.js';

test('IPv4 addresses parse to their canonical text', () => {
  assert.equal(parseIpAddress('192.0.2.7')?.text, '192.0.2.7');
  assert.equal(parseIpAddress(' 10.0.0.1 ')?.family, 4);
});

test('IPv6 addresses are compressed and lower-cased as RFC 5952 says', () => {
  assert.equal(parseIpAddress('2001:DB8:0:0:0:0:0:1')?.text, '2001:db8::1');
  assert.equal(parseIpAddress('2001:db8:0:0:1:0:0:1')?.text, '2001:db8::1:0:0:1');
  assert.equal(parseIpAddress('::')?.text, '::');
  assert.equal(parseIpAddress('[2001:db8::5]')?.text, '2001:db8::5');
  assert.equal(parseIpAddress('2001:db8::1:2:3:4:5')?.text, '2001:db8:0:1:2:3:4:5');
});

test('IPv4-mapped IPv6 yields the IPv4 address', () => {
  const address = parseIpAddress('::ffff:198.51.100.9');
  assert.equal(address?.family, 4);
  assert.equal(address?.text, '198.51.100.9');
  assert.equal(parseIpAddress('::FFFF:c633:6409')?.text, '198.51.100.9');
});

test('anything that is not an address is rejected', () => {
  for (const bad of [
    '',
    '1.2.3',
    '256.1.1.1',
    '1.2.3.4.5',
    'example.org',
    '1.2.3.4; rm -rf /',
    'fe80::1%eth0',
    '::g',
    '01.2.3.4x',
  ]) {
    assert.equal(parseIpAddress(bad), undefined, bad);
  }
});

test('networks parse with prefixes and netmasks, host bits cleared', () => {
  assert.equal(parseIpNetwork('192.0.2.77/24')?.text, '192.0.2.0/24');
  assert.equal(parseIpNetwork('10.1.2.3/255.255.0.0')?.text, '10.1.0.0/16');
  assert.equal(parseIpNetwork('2001:db8:abcd::1/32')?.text, '2001:db8::/32');
  assert.equal(parseIpNetwork('127.0.0.1')?.prefix, 32);
  assert.equal(parseIpNetwork('::ffff:10.0.0.0/104')?.text, '10.0.0.0/8');
  assert.equal(parseIpNetwork('10.0.0.0/33'), undefined);
  assert.equal(parseIpNetwork('10.0.0.0/255.0.255.0'), undefined);
});

test('a network contains the addresses of its family under its prefix', () => {
  const net = parseIpNetwork('127.0.0.1/8');
  assert.ok(net);
  assert.ok(networkContains(net, parseIpAddress('127.255.1.2')!));
  assert.ok(!networkContains(net, parseIpAddress('128.0.0.1')!));
  const v6 = parseIpNetwork('2001:db8::/33');
  assert.ok(v6);
  assert.ok(networkContains(v6, parseIpAddress('2001:db8:7fff::1')!));
  assert.ok(!networkContains(v6, parseIpAddress('2001:db8:8000::1')!));
  assert.ok(!networkContains(v6, parseIpAddress('127.0.0.1')!));
});

test('a network with two prefixes is refused, not read up to the second slash', () => {
  assert.equal(parseIpNetwork('10.0.0.0/8/8'), undefined);
  assert.equal(parseIpNetwork('2001:db8::/32/'), undefined);
});

test('canonical dotted quads and their near misses parse exactly as the general rules say', () => {
  for (const good of ['0.0.0.0', '203.0.113.5', '255.255.255.255', '10.0.0.1'])
    assert.equal(parseIpAddress(good)?.text, good);
  for (const bad of [
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '1..2.3',
    '1.2.3.',
    '.1.2.3',
    '1.2.3.4a',
    '1234.1.1.1',
  ])
    assert.equal(parseIpAddress(bad), undefined, bad);
  assert.deepEqual([...(parseIpAddress('192.0.2.7')?.bytes ?? [])], [192, 0, 2, 7]);
  assert.equal(parseIpAddress(' 192.0.2.7 ')?.text, '192.0.2.7');
});
