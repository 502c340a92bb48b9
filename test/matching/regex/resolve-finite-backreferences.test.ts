import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveFiniteBackreferences } from '../../../src/matching/regex/resolve-finite-backreferences.js';
import { afterPass, survives } from './rewrite-helpers.js';

const run = (p: string) => afterPass((root) => resolveFiniteBackreferences(root), p);

test('an optional quote and its back-reference become two alternatives', () => {
  assert.deepEqual(run('(?P<q>"?)x(?P=q)'), { source: '(?:(?P<q>")x"|()x)', rewritten: 1 });
});

test('alternatives of the group are tried in Python order', () => {
  assert.equal(run('(ab|a)-\\1').source, '(?:(ab)-ab|(a)-a)');
});

test('a back-reference under IGNORECASE compares case-insensitively', () => {
  assert.equal(run('(a)(?i:\\1)').source, '(?:(a)(?:(?i:a)))');
});

test('unbounded groups keep the back-reference', () => {
  assert.ok(survives((root) => resolveFiniteBackreferences(root), String.raw`(\w+) \1`));
});
