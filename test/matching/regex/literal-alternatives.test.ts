import { test } from 'node:test';
import assert from 'node:assert/strict';
import RE2 from 're2';
import { literalAlternatives, notStartingWith } from '../../../src/matching/regex/literal-alternatives.js';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import { printRe2Regex } from '../../../src/matching/regex/print-re2-regex.js';

const words = (p: string) => literalAlternatives(parsePythonRegex(p).root);

test('fixed strings and alternations of them are read as words', () => {
  assert.deepEqual(words('ab|c')?.words, [[97, 98], [99]]);
  assert.deepEqual(words('(?:ab)')?.words, [[97, 98]]);
  assert.equal(words('a+'), undefined);
  assert.equal(words('a|(?i:b)'), undefined);
});

test('the not-starting-with expression rejects exactly the texts that start with a word', () => {
  const alternatives = words('err|info');
  assert.ok(alternatives);
  const node = notStartingWith(alternatives, { start: 0, end: 0 });
  assert.ok(node);
  const re = new RE2(`^${printRe2Regex(node).source}`);
  for (const [text, ok] of [
    ['', true],
    ['er', true],
    ['erx', true],
    ['err', false],
    ['error', false],
    ['inf', true],
    ['x', true],
  ] as const) {
    assert.equal(re.test(text), ok, text);
  }
});

test('an empty word can never be avoided', () => {
  const alternatives = words('a|');
  assert.ok(alternatives);
  assert.equal(notStartingWith(alternatives, { start: 0, end: 0 }), null);
});

test('case-insensitive words fold their letters', () => {
  const alternatives = words('(?i)ab');
  assert.ok(alternatives);
  const node = notStartingWith(alternatives, { start: 0, end: 0 });
  assert.ok(node);
  assert.ok(!new RE2(`^${printRe2Regex(node).source}`).test('AB'));
});
