export { compileBanFormula, evaluateConstantFormula } from './compile-formula.js';
export type { BanFormula } from './compile-formula.js';
export type { FormulaScope } from './evaluate-formula.js';
export { evaluateFormula } from './evaluate-formula.js';
export { parseFormula, MAX_FORMULA_DEPTH } from './parse-formula.js';
export { tokenizeFormula, MAX_FORMULA_LENGTH } from './tokenize-formula.js';
export type { FormulaNode, FormulaVariable } from './formula-ast.js';
