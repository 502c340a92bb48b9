import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ElementPlan } from '../../src/firewall/element-plan.js';
import type { FirewallJailSpec, PortRange } from '../../src/firewall/firewall-jail-spec.js';
import {
  iptablesMatches,
  renderIpsetBatch,
  renderIpsetDestroy,
  renderIpsetReconcile,
  renderIpsetSetup,
  renderIptablesRules,
} from '../../src/firewall/render-ipset-script.js';

const layout = { chain: 'fail2nft', maxElements: 1000 };
const sshd: FirewallJailSpec = {
  jail: 'sshd',
  rules: [{ ports: [{ first: 22, last: 22 }], protocols: ['tcp'], blocktype: 'reject' }],
};

test('setup creates four sets per jail with timeouts and maxelem', () => {
  assert.equal(
    renderIpsetSetup(layout, [sshd]),
    [
      'create f2n-sshd-v4 hash:ip family inet timeout 0 maxelem 1000',
      'create f2n-sshd-v6 hash:ip family inet6 timeout 0 maxelem 1000',
      'create f2n-sshd-v4net hash:net family inet timeout 0 maxelem 1000',
      'create f2n-sshd-v6net hash:net family inet6 timeout 0 maxelem 1000',
      '',
    ].join('\n'),
  );
  assert.equal(renderIpsetSetup(layout, []), '');
  assert.equal(renderIpsetDestroy(['a', 'b']), 'destroy a\ndestroy b\n');
});

const plan: ElementPlan = {
  sets: [
    {
      jail: 'sshd',
      kind: 'v4',
      bans: [
        { text: '192.0.2.1', timeoutSec: 600 },
        { text: '192.0.2.2', timeoutSec: undefined },
      ],
      unbans: ['192.0.2.9'],
    },
  ],
  rejected: [],
  elements: 3,
};

test('a batch deletes and adds with timeouts (0 = permanent)', () => {
  assert.equal(
    renderIpsetBatch(plan),
    'del f2n-sshd-v4 192.0.2.9\nadd f2n-sshd-v4 192.0.2.1 timeout 600\nadd f2n-sshd-v4 192.0.2.2 timeout 0\n',
  );
});

test('reconcile fills a copy of every set and swaps it in', () => {
  const script = renderIpsetReconcile(layout, ['sshd'], plan).split('\n');
  assert.deepEqual(script.slice(0, 6), [
    'create f2n-sshd-v4-t hash:ip family inet timeout 0 maxelem 1000',
    'flush f2n-sshd-v4-t',
    'add f2n-sshd-v4-t 192.0.2.1 timeout 600',
    'add f2n-sshd-v4-t 192.0.2.2 timeout 0',
    'swap f2n-sshd-v4-t f2n-sshd-v4',
    'destroy f2n-sshd-v4-t',
  ]);
  assert.equal(script.filter((line) => line.startsWith('swap ')).length, 4);
});

test('iptables rules take one protocol each and at most 15 multiport slots', () => {
  const many: PortRange[] = Array.from({ length: 11 }, (_, i) => ({
    first: 1000 + i * 10,
    last: 1000 + i * 10 + (i % 2),
  }));
  const matches = iptablesMatches({ ports: many, protocols: ['tcp', 'udp'], blocktype: 'drop' });
  assert.equal(matches.length, 4);
  assert.deepEqual(matches.slice(0, 2), [
    '-p tcp -m multiport --dports 1000,1010:1011,1020,1030:1031,1040,1050:1051,1060,1070:1071,1080,1090:1091',
    '-p tcp -m multiport --dports 1100',
  ]);
  assert.deepEqual(iptablesMatches({ ports: 'all', protocols: 'all', blocktype: 'drop' }), ['']);
  assert.deepEqual(iptablesMatches({ ports: 'all', protocols: ['udp'], blocktype: 'drop' }), ['-p udp']);
  assert.deepEqual(
    iptablesMatches({ ports: [{ first: 53, last: 53 }], protocols: 'all', blocktype: 'drop' }),
    [
      '-p tcp -m multiport --dports 53',
      '-p udp -m multiport --dports 53',
      '-p sctp -m multiport --dports 53',
    ],
  );
});

test('the iptables-restore input replaces the chain of one family', () => {
  assert.equal(
    renderIptablesRules(layout, [sshd], 6),
    [
      '*filter',
      ':fail2nft - [0:0]',
      '-A fail2nft -p tcp -m multiport --dports 22 -m set --match-set f2n-sshd-v6 src -j REJECT',
      '-A fail2nft -p tcp -m multiport --dports 22 -m set --match-set f2n-sshd-v6net src -j REJECT',
      'COMMIT',
      '',
    ].join('\n'),
  );
});
