// Each backend option has its own exact message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillIpsetBackendOptions } from '../../src/firewall/ipset-backend-options.js';
import { fillNftablesBackendOptions } from '../../src/firewall/nftables-backend-options.js';

test('nftables backend options have defaults and are frozen', () => {
  const filled = fillNftablesBackendOptions();
  assert.deepEqual(filled, {
    table: 'fail2nft',
    chain: 'input',
    priority: -1,
    netns: undefined,
    nftCommand: 'nft',
    maxTimeoutSec: 2_147_483,
    elementUpdate: 'auto',
    commandTimeoutMs: 120_000,
  });
  assert.ok(Object.isFrozen(filled));
});

test('each invalid nftables backend option is named in its message', () => {
  const cases: [Record<string, unknown>, string][] = [
    [
      { table: 'bad table' },
      'nftables backend: option table must be an nft name (letters, digits, _ and -) (got "bad table")',
    ],
    [
      { chain: '1st' },
      'nftables backend: option chain must be an nft name (letters, digits, _ and -) (got "1st")',
    ],
    [{ priority: 1.5 }, 'nftables backend: option priority must be an integer from -1000 to 1000 (got 1.5)'],
    [{ netns: 'a b' }, 'nftables backend: option netns must be a network namespace name (got "a b")'],
    [
      { nftCommand: 'nft; reboot' },
      'nftables backend: option nftCommand must be a program name or path (got "nft; reboot")',
    ],
    [
      { maxTimeoutSec: 1 },
      'nftables backend: option maxTimeoutSec must be an integer from 2 to 18446744073 (got 1)',
    ],
    [
      { elementUpdate: 'replace' },
      "nftables backend: option elementUpdate must be one of 'auto', 'delete-add', 'add' (got \"replace\")",
    ],
    [
      { commandTimeoutMs: 0 },
      'nftables backend: option commandTimeoutMs must be an integer from 100 to 3600000 (got 0)',
    ],
  ];
  for (const [options, message] of cases)
    assert.throws(() => fillNftablesBackendOptions(options), { message });
});

test('each invalid ipset backend option is named in its message', () => {
  assert.equal(fillIpsetBackendOptions().maxTimeoutSec, 2_147_483);
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ chain: 'INPUT' }, /option chain must be an iptables chain name/],
    [{ chain: 'x'.repeat(29) }, /option chain must be an iptables chain name/],
    [{ maxElements: 0 }, /option maxElements must be an integer from 1 to 2147483647/],
    [{ maxTimeoutSec: 2_147_484 }, /option maxTimeoutSec must be an integer from 2 to 2147483/],
    [{ ipsetCommand: '' }, /option ipsetCommand must be a program name or path/],
  ];
  for (const [options, message] of cases)
    assert.throws(() => fillIpsetBackendOptions(options), { message, name: 'Fail2nftError' });
});
