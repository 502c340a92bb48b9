// The interpreter of parsed formulas, with Python's number semantics where they differ from
// JavaScript's: true division, floor division and modulo, shifts and bitwise operators on integers
// of any size (not 32 bits), chained comparisons, `and`/`or` returning an operand. Booleans are 1 and
// 0. A value outside an operator's domain is an error, never NaN or Infinity.
import type { FormulaNode, FormulaVariable } from './formula-ast.js';
import { formulaError } from './formula-error.js';
import { formulaFunctions } from './formula-names.js';

export type FormulaScope = Readonly<Record<FormulaVariable, number>>;

class EvaluationFailure extends Error {}

function integers(op: string, a: number, b: number): [bigint, bigint] {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b))
    throw new EvaluationFailure(`'${op}' needs whole numbers, got ${a} and ${b}`);
  return [BigInt(a), BigInt(b)];
}

function arithmetic(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new EvaluationFailure('division by zero');
      return a / b;
    case '//':
      if (b === 0) throw new EvaluationFailure('division by zero');
      return Math.floor(a / b);
    case '%':
      if (b === 0) throw new EvaluationFailure('modulo by zero');
      return a - b * Math.floor(a / b);
    case '**':
      if (a === 0 && b < 0) throw new EvaluationFailure('zero to a negative power');
      if (a < 0 && !Number.isInteger(b)) throw new EvaluationFailure('negative number to a fractional power');
      return a ** b;
    case '<<':
    case '>>': {
      integers(op, a, b);
      if (b < 0) throw new EvaluationFailure('negative shift count');
      return op === '<<' ? a * 2 ** b : Math.floor(a / 2 ** b);
    }
    default: {
      const [x, y] = integers(op, a, b);
      return Number(op === '&' ? x & y : op === '|' ? x | y : x ^ y);
    }
  }
}

function compare(op: string, a: number, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    default:
      return a !== b;
  }
}

function evaluate(node: FormulaNode, scope: FormulaScope): number {
  switch (node.type) {
    case 'number':
      return node.value;
    case 'variable':
      return scope[node.name];
    case 'unary': {
      const value = evaluate(node.operand, scope);
      if (node.op === 'not') return value === 0 ? 1 : 0;
      if (node.op === '-') return -value;
      if (node.op === '+') return value;
      if (!Number.isSafeInteger(value)) throw new EvaluationFailure(`'~' needs a whole number, got ${value}`);
      return -value - 1;
    }
    case 'binary':
      return arithmetic(node.op, evaluate(node.left, scope), evaluate(node.right, scope));
    case 'compare': {
      let left = evaluate(node.first, scope);
      for (const { op, operand } of node.rest) {
        const right = evaluate(operand, scope);
        if (!compare(op, left, right)) return 0;
        left = right;
      }
      return 1;
    }
    case 'logical': {
      const left = evaluate(node.left, scope);
      if (node.op === 'and' ? left === 0 : left !== 0) return left;
      return evaluate(node.right, scope);
    }
    case 'conditional':
      return evaluate(node.test, scope) !== 0 ? evaluate(node.then, scope) : evaluate(node.otherwise, scope);
    case 'call': {
      const fn = formulaFunctions.get(node.fn);
      if (fn === undefined) throw new EvaluationFailure(`unknown function '${node.fn}'`);
      const result = fn.apply(node.args.map((arg) => evaluate(arg, scope)));
      if (typeof result === 'string') throw new EvaluationFailure(`${node.fn}(): ${result}`);
      return result;
    }
  }
}

/**
 * Evaluates a parsed formula. Throws F2N_ERR_CONFIG_BAD_VALUE (naming `option`) when an operator or
 * function is given a value outside its domain or the result is not a finite number.
 */
export function evaluateFormula(node: FormulaNode, scope: FormulaScope, option: string): number {
  let result: number;
  try {
    result = evaluate(node, scope);
  } catch (error) {
    if (error instanceof EvaluationFailure) throw formulaError(option, error.message);
    throw error;
  }
  if (!Number.isFinite(result)) throw formulaError(option, `result is not a finite number (${result})`);
  return result;
}
