import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeLookaroundClasses } from '../../../src/matching/regex/merge-lookaround-classes.js';
import { afterPass } from './rewrite-helpers.js';

const merge = (p: string) => afterPass(mergeLookaroundClasses, p);

test('a negative look-ahead of one character before a dot becomes a negated class', () => {
  assert.deepEqual(merge('(?!x).'), { source: String.raw`[^\nx]`, rewritten: 1 });
});

test('the tempered token of one character becomes a repeated class', () => {
  assert.equal(merge('(?:(?!x).)*').source, String.raw`(?:[^\nx])*`);
});

test('a positive look-ahead intersects', () => {
  assert.equal(merge('(?=[0-5])[3-9]').source, '[3-5]');
});

test('a look-ahead before a repetition narrows the first repetition only', () => {
  assert.equal(merge(String.raw`(?!0)[0-9]+`).source, '[1-9][0-9]*');
});

test('a look-behind after one character narrows that character', () => {
  assert.equal(merge(String.raw`\S(?<!-)`).source?.startsWith('[^'), true);
});

test('two look-aheads in a row fold into one class', () => {
  assert.equal(merge('(?!a)(?!b).').source, String.raw`[^\nba]`);
});

test('look-aheads of more than one character stay', () => {
  assert.equal(merge('(?!ab).').rewritten, 0);
});

test('case-insensitive look-aheads merge only into the complement form', () => {
  assert.equal(merge('(?i)(?!a).').rewritten, 1);
  assert.equal(merge('(?i)(?!a)[a-z]').rewritten, 0);
});
