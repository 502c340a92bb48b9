import { test } from 'node:test';
import assert from 'node:assert/strict';
import RE2 from 're2';
import { rewriteTemperedTokens } from '../../../src/matching/regex/rewrite-tempered-tokens.js';
import { afterPass } from './rewrite-helpers.js';

const run = (p: string) => afterPass((root) => rewriteTemperedTokens(root), p);

test('a token that must run to the end of the input is rewritten', () => {
  const { source, rewritten } = run('^(?:(?! from ).)*$');
  assert.equal(rewritten, 1);
  assert.ok(source !== undefined);
  const re = new RE2(source);
  assert.ok(re.test('user a port 22') && !re.test('user a from b'));
});

test('a lazy token followed by one of its words is rewritten and stops at the first occurrence', () => {
  const { source } = run('^(?P<u>(?:(?! from ).)*?) from (?P<h>\\S+)$');
  assert.ok(source !== undefined);
  const re = new RE2(source);
  assert.equal(re.exec('x from 1.2.3.4')?.groups?.h, '1.2.3.4');
  // Python refuses: the user part may not contain " from ", and the host may not hold a space.
  assert.equal(re.exec('x from y from 1.2.3.4'), null);
});

test('a token followed by something else is left for a check', () => {
  assert.equal(run('(?:(?! from ).)*x').rewritten, 0);
});

test('case-insensitive words are left alone', () => {
  assert.equal(run('(?i)(?:(?!ab).)*$').rewritten, 0);
});
