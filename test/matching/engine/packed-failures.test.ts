import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packFailures, unpackFailures } from '../../../src/matching/packed-failures.js';
import type { MatchedFailure } from '../../../src/matching/source-matcher-types.js';

test('failures survive packing into columns and back, users and several match lines included', () => {
  const failures: MatchedFailure[] = [
    {
      jail: 'b',
      id: '192.0.2.1',
      kind: 'address',
      timeMs: 1.5e12,
      failregex: 2,
      lineInChunk: 0,
      matches: ['one'],
    },
    {
      jail: 'a',
      id: 'host.example',
      kind: 'dns',
      timeMs: 1.6e12,
      failregex: 0,
      user: 'bob',
      lineInChunk: 7,
      matches: ['two', 'three'],
    },
    {
      jail: 'b',
      id: '2001:db8::/64',
      kind: 'network',
      timeMs: 1.7e12,
      failregex: 1,
      lineInChunk: 9,
      matches: [],
    },
  ];
  const packed = structuredClone(packFailures(failures, ['a', 'b']));
  assert.deepEqual(unpackFailures(packed, ['a', 'b']), failures);
});
