import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  anyCharSet,
  charSet,
  complementRanges,
  intersectSets,
  range,
  setContains,
  shorthandItems,
  subtractSets,
} from '../../../src/matching/regex/char-set.js';

const cp = (c: string): number => c.codePointAt(0) ?? -1;

test('Unicode shorthands hold what Python puts in them', () => {
  const word = charSet(shorthandItems('w', false));
  assert.ok(setContains(word, cp('é')) && setContains(word, cp('_')) && setContains(word, cp('٣')));
  assert.ok(!setContains(word, cp('-')));
  const space = charSet(shorthandItems('s', false));
  assert.ok(setContains(space, 0xa0) && setContains(space, 0x1c) && setContains(space, 0x0b));
  const digit = charSet(shorthandItems('d', false));
  assert.ok(setContains(digit, cp('٣')) && !setContains(digit, cp('a')));
});

test('ASCII shorthands hold ASCII only', () => {
  assert.ok(!setContains(charSet(shorthandItems('w', true)), cp('é')));
  assert.ok(!setContains(charSet(shorthandItems('d', true)), cp('٣')));
  assert.ok(setContains(charSet(shorthandItems('W', true)), cp('é')));
});

test('the dot excludes a newline unless DOTALL', () => {
  assert.ok(!setContains(anyCharSet(false), 10));
  assert.ok(setContains(anyCharSet(true), 10));
});

test('complementRanges covers everything else', () => {
  assert.deepEqual(complementRanges([range(0, 9), range(11, 0x10ffff)]), [range(10, 10)]);
});

test('subtracting from a complement stays a complement', () => {
  const result = subtractSets(anyCharSet(false), charSet([range(cp('x'))]), true);
  assert.deepEqual(result, charSet([range(10), range(cp('x'))], true));
});

test('subtracting ranges from a category keeps the category with an exception', () => {
  const result = subtractSets(charSet(shorthandItems('w', false)), charSet([range(cp('i'))]), false);
  assert.ok(result !== undefined && !setContains(result, cp('i')) && setContains(result, cp('é')));
  assert.ok(result?.items.some((i) => i.kind === 'property' && (i.except?.length ?? 0) > 0));
});

test('under case folding only the complement form is offered', () => {
  assert.equal(subtractSets(charSet([range(cp('a'), cp('z'))]), charSet([range(cp('b'))]), true), undefined);
});

test('intersections of ranges are exact', () => {
  const result = intersectSets(
    charSet([range(cp('a'), cp('z'))]),
    charSet([range(cp('x'), cp('9') + 100)]),
    false,
  );
  assert.deepEqual(result, charSet([range(cp('x'), cp('z'))]));
});

test('an intersection with a category expands it', () => {
  const digits = intersectSets(charSet(shorthandItems('d', false)), charSet([range(0, 0x7f)]), false);
  assert.deepEqual(digits, charSet([range(cp('0'), cp('9'))]));
});
