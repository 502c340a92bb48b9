// Finds the vector selectors (metric name plus its {label matchers}) in a PromQL expression, so a test
// can check a dashboard's queries against the declared metrics. A small scanner, not a full parser: it
// knows strings, {…} and […] blocks, numbers, functions, aggregations and the keywords whose label
// lists look like identifiers (by, without, on, ignoring, group_left, group_right).

export interface Selector {
  readonly metric: string;
  /** The text between the braces, '' when the selector has none. */
  readonly matchers: string;
}

const aggregations = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
]);
const labelListKeywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const operatorKeywords = new Set(['and', 'or', 'unless', 'bool', 'atan2', 'inf', 'nan']);

type Token =
  | { readonly kind: 'ident'; readonly text: string }
  | { readonly kind: 'braces'; readonly text: string }
  | { readonly kind: 'other'; readonly text: string };

function closing(expr: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') i = stringEnd(expr, i);
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  throw new Error(`unbalanced ${open} in ${expr}`);
}

function stringEnd(expr: string, start: number): number {
  const quote = expr[start];
  for (let i = start + 1; i < expr.length; i++) {
    if (expr[i] === '\\' && quote !== '`') i++;
    else if (expr[i] === quote) return i;
  }
  throw new Error(`unterminated string in ${expr}`);
}

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  const identifier = /[A-Za-z_:][A-Za-z0-9_:]*/y;
  const number = /(?:0x[0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)(?:ms|[smhdwy])*/y;
  for (let i = 0; i < expr.length;) {
    const c = expr[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(expr, i);
      tokens.push({ kind: 'other', text: expr.slice(i, end + 1) });
      i = end + 1;
    } else if (c === '{') {
      const end = closing(expr, i, '{', '}');
      tokens.push({ kind: 'braces', text: expr.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '[') {
      // Range and subquery windows hold durations and Grafana variables, never metric names.
      i = closing(expr, i, '[', ']') + 1;
    } else if (c === '#') {
      const end = expr.indexOf('\n', i);
      i = end < 0 ? expr.length : end + 1;
    } else {
      number.lastIndex = i;
      identifier.lastIndex = i;
      const numberMatch = /[\d.]/.test(c) ? number.exec(expr) : null;
      const identMatch = numberMatch === null ? identifier.exec(expr) : null;
      const text = numberMatch?.[0] ?? identMatch?.[0] ?? c;
      tokens.push({ kind: identMatch === null ? 'other' : 'ident', text });
      i += text.length;
    }
  }
  return tokens;
}

/** Every vector selector of the expression, in order. */
export function listSelectors(expr: string): Selector[] {
  const tokens = tokenize(expr);
  const selectors: Selector[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    if (token === undefined) break;
    if (token.kind === 'braces') {
      // A selector without a name ({__name__="..."}): its name is in the matchers.
      selectors.push({
        metric: /__name__\s*=\s*"([^"]*)"/.exec(token.text)?.[1] ?? '',
        matchers: token.text,
      });
      continue;
    }
    if (token.kind !== 'ident') continue;
    const word = token.text;
    if (labelListKeywords.has(word)) {
      if (next?.text === '(') while (i < tokens.length && tokens[i]?.text !== ')') i++;
      continue;
    }
    if (word === 'offset' || word === '@') {
      i++;
      continue;
    }
    if (operatorKeywords.has(word.toLowerCase()) || aggregations.has(word)) continue;
    if (next?.text === '(') continue;
    if (next?.kind === 'braces') {
      selectors.push({ metric: word, matchers: next.text });
      i++;
    } else {
      selectors.push({ metric: word, matchers: '' });
    }
  }
  return selectors;
}

/** The metric names an expression reads (sorted, without repeats). */
export function metricNamesOf(expr: string): string[] {
  return [...new Set(listSelectors(expr).map((s) => s.metric))].sort();
}

/** The selector inside a Grafana variable query `label_values(selector, label)`, or the query itself. */
export function variableQueryExpr(query: string): string {
  const labelValues = /^\s*label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$/s.exec(query);
  return labelValues?.[1] ?? query;
}
