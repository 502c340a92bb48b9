import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IgnoreList } from '../../../src/decisions/ignore/ignore-list.js';
import { AddressMatcher } from '../../../src/decisions/ignore/address-matcher.js';
import { parseIpAddress, parseIpNetwork, type IpAddress } from '../../../src/core/ip-address.js';
import { Fail2nftError } from '../../../src/core/errors.js';

const ip = (text: string): IpAddress => parseIpAddress(text)!;

test('configured addresses and networks are ignored with source ip', () => {
  const list = new IgnoreList(['127.0.0.1/8', '::1', '192.0.2.7'], false);
  assert.equal(list.match(ip('127.0.0.53')), 'ip');
  assert.equal(list.match(ip('::1')), 'ip');
  assert.equal(list.match(ip('192.0.2.8')), undefined);
});

test('resolved host names, list files and own addresses are swapped in whole', () => {
  const list = new IgnoreList(['mx.example.org', 'file:/etc/allow'], true);
  assert.deepEqual(list.hostNames, ['mx.example.org']);
  assert.deepEqual(list.files, ['/etc/allow']);
  assert.equal(list.match(ip('192.0.2.25')), undefined, 'nothing resolved yet');
  list.setResolvedHosts([ip('192.0.2.25')]);
  list.setListed([ip('198.51.100.1')], [parseIpNetwork('203.0.113.0/24')!]);
  list.setSelf(new AddressMatcher([ip('192.0.2.1')], []));
  assert.equal(list.match(ip('192.0.2.25')), 'dns');
  assert.equal(list.match(ip('198.51.100.1')), 'file');
  assert.equal(list.match(ip('203.0.113.9')), 'file');
  assert.equal(list.match(ip('192.0.2.1')), 'self');
});

test('own addresses are not ignored when ignoreself is off', () => {
  const list = new IgnoreList([], false);
  list.setSelf(new AddressMatcher([ip('192.0.2.1')], []));
  assert.equal(list.match(ip('192.0.2.1')), undefined);
});

test('a network id is ignored when it overlaps an ignored address', () => {
  const list = new IgnoreList(['192.0.2.7'], false);
  assert.equal(list.matchNetwork(parseIpNetwork('192.0.2.0/24')!), 'ip');
  assert.equal(list.matchNetwork(parseIpNetwork('198.51.100.0/24')!), undefined);
});

test('an invalid ignoreip entry is a configuration error listing every bad entry', () => {
  assert.throws(
    () => new IgnoreList(['192.0.2.1', '300.1.1.1', '10.0.0.0/40'], true),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_CONFIG_BAD_VALUE' &&
      /^ignoreip: '300\.1\.1\.1' .*; '10\.0\.0\.0\/40' is not an address\/prefix$/.test(error.message),
  );
});
