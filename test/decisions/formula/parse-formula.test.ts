import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFormula } from '../../../src/decisions/formula/parse-formula.js';
import { Fail2nftError } from '../../../src/core/errors.js';

const parse = (text: string) => parseFormula(text, { option: 'bantime.formula' });

test('power binds tighter than unary minus and is right-associative', () => {
  assert.deepEqual(parse('-2**3**2'), {
    type: 'unary',
    op: '-',
    operand: {
      type: 'binary',
      op: '**',
      left: { type: 'number', value: 2 },
      right: {
        type: 'binary',
        op: '**',
        left: { type: 'number', value: 3 },
        right: { type: 'number', value: 2 },
      },
    },
  });
});

test('a conditional expression takes or-expressions around if and a conditional after else', () => {
  const tree = parse('1 if ban.Count < 2 else 2 if banFactor else 3');
  assert.equal(tree.type, 'conditional');
  assert.equal(tree.type === 'conditional' && tree.otherwise.type, 'conditional');
});

test('comparisons chain into one node', () => {
  const tree = parse('1 < ban.Count <= 3');
  assert.equal(tree.type, 'compare');
  assert.equal(tree.type === 'compare' && tree.rest.length, 2);
});

test('constants are folded and variables resolved while parsing', () => {
  assert.deepEqual(parse('math.pi'), { type: 'number', value: Math.PI });
  assert.deepEqual(parse('True'), { type: 'number', value: 1 });
  assert.deepEqual(parse('ban.Time'), { type: 'variable', name: 'ban.Time' });
});

function fails(text: string, message: RegExp): void {
  assert.throws(
    () => parse(text),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_CONFIG_BAD_VALUE' &&
      message.test(error.message),
    text,
  );
}

test('unknown names are configuration errors with their column', () => {
  fails(
    'ban.Time * banMaxTime',
    /unknown name 'banMaxTime' \(known: ban\.Time, ban\.Count, banFactor, math\.\*\) \(column 12\)/,
  );
  fails('__import__("os")', /unknown function '__import__'|unexpected character/);
  fails('os.system(1)', /unknown function 'os\.system'/);
  fails('ban.Time.__class__', /unknown name 'ban\.Time\.__class__'/);
});

test('wrong argument counts are configuration errors', () => {
  fails('min(1)', /min\(\) takes 2 to 16 argument\(s\), got 1/);
  fails('math.exp()', /math\.exp\(\) takes 1 argument\(s\), got 0/);
});

test('syntax errors name what was expected', () => {
  fails('(1 + 2', /expected '\)' at the end/);
  fails('1 if 2', /expected 'else' at the end/);
  fails('1 2', /unexpected '2'/);
  fails('', /is empty/);
  fails('*', /unexpected '\*'/);
  fails('1 +', /unexpected end of formula/);
  fails('lambda: 1', /unexpected character ':'/);
});

test('nesting deeper than the limit is refused instead of overflowing the stack', () => {
  fails('('.repeat(100) + '1' + ')'.repeat(100), /nests deeper than 64 levels/);
  fails('-'.repeat(100) + '1', /nests deeper than 64 levels/);
});

test('a formula without variables can be parsed with no variables allowed', () => {
  assert.throws(
    () => parseFormula('ban.Time', { option: 'bantime.factor', variables: new Set() }),
    /bantime\.factor: unknown name 'ban\.Time' \(known: none/,
  );
});
