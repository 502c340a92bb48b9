import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import { clauseScore, requiredLiterals } from '../../../src/matching/regex/required-literals.js';

const literals = (p: string) => requiredLiterals(parsePythonRegex(p).root);

test('runs of fixed text are required, best first', () => {
  assert.deepEqual(literals(String.raw`^Failed \S+ for user`), [[' for user'], ['Failed ']]);
});

test('small classes and alternations expand into alternatives', () => {
  assert.deepEqual(literals('SASL (?:LOGIN|PLAIN) failed')[0], ['SASL LOGIN failed', 'SASL PLAIN failed']);
  assert.deepEqual(literals('[45]54 x')[0], ['454 x', '554 x']);
});

test('a clause common to every branch holds for the alternation', () => {
  assert.deepEqual(literals(String.raw`(?:\d from \d|\w from \w)`), [[' from ']]);
});

test('optional parts and case-insensitive text require nothing', () => {
  assert.deepEqual(literals('(?:abc)?x'), [['x']]);
  assert.deepEqual(literals('(?i)abc'), []);
});

test('a required repetition keeps its child text', () => {
  assert.deepEqual(literals(String.raw`(?:ab\d)+`), [['ab']]);
});

test('a clause scores by its shortest alternative', () => {
  assert.ok(clauseScore(['abcd']) > clauseScore(['abcd', 'ab']));
});
