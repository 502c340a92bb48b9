import { test } from 'node:test';
import assert from 'node:assert/strict';
import RE2 from 're2';
import { pushNegativeLookaheads } from '../../../src/matching/regex/push-negative-lookahead.js';
import { afterPass } from './rewrite-helpers.js';

const run = (p: string) => afterPass((root) => pushNegativeLookaheads(root), p);

function re(p: string): RE2 {
  const { source } = run(p);
  assert.ok(source !== undefined, p);
  return new RE2(source);
}

test('a word excluded before a repeated class leaves every other word', () => {
  const r = re(String.raw`^(?!ip=)\w+=`);
  assert.ok(r.test('user=') && r.test('ipx=') && r.test('i=') && !r.test('ip='));
});

test('the look-ahead sees past the items through what the pattern says follows', () => {
  const r = re('^a(?!bc)b?c');
  assert.ok(r.test('ac') && !r.test('abc'));
});

test('a word ending in \\b constrains only at a word end', () => {
  const r = re(String.raw`^(?!found\b)\w+ x`);
  assert.ok(r.test('foundry x') && !r.test('found x') && r.test('fou x'));
});

test('alternatives of a following group are followed one by one', () => {
  const r = re('^(?!ip=)(?:user=(?P<u>[^,]*)|[a-z]+=[^,]*),');
  assert.ok(r.test('user=ip,') && r.test('id=1,') && !r.test('ip=1,'));
});

test('capture groups keep their place and content', () => {
  const r = re('^x(?!- )(?P<user>[^ ]+) y');
  assert.equal(r.exec('x-a y')?.groups?.user, '-a');
  assert.equal(r.exec('x- y'), null);
});

test('a look-ahead whose outcome depends on unknown text is left alone', () => {
  assert.equal(run('a(?!bc)b?').rewritten, 0);
});

test('a look-ahead of something other than fixed words is left alone', () => {
  assert.equal(run(String.raw`(?!\d)\w+`).rewritten, 0);
});
