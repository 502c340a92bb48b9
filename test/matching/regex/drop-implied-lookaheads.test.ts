import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropImpliedLookaheads } from '../../../src/matching/regex/drop-implied-lookaheads.js';
import { afterPass } from './rewrite-helpers.js';

const run = (p: string) => afterPass((root) => dropImpliedLookaheads(root), p);

test('a positive look-ahead that every continuation satisfies is dropped', () => {
  assert.deepEqual(run('(?:"+[^"]*(?="))*?"'), { source: '(?:"+[^"]*)*?"', rewritten: 1 });
});

test('a negative look-ahead that no continuation can meet is dropped', () => {
  assert.equal(run('a(?!x)b').rewritten, 1);
});

test('a look-ahead at the end of the pattern is kept: the text after a match is unknown', () => {
  assert.equal(run('a(?=b)').rewritten, 0);
});

test('a look-ahead the continuation does not decide is kept', () => {
  assert.equal(run('a(?=b)[bc]').rewritten, 0);
});
