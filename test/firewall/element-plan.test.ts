import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BanDecision, UnbanDecision } from '../../src/core/records.js';
import { classifyAddress, planElements } from '../../src/firewall/element-plan.js';

function ban(address: string, durationSec = 60, jail = 'j'): BanDecision {
  return { jail, address, family: 4, startMs: 0, durationSec, banCount: 1, failures: 1 };
}

function unban(address: string, jail = 'j'): UnbanDecision {
  return { jail, address, family: 4 };
}

test('addresses and networks are classified by family and canonicalised', () => {
  assert.deepEqual(classifyAddress('192.0.2.1'), { kind: 'v4', text: '192.0.2.1' });
  assert.deepEqual(classifyAddress('::ffff:192.0.2.1'), { kind: 'v4', text: '192.0.2.1' });
  assert.deepEqual(classifyAddress('2001:DB8:0:0::1'), { kind: 'v6', text: '2001:db8::1' });
  assert.deepEqual(classifyAddress('[2001:db8::1]'), { kind: 'v6', text: '2001:db8::1' });
  assert.deepEqual(classifyAddress('10.1.2.3/8'), { kind: 'v4net', text: '10.0.0.0/8' });
  assert.deepEqual(classifyAddress('10.1.2.3/32'), { kind: 'v4', text: '10.1.2.3' });
  assert.deepEqual(classifyAddress('2001:db8::1/128'), { kind: 'v6', text: '2001:db8::1' });
  assert.deepEqual(classifyAddress('2001:db8:1:2::/64'), { kind: 'v6net', text: '2001:db8:1:2::/64' });
  // Only the canonical text is rendered, so blanks around an address do no harm.
  assert.deepEqual(classifyAddress(' 192.0.2.1\n'), { kind: 'v4', text: '192.0.2.1' });
  for (const bad of [
    '',
    'x',
    '1.2.3',
    '1.2.3.4/33',
    '1.2.3.4}',
    '1.2.3.4 5',
    'fe80::1%eth0',
    '10.0.0.0/8/8',
  ]) {
    assert.equal(classifyAddress(bad), undefined, JSON.stringify(bad));
  }
});

test('a plan groups elements per jail and set, with timeouts, and rejects what is not an address', () => {
  const plan = planElements(
    {
      bans: [
        ban('192.0.2.1'),
        ban('2001:db8::1', -1),
        ban('10.0.0.0/8'),
        ban('bogus'),
        ban('192.0.2.2', 60, 'other'),
      ],
      unbans: [unban('192.0.2.9'), unban('0.0.0.0/33')],
    },
    30_000,
    { jails: new Set(['j']), maxTimeoutSec: 1000 },
  );
  assert.deepEqual(plan.sets, [
    { jail: 'j', kind: 'v4', bans: [{ text: '192.0.2.1', timeoutSec: 30 }], unbans: ['192.0.2.9'] },
    { jail: 'j', kind: 'v6', bans: [{ text: '2001:db8::1', timeoutSec: undefined }], unbans: [] },
    { jail: 'j', kind: 'v4net', bans: [{ text: '10.0.0.0/8', timeoutSec: 30 }], unbans: [] },
  ]);
  assert.equal(plan.elements, 4);
  assert.deepEqual(
    plan.rejected.map((r) => [r.kind, r.change.address, r.error.code]),
    [
      ['unban', '0.0.0.0/33', 'F2N_ERR_FIREWALL_BAD_ADDRESS'],
      ['ban', 'bogus', 'F2N_ERR_FIREWALL_BAD_ADDRESS'],
      ['ban', '192.0.2.2', 'F2N_ERR_FIREWALL_UNKNOWN_JAIL'],
    ],
  );
});

test('an address banned and unbanned in one batch, or written two ways, is one element and the ban wins', () => {
  const plan = planElements(
    { bans: [ban('192.0.2.1', 10), ban('::ffff:192.0.2.1', 20)], unbans: [unban('192.0.2.1')] },
    0,
    { jails: new Set(['j']), maxTimeoutSec: 1000 },
  );
  assert.deepEqual(plan.sets, [
    { jail: 'j', kind: 'v4', bans: [{ text: '192.0.2.1', timeoutSec: 20 }], unbans: [] },
  ]);
  assert.equal(plan.elements, 1);
});

test('records from outside with a non-string address are rejected, not rendered', () => {
  const odd = { ...ban('x'), address: 42 as unknown as string };
  const plan = planElements({ bans: [odd], unbans: [] }, 0, { jails: new Set(['j']), maxTimeoutSec: 10 });
  assert.equal(plan.rejected[0]?.error.code, 'F2N_ERR_FIREWALL_BAD_ADDRESS');
});
