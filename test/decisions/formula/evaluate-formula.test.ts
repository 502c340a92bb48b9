import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateFormula } from '../../../src/decisions/formula/evaluate-formula.js';
import { parseFormula } from '../../../src/decisions/formula/parse-formula.js';

const scope = { 'ban.Time': 600, 'ban.Count': 3, banFactor: 1.5 };
const run = (text: string) => evaluateFormula(parseFormula(text, { option: 'f' }), scope, 'f');

// Expected values were computed with Python 3.11's eval on the same expressions.
const cases: readonly [string, number][] = [
  ['ban.Time * (1<<(ban.Count if ban.Count<20 else 20)) * banFactor', 7200],
  ['ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor)', 54010.27878031309],
  ['-2**2', -4],
  ['2**-1', 0.5],
  ['2**3**2', 512],
  ['7//2', 3],
  ['-7//2', -4],
  ['-7%3', 2],
  ['7%-3', -2],
  ['7/2', 3.5],
  ['1 < 2 < 3', 1],
  ['3 > 2 > 2', 0],
  ['1 if 0 else 2', 2],
  ['0 or 5', 5],
  ['3 and 4', 4],
  ['not 0', 1],
  ['not 3', 0],
  ['min(ban.Time, 100) + max(1, 2, 3)', 103],
  ['round(2.5) + round(3.5) + round(-0.5)', 6],
  ['round(2.675, 2)', 2.67],
  ['round(0.125, 2) + round(0.375, 2)', 0.5],
  ['round(-2.5) + round(1.5)', 0],
  ['int(-3.7)', -3],
  ['abs(-4)', 4],
  ['~5', -6],
  ['6 & 3 | 8 ^ 1', 11],
  ['1 << 40', 1099511627776],
  ['-9 >> 1', -5],
  ['math.log(8, 2)', 3],
  ['math.sqrt(16) + math.pi', 7.141592653589793],
  ['ban.Count == 3 and ban.Time != 0', 1],
  ['(1 + 2) * 3 - 4 / 8', 8.5],
  ['0x10 + 0o10 + 0b10 + 1_000 + 1e3 + .5', 2026.5],
  ['ban.Time if ban.Count < 2 else ban.Time * 10 if ban.Count < 5 else -1', 6000],
];

test('expressions evaluate as Python evaluates them', () => {
  for (const [text, expected] of cases) assert.equal(run(text), expected, text);
});

test('the right operand of and/or and the untaken branch are not evaluated', () => {
  assert.equal(run('0 and 1/0'), 0);
  assert.equal(run('1 or 1/0'), 1);
  assert.equal(run('1 if 1 else 1/0'), 1);
});

test('values outside an operator domain are errors, never NaN or Infinity', () => {
  assert.throws(() => run('1/0'), /^Fail2nftError: f: division by zero$/);
  assert.throws(() => run('1//0'), /division by zero/);
  assert.throws(() => run('1%0'), /modulo by zero/);
  assert.throws(() => run('1.5 << 1'), /'<<' needs whole numbers/);
  assert.throws(() => run('1 << -1'), /negative shift count/);
  assert.throws(() => run('math.sqrt(-1)'), /math\.sqrt\(\): math domain error/);
  assert.throws(() => run('(-8) ** 0.5'), /negative number to a fractional power/);
  assert.throws(() => run('math.exp(1000)'), /result is not a finite number \(Infinity\)/);
  assert.throws(() => run('~0.5'), /'~' needs a whole number/);
});
