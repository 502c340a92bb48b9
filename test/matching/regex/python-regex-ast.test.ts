import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import {
  capturesIn,
  childrenOf,
  mapTree,
  someNode,
  spanText,
  withoutCaptures,
} from '../../../src/matching/regex/python-regex-ast.js';

test('children, search and captures walk the whole tree', () => {
  const parsed = parsePythonRegex('(a)(?:b|(?P<c>c))*');
  assert.equal(childrenOf(parsed.root).length, 2);
  assert.ok(someNode(parsed.root, (n) => n.kind === 'alternation'));
  assert.deepEqual([...capturesIn(parsed.root)], [1, 2]);
});

test('captures can be removed while keeping their content', () => {
  const stripped = withoutCaptures(parsePythonRegex('(a)(b)').root);
  assert.equal(capturesIn(stripped).size, 0);
});

test('mapTree rebuilds bottom-up', () => {
  const upper = mapTree(parsePythonRegex('a(b)').root, (n) =>
    n.kind === 'literal' ? { ...n, codePoint: n.codePoint - 32 } : n,
  );
  assert.ok(!someNode(upper, (n) => n.kind === 'literal' && n.codePoint > 90));
});

test('spans give back the construct as written', () => {
  const parsed = parsePythonRegex('ab(?=cd)');
  const look = parsed.root.kind === 'sequence' ? parsed.root.items[2] : undefined;
  assert.ok(look);
  assert.equal(spanText(parsed.codePoints, look), '(?=cd)');
});
