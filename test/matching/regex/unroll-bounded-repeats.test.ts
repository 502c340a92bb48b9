import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import { unrollBoundedRepeats } from '../../../src/matching/regex/unroll-bounded-repeats.js';

const run = (p: string) => unrollBoundedRepeats(parsePythonRegex(p).root);

test('a short repetition holding a look-ahead is written out, most repetitions first', () => {
  const { root, rewritten } = run('(?:a(?!b)){0,2}c');
  assert.equal(rewritten, 1);
  const group = root.kind === 'sequence' ? root.items[0] : root;
  assert.ok(group?.kind === 'group' && group.child.kind === 'alternation');
  assert.deepEqual(
    group.child.kind === 'alternation' &&
      group.child.branches.map((b) => (b.kind === 'sequence' ? b.items.length : 1)),
    [5, 3, 1],
  );
});

test('a lazy repetition lists the fewest repetitions first', () => {
  const { root } = run('(?:a(?!b)){1,2}?c');
  const group = root.kind === 'sequence' ? root.items[0] : root;
  assert.deepEqual(
    group?.kind === 'group' &&
      group.child.kind === 'alternation' &&
      group.child.branches.map((b) => (b.kind === 'sequence' ? b.items.length : 1)),
    [3, 5],
  );
});

test('repetitions with capture groups, without look-arounds or too long stay', () => {
  assert.equal(run('(?:(a)(?!b)){0,2}').rewritten, 0);
  assert.equal(run('a{0,2}').rewritten, 0);
  assert.equal(run('(?:a(?!b)){0,4}').rewritten, 0);
});
