import { test } from 'node:test';
import assert from 'node:assert/strict';
import RE2 from 're2';
import {
  avoidWordsNode,
  buildAutomaton,
  statesAllowedBefore,
} from '../../../src/matching/regex/avoid-words-automaton.js';
import { anyCharSet, charSet, range } from '../../../src/matching/regex/char-set.js';
import { printRe2Regex } from '../../../src/matching/regex/print-re2-regex.js';

const codes = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0) ?? 0);

/** Every string over the alphabet up to the length, in a fixed order. */
function allStrings(alphabet: string, maxLength: number): string[] {
  let level = [''];
  const out = [''];
  for (let n = 1; n <= maxLength; n++) {
    level = level.flatMap((s) => Array.from(alphabet, (c) => s + c));
    for (const s of level) out.push(s);
  }
  return out;
}

function avoiding(words: string[]): RE2 {
  const automaton = buildAutomaton(words.map(codes));
  assert.ok(automaton);
  const all = new Set(automaton.next.map((_, s) => s));
  const node = avoidWordsNode(automaton, anyCharSet(false), all, { start: 0, end: 0 });
  assert.ok(node);
  return new RE2(`^(?:${printRe2Regex(node).source})$`);
}

test('the expression accepts exactly the strings in which no word occurs', () => {
  for (const words of [['ab'], ['ab', 'ba '], [' from '], ['aa'], ['aba', 'b']]) {
    const re = avoiding(words);
    const long = words[0] === ' from ';
    for (const s of allStrings(long ? ' frmo' : 'ab ', long ? 7 : 6)) {
      const expected = !words.some((w) => s.includes(w));
      assert.equal(re.test(s), expected, `${JSON.stringify(words)} on ${JSON.stringify(s)}`);
    }
  }
});

test('only characters of the consumed class are accepted', () => {
  const automaton = buildAutomaton([codes('ab')]);
  assert.ok(automaton);
  const node = avoidWordsNode(automaton, charSet([range(97, 98)]), new Set([0, 1, 2]), { start: 0, end: 0 });
  assert.ok(node);
  const re = new RE2(`^(?:${printRe2Regex(node).source})$`);
  assert.ok(re.test('bba') && !re.test('bab') && !re.test('bxa'));
});

test('end states that would let a word straddle into the follower are excluded', () => {
  const automaton = buildAutomaton([codes(' from ')]);
  assert.ok(automaton);
  const allowed = statesAllowedBefore(automaton, codes(' from '));
  // After " from" the follower's space would complete the word early.
  assert.ok(allowed !== undefined && allowed.has(0) && !allowed.has(5));
});

test('a follower too short to decide gives no answer', () => {
  const automaton = buildAutomaton([codes('abcd')]);
  assert.ok(automaton);
  // After "ab", the follower "c" leaves "abc" open: the unknown text after it decides.
  assert.equal(statesAllowedBefore(automaton, codes('c')), undefined);
});

test('too many word characters are refused', () => {
  assert.equal(buildAutomaton([codes('x'.repeat(65))]), undefined);
  assert.equal(buildAutomaton([[]]), undefined);
});
