// Stored positions round-trip, and a damaged one decodes to undefined instead of a wrong offset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourcePosition } from '../../src/core/positions.js';
import { decodePosition, encodePosition } from '../../src/persistence/position-codec.js';

test('every kind of position round-trips', () => {
  const positions: SourcePosition[] = [
    {
      kind: 'file',
      path: '/var/log/mail.log',
      offset: 123_456_789,
      firstLineHash: 'd41d8cd98f00b204e9800998ecf8427e',
    },
    { kind: 'journal', cursor: 's=abc;i=1f;b=def;m=1;t=2;x=3' },
    { kind: 'memory', offset: 0 },
  ];
  for (const position of positions) assert.deepEqual(decodePosition(encodePosition(position)), position);
});

test('only the fields of the kind are stored', () => {
  const extra = { kind: 'memory', offset: 1, secret: 'x' } as SourcePosition;
  assert.equal(encodePosition(extra), '{"kind":"memory","offset":1}');
});

test('malformed text, unknown kinds and wrong field types decode to undefined', () => {
  for (const text of [
    '',
    'null',
    '[]',
    '{"kind":"socket"}',
    '{"kind":"file","path":"/a","offset":"1","firstLineHash":""}',
    '{"kind":"file","path":"/a","offset":1}',
    '{"kind":"memory","offset":-1}',
    '{"kind":"memory","offset":1.5}',
    '{"kind":"journal"}',
  ]) {
    assert.equal(decodePosition(text), undefined, text);
  }
});
