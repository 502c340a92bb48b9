import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenizeFormula } from '../../../src/decisions/formula/tokenize-formula.js';

test('dotted names, numbers, keywords and longest operators become tokens', () => {
  const tokens = tokenizeFormula('ban.Time*(1<<2) if not x else 2.5e1', 'f');
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.text]),
    [
      ['name', 'ban.Time'],
      ['operator', '*'],
      ['operator', '('],
      ['number', '1'],
      ['operator', '<<'],
      ['number', '2'],
      ['operator', ')'],
      ['keyword', 'if'],
      ['keyword', 'not'],
      ['name', 'x'],
      ['keyword', 'else'],
      ['number', '2.5e1'],
      ['end', ''],
    ],
  );
  assert.equal(tokens.at(-2)?.value, 25);
});

test('Python number spellings are read: hex, octal, binary, underscores, a leading dot', () => {
  const values = tokenizeFormula('0x1F 0o17 0b101 1_000 .5 3.', 'f')
    .filter((t) => t.kind === 'number')
    .map((t) => t.value);
  assert.deepEqual(values, [31, 15, 5, 1000, 0.5, 3]);
});

test('an unexpected character is an error naming its column', () => {
  assert.throws(
    () => tokenizeFormula('ban.Time $ 2', 'bantime.formula'),
    /^Fail2nftError: bantime\.formula: unexpected character '\$' \(column 10\)$/,
  );
  assert.throws(() => tokenizeFormula('a = 1', 'f'), /unexpected character '='/);
  assert.throws(() => tokenizeFormula('"text"', 'f'), /unexpected character '"'/);
});

test('a formula longer than the limit is refused', () => {
  assert.throws(() => tokenizeFormula('1+'.repeat(1001) + '1', 'f'), /longer than 2000 characters/);
});
