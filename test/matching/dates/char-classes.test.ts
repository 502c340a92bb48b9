import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isDigitCode,
  isSpaceCode,
  isWordCode,
  lowerCode,
  upperCode,
} from '../../../src/matching/dates/char-classes.js';

const code = (ch: string): number => ch.charCodeAt(0);

test('word characters are letters, digits and underscore, including Latin-1 letters', () => {
  for (const ch of ['a', 'Z', '0', '_', 'é', 'ß', '²']) assert.equal(isWordCode(code(ch)), true, ch);
  for (const ch of [' ', '-', ':', '[', '\u00a0', '×']) assert.equal(isWordCode(code(ch)), false, ch);
  assert.equal(isWordCode(-1), false);
});

test('whitespace is what Python calls whitespace: also the separators 0x1c-0x1f, NEL and NBSP', () => {
  for (const c of [9, 10, 11, 12, 13, 0x1c, 0x1f, 0x20, 0x85, 0xa0, 0x2003])
    assert.equal(isSpaceCode(c), true, String(c));
  for (const c of [0, 8, 0x21, 0x41, -1]) assert.equal(isSpaceCode(c), false, String(c));
});

test('digits include other scripts for \\d', () => {
  assert.equal(isDigitCode(code('7')), true);
  assert.equal(isDigitCode(0x0663), true);
  assert.equal(isDigitCode(code('a')), false);
});

test('case mapping folds ASCII and Latin-1 letters and leaves the rest', () => {
  assert.equal(lowerCode(code('M')), code('m'));
  assert.equal(upperCode(code('é')), code('É'));
  assert.equal(lowerCode(code(':')), code(':'));
  assert.equal(upperCode(code('ÿ')), code('ÿ'));
});
