// A recursive-descent parser for the Python expression subset of fail2ban's formulas, with Python's
// precedence: conditional < or < and < not < comparisons (chained) < | < ^ < & < shifts < + - <
// * / // % < unary + - ~ < ** (right-associative) < calls and atoms. Names are resolved here against
// formula-names.ts; an unknown name, a wrong argument count or too deep nesting is an error.
import type { ArithmeticOperator, ComparisonOperator, FormulaNode, FormulaVariable } from './formula-ast.js';
import { formulaError } from './formula-error.js';
import { formulaConstants, formulaFunctions, formulaVariables } from './formula-names.js';
import { tokenizeFormula, type FormulaToken } from './tokenize-formula.js';

export const MAX_FORMULA_DEPTH = 64;

export interface ParseFormulaOptions {
  /** The option named in messages (bantime.formula, bantime.factor). */
  readonly option: string;
  /** Names of variables the formula may use; default ban.Time, ban.Count, banFactor. */
  readonly variables?: ReadonlySet<string>;
}

const comparisonOperators = new Set(['<', '<=', '>', '>=', '==', '!=']);

class FormulaParser {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly FormulaToken[],
    private readonly option: string,
    private readonly variables: ReadonlySet<string>,
  ) {}

  parse(): FormulaNode {
    const node = this.expression();
    const rest = this.peek();
    if (rest.kind !== 'end') throw this.error(`unexpected '${rest.text}'`, rest);
    return node;
  }

  private peek(): FormulaToken {
    return this.tokens[this.position] ?? { kind: 'end', text: '', offset: 0 };
  }

  private next(): FormulaToken {
    const token = this.peek();
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private at(text: string): boolean {
    const token = this.peek();
    return (token.kind === 'operator' || token.kind === 'keyword') && token.text === text;
  }

  private expect(text: string): void {
    const token = this.next();
    if ((token.kind !== 'operator' && token.kind !== 'keyword') || token.text !== text)
      throw this.error(
        token.kind === 'end' ? `expected '${text}' at the end` : `expected '${text}', found '${token.text}'`,
        token,
      );
  }

  private error(message: string, token: FormulaToken): Error {
    return formulaError(this.option, message, token.offset + 1);
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_FORMULA_DEPTH)
      throw this.error(`nests deeper than ${MAX_FORMULA_DEPTH} levels`, this.peek());
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private expression(): FormulaNode {
    return this.nested(() => {
      const value = this.or();
      if (!this.at('if')) return value;
      this.next();
      const test = this.or();
      this.expect('else');
      const otherwise = this.expression();
      return { type: 'conditional', test, then: value, otherwise };
    });
  }

  private or(): FormulaNode {
    let left = this.and();
    while (this.at('or')) {
      this.next();
      left = { type: 'logical', op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): FormulaNode {
    let left = this.not();
    while (this.at('and')) {
      this.next();
      left = { type: 'logical', op: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): FormulaNode {
    if (!this.at('not')) return this.comparison();
    this.next();
    return this.nested(() => ({ type: 'unary', op: 'not', operand: this.not() }));
  }

  private comparison(): FormulaNode {
    const first = this.bitOr();
    const rest: { op: ComparisonOperator; operand: FormulaNode }[] = [];
    while (this.peek().kind === 'operator' && comparisonOperators.has(this.peek().text)) {
      const op = this.next().text as ComparisonOperator;
      rest.push({ op, operand: this.bitOr() });
    }
    return rest.length === 0 ? first : { type: 'compare', first, rest };
  }

  private binaryLevel(ops: readonly string[], operand: () => FormulaNode): FormulaNode {
    let left = operand();
    while (this.peek().kind === 'operator' && ops.includes(this.peek().text)) {
      const op = this.next().text as ArithmeticOperator;
      left = { type: 'binary', op, left, right: operand() };
    }
    return left;
  }

  private bitOr(): FormulaNode {
    return this.binaryLevel(['|'], () => this.bitXor());
  }

  private bitXor(): FormulaNode {
    return this.binaryLevel(['^'], () => this.bitAnd());
  }

  private bitAnd(): FormulaNode {
    return this.binaryLevel(['&'], () => this.shift());
  }

  private shift(): FormulaNode {
    return this.binaryLevel(['<<', '>>'], () => this.sum());
  }

  private sum(): FormulaNode {
    return this.binaryLevel(['+', '-'], () => this.term());
  }

  private term(): FormulaNode {
    return this.binaryLevel(['*', '/', '//', '%'], () => this.unary());
  }

  private unary(): FormulaNode {
    const token = this.peek();
    if (token.kind === 'operator' && (token.text === '-' || token.text === '+' || token.text === '~')) {
      this.next();
      const op = token.text;
      return this.nested(() => ({ type: 'unary', op, operand: this.unary() }));
    }
    return this.power();
  }

  private power(): FormulaNode {
    const base = this.primary();
    if (!this.at('**')) return base;
    this.next();
    return { type: 'binary', op: '**', left: base, right: this.nested(() => this.unary()) };
  }

  private primary(): FormulaNode {
    const token = this.next();
    if (token.kind === 'number') return { type: 'number', value: token.value ?? 0 };
    if (token.kind === 'keyword' && (token.text === 'True' || token.text === 'False'))
      return { type: 'number', value: token.text === 'True' ? 1 : 0 };
    if (token.kind === 'operator' && token.text === '(') {
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (token.kind === 'name') return this.name(token);
    if (token.kind === 'end') throw this.error('unexpected end of formula', token);
    throw this.error(`unexpected '${token.text}'`, token);
  }

  private name(token: FormulaToken): FormulaNode {
    if (this.at('(')) {
      const fn = formulaFunctions.get(token.text);
      if (fn === undefined) throw this.error(`unknown function '${token.text}'`, token);
      this.next();
      const args: FormulaNode[] = [];
      // Every turn consumes tokens, so the loop ends with the token list.
      while (!this.at(')')) {
        args.push(this.expression());
        if (!this.at(',')) break;
        this.next();
      }
      this.expect(')');
      if (args.length < fn.minArgs || args.length > fn.maxArgs) {
        const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
        throw this.error(`${token.text}() takes ${expected} argument(s), got ${args.length}`, token);
      }
      return { type: 'call', fn: token.text, args };
    }
    const constant = formulaConstants.get(token.text);
    if (constant !== undefined) return { type: 'number', value: constant };
    if (this.variables.has(token.text)) return { type: 'variable', name: token.text as FormulaVariable };
    const known = [...this.variables].join(', ');
    throw this.error(`unknown name '${token.text}' (known: ${known === '' ? 'none' : known}, math.*)`, token);
  }
}

export function parseFormula(text: string, options: ParseFormulaOptions): FormulaNode {
  if (text.trim() === '') throw formulaError(options.option, 'is empty');
  const tokens = tokenizeFormula(text, options.option);
  return new FormulaParser(tokens, options.option, options.variables ?? formulaVariables).parse();
}
