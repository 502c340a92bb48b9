import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePattern } from '../../../src/matching/dates/pattern-compiler.js';
import { parseDatePattern } from '../../../src/matching/dates/pattern-parser.js';

/** [start, end, group 1 span] of the first match, or null. */
function run(
  source: string,
  text: string,
  from = 0,
  to = text.length,
): [number, number, number, number] | null {
  const parsed = parseDatePattern(source, { directives: false, slots: false });
  const compiled = compilePattern(parsed.node, parsed.flags);
  const start = compiled.search(text, from, to, 2029);
  if (start < 0) return null;
  const caps = compiled.state.caps;
  return [start, compiled.state.end, caps[2] ?? -1, caps[3] ?? -1];
}

test('leftmost match, alternatives in order, greedy and lazy repeats', () => {
  assert.deepEqual(run('(a|ab)c', 'xabc'), [1, 4, 1, 3]);
  assert.deepEqual(run('(a+)', 'baaa'), [1, 4, 1, 4]);
  assert.deepEqual(run('(a+?)', 'baaa'), [1, 2, 1, 2]);
  assert.deepEqual(run('(a{2,3})a', 'aaaa'), [0, 4, 0, 3]);
  assert.deepEqual(run('((?:ab)*)c', 'ababc'), [0, 5, 0, 4]);
  assert.deepEqual(run('(x?)y', 'zy'), [1, 2, 1, 1]);
});

test('back-references, look-ahead, look-behind and conditionals', () => {
  assert.deepEqual(run('(?P<s>[-/])x(?P=s)', 'a-x/ -x-'), [5, 8, 5, 6]);
  assert.deepEqual(run('(a)(?=b)', 'acab'), [2, 3, 2, 3]);
  assert.deepEqual(run('(a)(?!b)', 'abac'), [2, 3, 2, 3]);
  assert.deepEqual(run('(?<=\\[)(\\d+)', '1 [23'), [3, 5, 3, 5]);
  assert.deepEqual(run('(?<!x)(\\d)', 'x1 2'), [3, 4, 3, 4]);
  assert.deepEqual(run('(<)?a(?(1)>|!)', 'a! <a>'), [0, 2, -1, -1]);
});

test('anchors and word boundaries; ^ matches only at the real start even when searching later', () => {
  assert.equal(run('^a', 'ba'), null);
  assert.deepEqual(run('a$', 'aba'), [2, 3, -1, -1]);
  assert.deepEqual(run('a$', 'ba\n'), [1, 2, -1, -1]);
  assert.deepEqual(run('\\bfoo\\b', 'xfoo foo'), [5, 8, -1, -1]);
  assert.equal(run('^a', 'aa', 1), null);
  assert.deepEqual(run('\\Bo', 'foo'), [1, 2, -1, -1]);
});

test('the searched part ends at `to`: nothing beyond it is read, $ and \\b hold there', () => {
  assert.deepEqual(run('ab$', 'abc', 0, 2), [0, 2, -1, -1]);
  assert.deepEqual(run('ab\\b', 'abc', 0, 2), [0, 2, -1, -1]);
  assert.equal(run('abc', 'abc', 0, 2), null);
});

test('case-insensitive matching and classes with escapes', () => {
  assert.deepEqual(run('(?i)(mar)', 'x MAR'), [2, 5, 2, 5]);
  assert.deepEqual(run('([\\d.]+)', 'v 1.2.3'), [2, 7, 2, 7]);
  assert.deepEqual(run('(\\S+)\\s', 'ab c'), [0, 3, 0, 2]);
});

test('runaway backtracking stops at the step budget and counts as no match', () => {
  const text = `${'a'.repeat(40)}b`;
  assert.equal(run('((a|a)*)*c', text), null);
});
