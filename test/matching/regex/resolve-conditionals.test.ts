import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import { participation, resolveConditionals } from '../../../src/matching/regex/resolve-conditionals.js';
import { afterPass, survives } from './rewrite-helpers.js';

test('an optional group before the conditional distributes the rest of the sequence', () => {
  assert.deepEqual(afterPass(resolveConditionals, '(a)?x(?(1)b|c)'), {
    source: '(?:(a)xb|xc)',
    rewritten: 2,
  });
});

test('a lazy optional group lists the branch without it first', () => {
  assert.equal(afterPass(resolveConditionals, '(a)??(?(1)b|c)').source, '(?:c|(a)b)');
});

test('an alternation deciding the group splits into its branches, group kept in each', () => {
  assert.equal(
    afterPass(resolveConditionals, '(?P<u>(?P<n>\\d)|x)(?(n)!|\\?)').source,
    String.raw`(?:(?P<u>(?P<n>\p{Nd}))!|(x)\?)`,
  );
});

test('a conditional whose group is known from the start resolves without splitting', () => {
  assert.equal(afterPass(resolveConditionals, '(a)(?(1)b|c)').source, '(a)b');
  assert.equal(afterPass(resolveConditionals, '(?:(?(1)b|c)(a))').source, '(?:c(a))');
});

test('a group set inside a repetition keeps the conditional for later passes', () => {
  assert.ok(survives(resolveConditionals, '(?:(a)|b)*(?(1)c|d)'));
});

test('participation tells always, never and maybe', () => {
  const root = parsePythonRegex('(a)(b)?c').root;
  assert.equal(participation(root, 1), 'always');
  assert.equal(participation(root, 2), 'maybe');
  assert.equal(participation(parsePythonRegex('(?!(a))b').root, 1), 'never');
});
