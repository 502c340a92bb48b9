import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charSet, range } from '../../../src/matching/regex/char-set.js';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import {
  firstCharSet,
  provablyDisjoint,
  singleCharSet,
} from '../../../src/matching/regex/single-char-set.js';

const root = (p: string) => parsePythonRegex(p).root;
const cs = (...chars: string[]) => ({
  set: charSet(chars.map((c) => range(c.codePointAt(0) ?? 0))),
  ignoreCase: false,
});

test('a literal, a class and an alternation of characters are single-character sets', () => {
  assert.deepEqual(singleCharSet(root('a'))?.set, charSet([range(97)]));
  assert.ok(singleCharSet(root('[a-c]')) !== undefined);
  assert.deepEqual(singleCharSet(root('(?:a|b)'))?.set, charSet([range(97), range(98)]));
});

test('capture groups and longer subpatterns are not', () => {
  assert.equal(singleCharSet(root('(a)')), undefined);
  assert.equal(singleCharSet(root('ab')), undefined);
});

test('the first character of a sequence skips assertions; optional starts are unknown', () => {
  assert.deepEqual(firstCharSet(root(String.raw`\bab`))?.set, charSet([range(97)]));
  assert.deepEqual(firstCharSet(root('a+b'))?.set, charSet([range(97)]));
  assert.equal(firstCharSet(root('a?b')), undefined);
  assert.deepEqual(firstCharSet(root('(?:ab|cd)'))?.set, charSet([range(97), range(99)]));
});

test('disjointness is shown by membership for small sets and categories', () => {
  assert.ok(
    provablyDisjoint(cs(' '), {
      set: charSet([{ kind: 'property', name: 'L', negated: false }]),
      ignoreCase: false,
    }),
  );
  assert.ok(!provablyDisjoint(cs('a'), { set: charSet([range(97, 122)]), ignoreCase: false }));
  assert.ok(provablyDisjoint(cs('x'), { set: charSet([range(120)], true), ignoreCase: false }));
});

test('under case folding a letter meets its other case', () => {
  assert.ok(!provablyDisjoint({ ...cs('a'), ignoreCase: true }, cs('A')));
});
