// Tokens of fail2ban's formula language, which is a Python expression: numbers, dotted names
// (ban.Time, math.exp), operators, parentheses, commas and the keywords if/else/and/or/not.
import { formulaError } from './formula-error.js';

export type FormulaTokenKind = 'number' | 'name' | 'keyword' | 'operator' | 'end';

export interface FormulaToken {
  readonly kind: FormulaTokenKind;
  readonly text: string;
  /** 0-based offset in the formula text. */
  readonly offset: number;
  readonly value?: number;
}

export const MAX_FORMULA_LENGTH = 2000;

const keywords = new Set(['if', 'else', 'and', 'or', 'not', 'True', 'False']);
// Longest first, so "**" is not read as two "*".
const operators = [
  '**',
  '//',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '(',
  ')',
  ',',
  '&',
  '|',
  '^',
  '~',
];

const numberPattern =
  /0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?/y;
const namePattern = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;

function numberValue(text: string): number {
  const clean = text.replace(/_/g, '');
  const prefix = clean.slice(0, 2).toLowerCase();
  if (prefix === '0x' || prefix === '0o' || prefix === '0b') return Number(clean.toLowerCase());
  return Number(clean);
}

export function tokenizeFormula(text: string, option: string): FormulaToken[] {
  if (text.length > MAX_FORMULA_LENGTH)
    throw formulaError(option, `longer than ${MAX_FORMULA_LENGTH} characters`);
  const tokens: FormulaToken[] = [];
  let offset = 0;
  while (offset < text.length) {
    const char = text[offset] ?? '';
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      offset++;
      continue;
    }
    numberPattern.lastIndex = offset;
    const number = /[0-9.]/.test(char) ? numberPattern.exec(text) : null;
    if (number !== null && number[0] !== '') {
      const value = numberValue(number[0]);
      if (!Number.isFinite(value)) throw formulaError(option, `invalid number '${number[0]}'`, offset + 1);
      tokens.push({ kind: 'number', text: number[0], offset, value });
      offset += number[0].length;
      continue;
    }
    namePattern.lastIndex = offset;
    const name = namePattern.exec(text);
    if (name !== null) {
      tokens.push({ kind: keywords.has(name[0]) ? 'keyword' : 'name', text: name[0], offset });
      offset += name[0].length;
      continue;
    }
    const operator = operators.find((op) => text.startsWith(op, offset));
    if (operator === undefined) throw formulaError(option, `unexpected character '${char}'`, offset + 1);
    tokens.push({ kind: 'operator', text: operator, offset });
    offset += operator.length;
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}
