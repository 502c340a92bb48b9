import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../../src/core/errors.js';
import { compileTranslation } from '../../../src/matching/regex/compile-translation.js';
import { translatePythonRegex } from '../../../src/matching/regex/translate-python-regex.js';

const compile = (p: string) => compileTranslation(translatePythonRegex(p));

test('a translation without checks compiles without group offsets', () => {
  const c = compile('a(b)');
  assert.equal(c.re2.hasIndices, false);
  assert.equal(c.exec('xab')?.[1], 'b');
});

test('checks turn on group offsets and run on every match', () => {
  const c = compile(String.raw`(\w+) \1`);
  assert.equal(c.re2.hasIndices, true);
  assert.equal(c.exec('ab ab')?.[1], 'ab');
  assert.equal(c.exec('ab cd'), null);
});

test('when a check fails the search moves on to later starts, as Python does', () => {
  // RE2 first finds "ab ab" at 0... only "b b" at 1 satisfies the back-reference.
  const c = compile(String.raw`(\w+) \1\b`);
  assert.equal(c.exec('ab bx b b')?.index, 6);
  assert.equal(c.exec(Buffer.from('é ab b'))?.[1]?.toString(), 'b');
});

test('RE2 refusing the translated pattern is reported as unsupported', () => {
  const translation = { ...translatePythonRegex('a'), source: 'a(' };
  assert.throws(
    () => compileTranslation(translation),
    (e: unknown) => e instanceof Fail2nftError && e.code === 'F2N_ERR_REGEX_UNSUPPORTED',
  );
});
