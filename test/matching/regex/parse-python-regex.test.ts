import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../../src/core/errors.js';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import { nodeWidth } from '../../../src/matching/regex/python-regex-ast.js';
import type { RegexNode } from '../../../src/matching/regex/python-regex-ast.js';

function kinds(node: RegexNode): string[] {
  return node.kind === 'sequence' ? node.items.map((i) => i.kind) : [node.kind];
}

function syntaxError(pattern: string, message: RegExp): void {
  assert.throws(
    () => parsePythonRegex(pattern),
    (e: unknown) =>
      e instanceof Fail2nftError && e.code === 'F2N_ERR_REGEX_SYNTAX' && message.test(e.message),
    pattern,
  );
}

test('literals, classes, anchors and groups become their nodes', () => {
  const parsed = parsePythonRegex(String.raw`^a[bc](?:d)(e)$`);
  assert.deepEqual(kinds(parsed.root), ['assertion', 'literal', 'set', 'group', 'group', 'assertion']);
  assert.equal(parsed.groupCount, 1);
});

test('named groups are numbered with the others and listed by name', () => {
  const parsed = parsePythonRegex('(a)(?P<n>b)(c)');
  assert.equal(parsed.groupCount, 3);
  assert.deepEqual([...parsed.groupNames], [['n', 2]]);
});

test('a brace that does not form {m,n} is a literal, as in Python', () => {
  for (const p of ['x{', 'x{1', 'x{a}', 'x{}', 'x{1,2']) {
    assert.ok(!kinds(parsePythonRegex(p).root).includes('repeat'), p);
  }
});

test('{,n} and {,} repeat from zero', () => {
  const node = parsePythonRegex('a{,3}').root;
  assert.equal(node.kind === 'repeat' && node.min === 0 && node.max === 3, true);
  const open = parsePythonRegex('a{,}').root;
  assert.equal(open.kind === 'repeat' && open.min === 0 && open.max === null, true);
});

test('lazy and possessive quantifiers are recorded', () => {
  const lazy = parsePythonRegex('a+?').root;
  assert.equal(lazy.kind === 'repeat' && !lazy.greedy, true);
  const possessive = parsePythonRegex('a*+').root;
  assert.equal(possessive.kind === 'repeat' && possessive.possessive, true);
});

test('inline flags at the start are global; scoped flags apply inside their group only', () => {
  const parsed = parsePythonRegex('(?i)a(?-i:b)');
  assert.equal(parsed.globalFlags.ignoreCase, true);
  const [a, group] = parsed.root.kind === 'sequence' ? parsed.root.items : [];
  assert.equal(a?.kind === 'literal' && a.ignoreCase, true);
  assert.equal(group?.kind === 'group' && group.child.kind === 'literal' && !group.child.ignoreCase, true);
});

test('verbose mode skips spaces and comments outside classes', () => {
  const parsed = parsePythonRegex('(?x) a b # comment\n [ ]c');
  assert.deepEqual(kinds(parsed.root), ['literal', 'literal', 'set', 'literal']);
});

test('comments match nothing', () => {
  assert.deepEqual(kinds(parsePythonRegex('a(?#x)b').root), ['literal', 'literal']);
});

test('\\1 is a back-reference, \\01 and \\111 are octal', () => {
  assert.deepEqual(kinds(parsePythonRegex(String.raw`(a)\1`).root), ['group', 'backreference']);
  assert.equal(parsePythonRegex(String.raw`\01`).root.kind, 'literal');
  const octal = parsePythonRegex(String.raw`\111`).root;
  assert.equal(octal.kind === 'literal' && octal.codePoint, 0o111);
});

test('in a class \\b is a backspace and \\1 an octal escape', () => {
  const node = parsePythonRegex(String.raw`[\b\1]`).root;
  assert.deepEqual(node.kind === 'set' && node.set.items, [
    { kind: 'range', from: 8, to: 8 },
    { kind: 'range', from: 1, to: 1 },
  ]);
});

test('] first in a class is a literal and - last is a literal', () => {
  const node = parsePythonRegex('[]a-]').root;
  assert.equal(node.kind === 'set' && node.set.items.length, 3);
});

test('look-arounds, conditionals and atomic groups are parsed for later passes', () => {
  assert.deepEqual(kinds(parsePythonRegex('(?=a)(?!b)(?<=c)(?<!d)').root), Array(4).fill('lookaround'));
  assert.equal(parsePythonRegex('(a)?(?(1)b|c)').root.kind, 'sequence');
  assert.equal(parsePythonRegex('(?>a)').root.kind, 'atomic');
});

test('a negated class holding \\W falls back to ASCII \\W with a note', () => {
  const parsed = parsePythonRegex(String.raw`[^\W\d]`);
  assert.equal(parsed.notes.length, 1);
});

test('Python syntax errors are reported like Python reports them', () => {
  syntaxError('a(?i)b', /global flags not at the start/);
  syntaxError('*a', /nothing to repeat/);
  syntaxError('a**', /multiple repeat/);
  syntaxError('(a', /missing \), unterminated subpattern/);
  syntaxError('a)', /unbalanced parenthesis/);
  syntaxError('[a', /unterminated character set/);
  syntaxError('[z-a]', /bad character range/);
  syntaxError(String.raw`[\d-z]`, /bad character range/);
  syntaxError(String.raw`\e`, /bad escape/);
  syntaxError(String.raw`\x4`, /incomplete escape/);
  syntaxError(String.raw`\2(a)`, /invalid group reference 2/);
  syntaxError('(?P<a>x)(?P<a>y)', /redefinition of group name/);
  syntaxError('(?P=a)', /unknown group name/);
  syntaxError('(?P<a>x(?P=a))', /cannot refer to an open group/);
  syntaxError('(?P<1a>x)', /bad character in group name/);
  syntaxError('a{3,1}', /min repeat greater than max repeat/);
  syntaxError('(?<=a|bc)x', /fixed-width/);
  syntaxError('(?(1)a|b)', /invalid group reference 1/);
  syntaxError('(a)(?(1)a|b|c)', /more than two branches/);
  syntaxError('(?L)a', /cannot use 'L' flag with a str pattern/);
  syntaxError('(?i-i:a)', /flag turned on and off/);
  syntaxError('(?<n>a)', /unknown extension \?<n/);
  syntaxError(String.raw`\400`, /octal escape value/);
});

test('\\N{...} is reported as unsupported', () => {
  assert.throws(
    () => parsePythonRegex(String.raw`\N{EM DASH}`),
    (e: unknown) => e instanceof Fail2nftError && e.code === 'F2N_ERR_REGEX_UNSUPPORTED',
  );
});

test('MULTILINE from the options reaches the anchors', () => {
  const node = parsePythonRegex('^', { multiline: true }).root;
  assert.equal(node.kind === 'assertion' && node.multiline, true);
});

test('nodeWidth measures fixed and variable widths', () => {
  assert.deepEqual(nodeWidth(parsePythonRegex('ab|cd').root), { min: 2, max: 2 });
  assert.deepEqual(nodeWidth(parsePythonRegex('a+').root), { min: 1, max: Infinity });
  assert.deepEqual(nodeWidth(parsePythonRegex('a{2,3}').root), { min: 2, max: 3 });
});

test('the asciiClasses option acts like a leading (?a)', () => {
  const node = parsePythonRegex(String.raw`\d`, { asciiClasses: true }).root;
  assert.deepEqual(node.kind === 'set' && node.set.items, [{ kind: 'range', from: 48, to: 57 }]);
});
