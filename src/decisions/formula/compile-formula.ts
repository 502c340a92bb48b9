// bantime.formula and bantime.factor compiled once, at configuration time, into plain functions.
import type { FormulaVariable } from './formula-ast.js';
import { evaluateFormula, type FormulaScope } from './evaluate-formula.js';
import { parseFormula } from './parse-formula.js';

export type BanFormula = (scope: FormulaScope) => number;

/** Compiles a bantime.formula; unknown names and syntax errors throw F2N_ERR_CONFIG_BAD_VALUE. */
export function compileBanFormula(text: string, option = 'bantime.formula'): BanFormula {
  const tree = parseFormula(text, { option });
  return (scope) => evaluateFormula(tree, scope, option);
}

const noVariables: ReadonlySet<string> = new Set();
const emptyScope: FormulaScope = { 'ban.Time': 0, 'ban.Count': 0, banFactor: 0 } satisfies Record<
  FormulaVariable,
  number
>;

/**
 * Evaluates a constant expression such as bantime.factor, which fail2ban also evaluates as Python
 * ("2.0 / 2.885385"): numbers, operators and math.*, no variables.
 */
export function evaluateConstantFormula(text: string, option: string): number {
  return evaluateFormula(parseFormula(text, { option, variables: noVariables }), emptyScope, option);
}
