import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charSet, range } from '../../../src/matching/regex/char-set.js';
import {
  continuationFirstChars,
  continuesWithEnd,
  itemsUntilLoop,
  rewriteWithContinuation,
  type Continuation,
} from '../../../src/matching/regex/continuation.js';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import type { RegexNode } from '../../../src/matching/regex/python-regex-ast.js';

/** The continuation seen by the first literal `m` in the pattern. */
function continuationAtM(pattern: string): Continuation | null {
  let seen: Continuation | null | undefined;
  rewriteWithContinuation(parsePythonRegex(pattern).root, (node, cont) => {
    if (seen === undefined && node.kind === 'literal' && node.codePoint === 109) seen = cont;
    return undefined;
  });
  assert.ok(seen !== undefined);
  return seen;
}

test('the continuation crosses group ends up to the enclosing sequences', () => {
  const items = [...itemsUntilLoop(continuationAtM('(?:am)(b)c'))].map((n: RegexNode) => n.kind);
  assert.deepEqual(items, ['group', 'literal']);
});

test('a repetition boundary stops the items that surely follow', () => {
  assert.deepEqual([...itemsUntilLoop(continuationAtM('(?:m)*b'))], []);
});

test('an end anchor that follows is recognised', () => {
  assert.ok(continuesWithEnd(continuationAtM('(?:m)$')));
  assert.ok(continuesWithEnd(continuationAtM('m$')));
  assert.ok(!continuesWithEnd(continuationAtM('mx$')));
});

test('the first characters after a repeated body include the body again and what follows', () => {
  assert.deepEqual(continuationFirstChars(continuationAtM('(?:"m)*"'))?.set, charSet([range(34), range(34)]));
});

test('the end of the pattern leaves the following text unknown', () => {
  assert.equal(continuationFirstChars(continuationAtM('am')), undefined);
});

test('a rewrite replaces the node it is offered', () => {
  const result = rewriteWithContinuation(parsePythonRegex('ab').root, (node) =>
    node.kind === 'literal' && node.codePoint === 97 ? { ...node, codePoint: 120 } : undefined,
  );
  assert.equal(result.rewritten, 1);
});
