// The names a formula may use. fail2ban evaluates bantime.formula as Python in the scope of its
// jail module, where the documented names are ban.Time (the jail's bantime), ban.Count (bans of the
// address before this one), banFactor (bantime.factor) and the math module (its example formula
// uses math.exp and float). Builtins that make sense on numbers are accepted too.

import type { FormulaVariable } from './formula-ast.js';

export const formulaVariables: ReadonlySet<string> = new Set<FormulaVariable>([
  'ban.Time',
  'ban.Count',
  'banFactor',
]);

export const formulaConstants: ReadonlyMap<string, number> = new Map([
  ['math.e', Math.E],
  ['math.pi', Math.PI],
  ['math.tau', 2 * Math.PI],
  ['math.inf', Infinity],
]);

export interface FormulaFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Returns the result, or a message for a value outside the function's domain. */
  readonly apply: (args: readonly number[]) => number | string;
}

/**
 * Python's round(): the exact binary value decides (round(2.675, 2) is 2.67 because 2.675 is stored
 * as 2.67499...), and exact halves go to the even neighbour (round(0.125, 2) is 0.12).
 */
function roundHalfEven(x: number, digits: number): number {
  const fixed = Number(x.toFixed(digits));
  // 30 more digits show the exact expansion far enough to tell a true tie from a near one.
  const tail = x.toFixed(digits + 30).slice(-30);
  if (!/^50+$/.test(tail)) return fixed === 0 ? 0 : fixed;
  // An exact tie: toFixed rounded away from zero; step back when that left an odd last digit.
  const lastDigit = Number(fixed.toFixed(digits).slice(-1));
  if (lastDigit % 2 === 0) return fixed === 0 ? 0 : fixed;
  const step = 10 ** -digits;
  const even = Number((fixed - Math.sign(x) * step).toFixed(digits));
  return even === 0 ? 0 : even;
}

const one = (f: (x: number) => number | string): FormulaFunction => ({
  minArgs: 1,
  maxArgs: 1,
  apply: (args) => f(args[0] ?? 0),
});

const logarithm = (x: number, base?: number): number | string => {
  if (x <= 0 || (base !== undefined && (base <= 0 || base === 1))) return 'math domain error';
  return base === undefined ? Math.log(x) : Math.log(x) / Math.log(base);
};

const power = (x: number, y: number): number | string => {
  if (x === 0 && y < 0) return 'zero to a negative power';
  if (x < 0 && !Number.isInteger(y)) return 'negative number to a fractional power';
  return x ** y;
};

export const formulaFunctions: ReadonlyMap<string, FormulaFunction> = new Map<string, FormulaFunction>([
  ['min', { minArgs: 2, maxArgs: 16, apply: (args) => Math.min(...args) }],
  ['max', { minArgs: 2, maxArgs: 16, apply: (args) => Math.max(...args) }],
  ['abs', one(Math.abs)],
  ['int', one(Math.trunc)],
  ['float', one((x) => x)],
  [
    'round',
    {
      minArgs: 1,
      maxArgs: 2,
      apply: (args) => {
        const digits = args[1] ?? 0;
        if (!Number.isInteger(digits) || digits < 0 || digits > 20)
          return 'digits must be a whole number from 0 to 20';
        return roundHalfEven(args[0] ?? 0, digits);
      },
    },
  ],
  ['pow', { minArgs: 2, maxArgs: 2, apply: (args) => power(args[0] ?? 0, args[1] ?? 0) }],
  ['math.pow', { minArgs: 2, maxArgs: 2, apply: (args) => power(args[0] ?? 0, args[1] ?? 0) }],
  ['math.exp', one(Math.exp)],
  ['math.log', { minArgs: 1, maxArgs: 2, apply: (args) => logarithm(args[0] ?? 0, args[1]) }],
  ['math.log2', one((x) => logarithm(x, 2))],
  ['math.log10', one((x) => logarithm(x, 10))],
  ['math.sqrt', one((x) => (x < 0 ? 'math domain error' : Math.sqrt(x)))],
  ['math.floor', one(Math.floor)],
  ['math.ceil', one(Math.ceil)],
  ['math.trunc', one(Math.trunc)],
  ['math.fabs', one(Math.abs)],
]);
