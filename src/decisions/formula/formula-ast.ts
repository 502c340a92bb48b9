// The parsed formula: a small tree whose names were resolved while parsing, so evaluation never
// looks a name up and an unknown name can only be a configuration-time error.

export type FormulaVariable = 'ban.Time' | 'ban.Count' | 'banFactor';

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<<' | '>>' | '&' | '|' | '^';
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type UnaryOperator = '-' | '+' | '~' | 'not';

export type FormulaNode =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'variable'; readonly name: FormulaVariable }
  | { readonly type: 'unary'; readonly op: UnaryOperator; readonly operand: FormulaNode }
  | {
      readonly type: 'binary';
      readonly op: ArithmeticOperator;
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    }
  | {
      readonly type: 'compare';
      readonly first: FormulaNode;
      readonly rest: readonly { readonly op: ComparisonOperator; readonly operand: FormulaNode }[];
    }
  | {
      readonly type: 'logical';
      readonly op: 'and' | 'or';
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    }
  | {
      readonly type: 'conditional';
      readonly test: FormulaNode;
      readonly then: FormulaNode;
      readonly otherwise: FormulaNode;
    }
  | { readonly type: 'call'; readonly fn: string; readonly args: readonly FormulaNode[] };
