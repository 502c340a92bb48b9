import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ElementPlan } from '../../src/firewall/element-plan.js';
import type { FirewallJailSpec } from '../../src/firewall/firewall-jail-spec.js';
import {
  formatNftTimeout,
  renderNftBatch,
  renderNftMatch,
  renderNftReconcile,
  renderNftSetup,
} from '../../src/firewall/render-nft-script.js';

const layout = { table: 'fail2nft', chain: 'input', priority: -1 };

const postfix: FirewallJailSpec = {
  jail: 'postfix',
  rules: [
    {
      ports: [
        { first: 25, last: 25 },
        { first: 465, last: 465 },
        { first: 1000, last: 2000 },
      ],
      protocols: ['tcp'],
      blocktype: 'reject',
    },
  ],
};

test('timeouts are written in days, hours, minutes and seconds', () => {
  assert.equal(formatNftTimeout(1), '1s');
  assert.equal(formatNftTimeout(600), '10m');
  assert.equal(formatNftTimeout(90_061), '1d1h1m1s');
  assert.equal(formatNftTimeout(2_147_483), '24d20h31m23s');
  assert.equal(formatNftTimeout(0), '1s');
});

test('rule matches cover ports and protocols through the transport header', () => {
  assert.equal(renderNftMatch(postfix.rules[0]!), 'meta l4proto tcp th dport { 25, 465, 1000-2000 }');
  assert.equal(
    renderNftMatch({ ports: [{ first: 53, last: 53 }], protocols: 'all', blocktype: 'drop' }),
    'meta l4proto { tcp, udp, sctp } th dport 53',
  );
  assert.equal(
    renderNftMatch({ ports: 'all', protocols: ['tcp', 'udp'], blocktype: 'drop' }),
    'meta l4proto { tcp, udp }',
  );
  assert.equal(renderNftMatch({ ports: 'all', protocols: 'all', blocktype: 'drop' }), '');
});

test('the setup script creates without flushing sets, rebuilds the chain and deletes removed sets', () => {
  const all: FirewallJailSpec = {
    jail: 'recidive',
    rules: [{ ports: 'all', protocols: 'all', blocktype: 'drop' }],
  };
  assert.equal(
    renderNftSetup(layout, [postfix, all], ['f2n-old-v4']),
    [
      'add table inet fail2nft',
      'add chain inet fail2nft input',
      'flush chain inet fail2nft input',
      'delete chain inet fail2nft input',
      'add chain inet fail2nft input { type filter hook input priority -1; policy accept; }',
      'add set inet fail2nft f2n-postfix-v4 { type ipv4_addr; flags timeout; }',
      'add set inet fail2nft f2n-postfix-v6 { type ipv6_addr; flags timeout; }',
      'add set inet fail2nft f2n-postfix-v4net { type ipv4_addr; flags interval, timeout; }',
      'add set inet fail2nft f2n-postfix-v6net { type ipv6_addr; flags interval, timeout; }',
      'add set inet fail2nft f2n-recidive-v4 { type ipv4_addr; flags timeout; }',
      'add set inet fail2nft f2n-recidive-v6 { type ipv6_addr; flags timeout; }',
      'add set inet fail2nft f2n-recidive-v4net { type ipv4_addr; flags interval, timeout; }',
      'add set inet fail2nft f2n-recidive-v6net { type ipv6_addr; flags interval, timeout; }',
      'add rule inet fail2nft input meta l4proto tcp th dport { 25, 465, 1000-2000 } ip saddr @f2n-postfix-v4 reject',
      'add rule inet fail2nft input meta l4proto tcp th dport { 25, 465, 1000-2000 } ip6 saddr @f2n-postfix-v6 reject',
      'add rule inet fail2nft input meta l4proto tcp th dport { 25, 465, 1000-2000 } ip saddr @f2n-postfix-v4net reject',
      'add rule inet fail2nft input meta l4proto tcp th dport { 25, 465, 1000-2000 } ip6 saddr @f2n-postfix-v6net reject',
      'add rule inet fail2nft input ip saddr @f2n-recidive-v4 drop',
      'add rule inet fail2nft input ip6 saddr @f2n-recidive-v6 drop',
      'add rule inet fail2nft input ip saddr @f2n-recidive-v4net drop',
      'add rule inet fail2nft input ip6 saddr @f2n-recidive-v6net drop',
      'delete set inet fail2nft f2n-old-v4',
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(renderNftSetup(layout, [postfix]), /flush set/);
});

const plan: ElementPlan = {
  sets: [
    {
      jail: 'postfix',
      kind: 'v4',
      bans: [
        { text: '192.0.2.1', timeoutSec: 600 },
        { text: '192.0.2.2', timeoutSec: undefined },
      ],
      unbans: ['192.0.2.9'],
    },
    { jail: 'postfix', kind: 'v6net', bans: [], unbans: ['2001:db8::/64'] },
  ],
  rejected: [],
  elements: 4,
};

test('a batch adds before it deletes, so deleting an absent element never fails the transaction', () => {
  assert.equal(
    renderNftBatch(layout, plan, 'delete-add'),
    [
      'add element inet fail2nft f2n-postfix-v4 { 192.0.2.1 timeout 10m, 192.0.2.2, 192.0.2.9 }',
      'delete element inet fail2nft f2n-postfix-v4 { 192.0.2.1, 192.0.2.2, 192.0.2.9 }',
      'add element inet fail2nft f2n-postfix-v4 { 192.0.2.1 timeout 10m, 192.0.2.2 }',
      'add element inet fail2nft f2n-postfix-v6net { 2001:db8::/64 }',
      'delete element inet fail2nft f2n-postfix-v6net { 2001:db8::/64 }',
      '',
    ].join('\n'),
  );
  assert.equal(
    renderNftBatch(layout, plan, 'add'),
    [
      'add element inet fail2nft f2n-postfix-v4 { 192.0.2.9 }',
      'delete element inet fail2nft f2n-postfix-v4 { 192.0.2.9 }',
      'add element inet fail2nft f2n-postfix-v4 { 192.0.2.1 timeout 10m, 192.0.2.2 }',
      'add element inet fail2nft f2n-postfix-v6net { 2001:db8::/64 }',
      'delete element inet fail2nft f2n-postfix-v6net { 2001:db8::/64 }',
      '',
    ].join('\n'),
  );
  assert.equal(renderNftBatch(layout, { sets: [], rejected: [], elements: 0 }, 'delete-add'), '');
});

test('reconcile flushes every set of every jail and adds the bans in the same script', () => {
  assert.equal(
    renderNftReconcile(layout, ['postfix'], plan),
    [
      'flush set inet fail2nft f2n-postfix-v4',
      'flush set inet fail2nft f2n-postfix-v6',
      'flush set inet fail2nft f2n-postfix-v4net',
      'flush set inet fail2nft f2n-postfix-v6net',
      'add element inet fail2nft f2n-postfix-v4 { 192.0.2.1 timeout 10m, 192.0.2.2 }',
      '',
    ].join('\n'),
  );
});
