import { test } from 'node:test';
import assert from 'node:assert/strict';
import RE2 from 're2';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import { printRe2Regex } from '../../../src/matching/regex/print-re2-regex.js';
import { rewriteEdgeLookarounds } from '../../../src/matching/regex/rewrite-edge-lookarounds.js';

function run(p: string) {
  const result = rewriteEdgeLookarounds(parsePythonRegex(p).root, 0);
  return { ...result, source: printRe2Regex(result.root).source };
}

test('a positive look-ahead that ends the pattern is consumed after an end marker', () => {
  const r = run('a(?=b)');
  assert.equal(r.source, 'a()(?:b)');
  assert.deepEqual(r.endMarkers, [0]);
});

test('a negative look-ahead of fixed words that ends the pattern becomes a trie of alternatives', () => {
  const r = new RE2(run('x(?!abc|abd)').source);
  assert.ok(r.test('xabe') && r.test('xab') && r.test('x') && !r.test('xabc') && !r.test('xabd'));
});

test('a look-ahead inside a capture group is not consumed', () => {
  assert.equal(rewriteEdgeLookarounds(parsePythonRegex('(a(?=b))').root, 0).rewritten, 0);
});

test('a look-behind right after ^ is decided: negative always holds, positive never', () => {
  assert.equal(run('^(?<!a)b').source, '^b');
  assert.ok(!new RE2(run('^(?<=a)b').source).test('ab'));
});

test('a look-behind that starts an unanchored pattern is consumed before a start marker', () => {
  const r = run('(?<=a)b');
  assert.equal(r.source, '(?:a)()b');
  assert.deepEqual(r.startMarkers, [0]);
});

test('a negative one-character look-behind at the start becomes start-of-input or another character', () => {
  const r = new RE2(run('(?<!a)b').source);
  assert.ok(r.test('b') && r.test('cb') && !r.test('ab'));
});

test('under MULTILINE ^ does not mean the start of the input, so look-behinds after it stay', () => {
  const result = rewriteEdgeLookarounds(parsePythonRegex('^(?<!a)b', { multiline: true }).root, 0);
  assert.equal(result.rewritten, 0);
});
