import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlocktype } from '../../src/firewall/parse-blocktype.js';

test("each tool's spelling of drop and reject is understood", () => {
  for (const text of ['drop', 'DROP', 'deny'])
    assert.deepEqual(parseBlocktype(text), { ok: true, blocktype: 'drop' });
  for (const text of [
    'reject',
    'REJECT --reject-with icmp-port-unreachable',
    'REJECT --reject-with icmp6-port-unreachable',
    'REJECT --reject-with <rejecttype>',
    "reject type='icmp-port-unreachable'",
    'reject with icmp type port-unreachable',
  ]) {
    assert.deepEqual(parseBlocktype(text), { ok: true, blocktype: 'reject' }, text);
  }
});

test('other reject types are approximated by a plain reject, other verdicts refused', () => {
  assert.deepEqual(parseBlocktype('REJECT --reject-with tcp-reset'), {
    ok: true,
    blocktype: 'reject',
    approximation:
      'blocktype "REJECT --reject-with tcp-reset" is applied as a plain reject (ICMP port unreachable)',
  });
  assert.deepEqual(parseBlocktype('limit'), {
    ok: false,
    problem: 'blocktype "limit" is neither a drop nor a reject',
  });
});
