import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alt, capture, oneOf, optional, repeat, seq, text } from '../../../src/matching/dates/pattern-ast.js';

test('builders make plain nodes; a one-item sequence is the item itself', () => {
  assert.deepEqual(seq(text('a')), { kind: 'text', text: 'a' });
  assert.deepEqual(optional(text('a')), { kind: 'repeat', node: text('a'), min: 0, max: 1, greedy: true });
  assert.deepEqual(repeat(text('a'), 2), {
    kind: 'repeat',
    node: text('a'),
    min: 2,
    max: Infinity,
    greedy: true,
  });
  assert.deepEqual(capture('x', alt(text('a'), text('b'))).kind, 'group');
  assert.deepEqual(oneOf('-/'), {
    kind: 'set',
    set: { negate: false, ranges: [45, 45, 47, 47], escapes: [] },
  });
});
