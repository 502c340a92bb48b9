import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeFailures } from '../../../src/matching/failure-order.js';
import type { MatchedFailure } from '../../../src/matching/source-matcher-types.js';

const f = (jail: string, line: number): MatchedFailure => ({
  jail,
  id: `${jail}${line}`,
  kind: 'raw',
  timeMs: 0,
  failregex: 0,
  lineInChunk: line,
  matches: [],
});

test('failures of two groups of jails merge into line order, then the jails order', () => {
  const order = new Map([
    ['first', 0],
    ['second', 1],
    ['third', 2],
  ]);
  const merged = mergeFailures(
    [f('first', 1), f('third', 1), f('first', 5)],
    [f('second', 0), f('second', 1), f('second', 9)],
    order,
  );
  assert.deepEqual(
    merged.map((x) => x.id),
    ['second0', 'first1', 'second1', 'third1', 'first5', 'second9'],
  );
  assert.deepEqual(
    mergeFailures([], [f('first', 2)], order).map((x) => x.id),
    ['first2'],
  );
});
