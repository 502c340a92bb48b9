import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProtocolList } from '../../src/firewall/parse-protocol-list.js';

test('protocol lists are deduplicated in a fixed order, and "all" wins', () => {
  assert.deepEqual(parseProtocolList('tcp'), { ok: true, protocols: ['tcp'] });
  assert.deepEqual(parseProtocolList('UDP, tcp,udp'), { ok: true, protocols: ['tcp', 'udp'] });
  assert.deepEqual(parseProtocolList('sctp tcp'), { ok: true, protocols: ['tcp', 'sctp'] });
  assert.deepEqual(parseProtocolList('tcp,all'), { ok: true, protocols: 'all' });
});

test('other protocols and empty lists are problems', () => {
  assert.deepEqual(parseProtocolList('icmp'), {
    ok: false,
    problem: 'protocol "icmp" is not supported (use tcp, udp, sctp or all)',
  });
  assert.deepEqual(parseProtocolList(''), { ok: false, problem: 'the protocol list is empty' });
});
