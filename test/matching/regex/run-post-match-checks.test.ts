import { test } from 'node:test';
import assert from 'node:assert/strict';
import RE2 from 're2';
import {
  compileChecks,
  runChecks,
  stepBack,
  stepForward,
} from '../../../src/matching/regex/run-post-match-checks.js';
import type { PostMatchCheck } from '../../../src/matching/regex/post-match-check.js';

const base = { construct: '(?=x)', offset: 0, exact: true };

function holds(check: PostMatchCheck, pattern: string, input: string | Buffer): boolean {
  const match = new RE2(pattern, 'd').exec(input as string);
  assert.ok(match, 'the pattern itself matches');
  return runChecks(compileChecks([check]), match, input);
}

test('a look-ahead check runs its content at the marker offset', () => {
  const check: PostMatchCheck = {
    ...base,
    kind: 'lookahead',
    negated: false,
    marker: 1,
    source: 'x',
    flags: '',
    width: 0,
  };
  assert.ok(holds(check, 'a()', 'ax'));
  assert.ok(!holds(check, 'a()', 'ay'));
  assert.ok(holds({ ...check, negated: true }, 'a()', 'ay'));
});

test('a look-behind check steps back by characters, also over multi-byte ones', () => {
  const check: PostMatchCheck = {
    ...base,
    kind: 'lookbehind',
    negated: false,
    marker: 1,
    source: 'é',
    flags: '',
    width: 1,
  };
  assert.ok(holds(check, 'é()b', 'éb'));
  assert.ok(holds(check, 'é()b', Buffer.from('éb')));
  assert.ok(!holds({ ...check, source: 'x' }, 'é()b', Buffer.from('éb')));
});

test('a look-behind before the start of the input fails, its negation holds', () => {
  const check: PostMatchCheck = {
    ...base,
    kind: 'lookbehind',
    negated: false,
    marker: 1,
    source: 'ab',
    flags: '',
    width: 2,
  };
  assert.ok(!holds(check, '^()b', 'b'));
  assert.ok(holds({ ...check, negated: true }, '^()b', 'b'));
});

test('a back-reference check compares texts, case-insensitively when asked', () => {
  const check: PostMatchCheck = { ...base, kind: 'backreference', marker: 2, groups: [1], ignoreCase: false };
  assert.ok(holds(check, '(\\w+) (\\w+)', 'ab ab'));
  assert.ok(!holds(check, '(\\w+) (\\w+)', 'ab AB'));
  assert.ok(holds({ ...check, ignoreCase: true }, '(\\w+) (\\w+)', 'ab AB'));
  assert.ok(holds(check, '(\\S+) (\\S+)', Buffer.from('é é')));
});

test('a back-reference to a group that did not take part fails', () => {
  const check: PostMatchCheck = { ...base, kind: 'backreference', marker: 2, groups: [1], ignoreCase: false };
  assert.ok(!holds(check, '(a)?(b?)', 'b'));
});

test('a conditional check ties the branch taken to the group taking part', () => {
  const check: PostMatchCheck = {
    ...base,
    kind: 'conditional',
    yesMarker: 2,
    noMarker: 3,
    groups: [1],
    exact: false,
  };
  assert.ok(holds(check, '(a)?(?:()b|()c)', 'ab'));
  assert.ok(!holds(check, '(a)?(?:()b|()c)', 'b'));
  assert.ok(holds(check, '(a)?(?:()b|()c)', 'c'));
});

test('an absent-in-span check looks for the word starting anywhere in the span', () => {
  const check: PostMatchCheck = {
    ...base,
    kind: 'absent-in-span',
    startMarker: 1,
    endMarker: 2,
    source: 'ab',
    flags: '',
  };
  assert.ok(holds(check, '^()x*()', 'xxx'));
  assert.ok(!holds(check, '^().*()c', 'xabc'));
  // A word starting at the span's last position and running past it still counts.
  assert.ok(!holds(check, '^()[^b]*()', 'xab'));
});

test('stepping over characters respects UTF-8 and surrogate pairs', () => {
  const bytes = Buffer.from('aé😀b');
  assert.equal(stepForward(bytes, 1), 3);
  assert.equal(stepForward(bytes, 3), 7);
  assert.equal(stepBack(bytes, 7, 2), 1);
  assert.equal(stepForward('a😀b', 1), 3);
  assert.equal(stepBack('a😀b', 3, 1), 1);
  assert.equal(stepBack('ab', 1, 2), undefined);
});
