import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareFailures } from '../../../bench/matching/failure-difference.js';

test('equal multisets have no difference whatever the order', () => {
  const a = [
    { id: '192.0.2.1', line: 'x' },
    { id: '192.0.2.2', line: 'y' },
  ];
  const d = compareFailures(a, [...a].reverse());
  assert.deepEqual(d, { ours: 2, theirs: 2, onlyOurs: 0, onlyTheirs: 0, examples: [] });
});

test('a repeated line counts each time it is a failure', () => {
  const line = { id: '192.0.2.1', line: 'same text' };
  const d = compareFailures([line, line], [line]);
  assert.equal(d.onlyOurs, 1);
  assert.equal(d.onlyTheirs, 0);
  assert.deepEqual(d.examples, ['only fail2nft: 192.0.2.1\tsame text']);
});

test('another id for the same line is a difference on both sides', () => {
  const d = compareFailures([{ id: '192.0.2.1', line: 'l' }], [{ id: '192.0.2.9', line: 'l' }]);
  assert.equal(d.onlyOurs, 1);
  assert.equal(d.onlyTheirs, 1);
  assert.equal(d.examples.length, 2);
});
