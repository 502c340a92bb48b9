import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressMatcher } from '../../../src/decisions/ignore/address-matcher.js';
import {
  parseIpAddress,
  parseIpNetwork,
  type IpAddress,
  type IpNetwork,
} from '../../../src/core/ip-address.js';

const ip = (text: string): IpAddress => parseIpAddress(text)!;
const net = (text: string): IpNetwork => parseIpNetwork(text)!;

const matcher = new AddressMatcher(
  [ip('192.0.2.7'), ip('2001:db8::7')],
  [net('10.0.0.0/8'), net('172.16.0.0/12'), net('0.0.0.0/0'.replace('0/0', '0/32')), net('2001:db8:1::/48')],
);

test('exact addresses match by canonical text, in both families', () => {
  assert.ok(matcher.contains(ip('192.0.2.7')));
  assert.ok(matcher.contains(ip('2001:0db8:0:0::7')));
  assert.ok(matcher.contains(ip('::ffff:192.0.2.7')), 'an IPv4-mapped address is the IPv4 address');
  assert.ok(!matcher.contains(ip('192.0.2.8')));
});

test('IPv4 networks match by prefix, IPv6 networks by bytes', () => {
  assert.ok(matcher.contains(ip('10.255.1.2')));
  assert.ok(matcher.contains(ip('172.31.255.255')));
  assert.ok(!matcher.contains(ip('172.32.0.0')));
  assert.ok(matcher.contains(ip('2001:db8:1:ffff::1')));
  assert.ok(!matcher.contains(ip('2001:db8:2::1')));
});

test('a /0 network matches every address of its family only', () => {
  const all = new AddressMatcher([], [net('0.0.0.0/0')]);
  assert.ok(all.contains(ip('203.0.113.1')));
  assert.ok(!all.contains(ip('2001:db8::1')));
});

test('a network overlaps when it holds an entry or an entry holds it', () => {
  assert.ok(matcher.overlaps(net('192.0.2.0/24')), 'holds 192.0.2.7');
  assert.ok(matcher.overlaps(net('10.1.0.0/16')), 'inside 10.0.0.0/8');
  assert.ok(matcher.overlaps(net('172.0.0.0/8')), 'holds 172.16.0.0/12');
  assert.ok(!matcher.overlaps(net('198.51.100.0/24')));
});

test('an empty matcher says so and matches nothing', () => {
  const empty = new AddressMatcher([], []);
  assert.ok(empty.isEmpty);
  assert.ok(!empty.contains(ip('127.0.0.1')));
});
