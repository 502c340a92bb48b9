import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scopeGroupFlags } from '../../../src/matching/regex/scope-group-flags.js';

test('a group that starts with global flags gets them scoped', () => {
  assert.equal(scopeGroupFlags('SASL ((?i)LOGIN|PLAIN) x'), 'SASL (?i:LOGIN|PLAIN) x');
  assert.equal(scopeGroupFlags('(?:(?i)expn|vrfy)'), '(?i:expn|vrfy)');
});

test('flags at the very start and escaped parentheses are left alone', () => {
  assert.equal(scopeGroupFlags('(?i)abc'), '(?i)abc');
  assert.equal(scopeGroupFlags(String.raw`\((?i)x)`), String.raw`\((?i)x)`);
});

test('only letter flags qualify', () => {
  assert.equal(scopeGroupFlags('((?P<a>x))'), '((?P<a>x))');
});
