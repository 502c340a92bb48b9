import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIgnoreEntries, splitIgnoreText } from '../../../src/decisions/ignore/parse-ignore-entries.js';

test('ignoreip entries are sorted into addresses, networks, host names and files', () => {
  const entries = parseIgnoreEntries([
    '127.0.0.1/8',
    '::1',
    '192.0.2.7',
    '2001:db8::/32',
    '198.51.100.9/32',
    'Mail.Example.org',
    'file:/etc/fail2nft/allow.list',
  ]);
  assert.deepEqual(
    entries.addresses.map((a) => a.text),
    ['::1', '192.0.2.7', '198.51.100.9'],
  );
  assert.deepEqual(
    entries.networks.map((n) => n.text),
    ['127.0.0.0/8', '2001:db8::/32'],
  );
  assert.deepEqual(entries.hostNames, ['mail.example.org']);
  assert.deepEqual(entries.files, ['/etc/fail2nft/allow.list']);
  assert.deepEqual(entries.problems, []);
});

test('entries that are none of these are reported, not guessed', () => {
  const entries = parseIgnoreEntries(['10.0.0.0/33', '256.1.1.1', 'bad host', 'file:relative', 'a..b']);
  assert.deepEqual(entries.problems, [
    "'10.0.0.0/33' is not an address/prefix",
    "'256.1.1.1' is neither an address, a network, a host name nor file:/path",
    "'bad host' is neither an address, a network, a host name nor file:/path",
    "'file:relative': file: needs an absolute path",
    "'a..b' is neither an address, a network, a host name nor file:/path",
  ]);
});

test('a list file cannot name another list file', () => {
  assert.deepEqual(parseIgnoreEntries(['file:/x'], false).problems, [
    "'file:/x': a list file cannot name another list file",
  ]);
});

test('list file text splits on spaces, commas and lines, and drops # comments', () => {
  assert.deepEqual(splitIgnoreText('192.0.2.1, 192.0.2.2\n# office\n10.0.0.0/8 # vpn\n\n  host.example\n'), [
    '192.0.2.1',
    '192.0.2.2',
    '10.0.0.0/8',
    'host.example',
  ]);
});
