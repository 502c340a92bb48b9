import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileBanFormula,
  evaluateConstantFormula,
} from '../../../src/decisions/formula/compile-formula.js';

test('a compiled formula is a function of ban.Time, ban.Count and banFactor', () => {
  const formula = compileBanFormula('ban.Time * (ban.Count + 1) * banFactor');
  assert.equal(formula({ 'ban.Time': 60, 'ban.Count': 2, banFactor: 2 }), 360);
  assert.equal(formula({ 'ban.Time': 60, 'ban.Count': 0, banFactor: 1 }), 60);
});

test('an unknown name fails when the formula is compiled, not when a ban is decided', () => {
  assert.throws(() => compileBanFormula('ban.Time * bogus'), /bantime\.formula: unknown name 'bogus'/);
});

test("bantime.factor is evaluated as a constant expression, as fail2ban's example '2.0 / 2.885385' needs", () => {
  assert.equal(evaluateConstantFormula('2.0 / 2.885385', 'bantime.factor'), 2.0 / 2.885385);
  assert.equal(evaluateConstantFormula('3', 'bantime.factor'), 3);
  assert.throws(
    () => evaluateConstantFormula('ban.Count', 'bantime.factor'),
    /bantime\.factor: unknown name/,
  );
});
