import { test } from 'node:test';
import assert from 'node:assert/strict';
import { followerOf, sequenceDeterministic } from '../../../src/matching/regex/deterministic-match.js';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import { itemsOf } from '../../../src/matching/regex/python-regex-ast.js';

const deterministic = (p: string) => sequenceDeterministic(itemsOf(parsePythonRegex(p).root), undefined);

test('literals and repetitions stopped by a different character match one way only', () => {
  assert.ok(deterministic(String.raw`^user \d+\.`));
  assert.ok(deterministic(String.raw`\S+ x`));
  assert.ok(deterministic('[a-z]*$'));
});

test('choices and repetitions that could stop elsewhere do not', () => {
  assert.ok(!deterministic('a|b'));
  assert.ok(!deterministic('a?a'));
  assert.ok(deterministic('a?b'));
  assert.ok(!deterministic(String.raw`\w+\w`));
  assert.ok(!deterministic(String.raw`\w+`));
});

test('the follower skips zero-width items and recognises the end', () => {
  const items = itemsOf(parsePythonRegex(String.raw`a\b$`).root);
  assert.deepEqual(followerOf(items, 1, undefined), { kind: 'end' });
});
