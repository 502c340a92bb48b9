import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../../src/core/errors.js';
import { checkDirectives, parseDatePattern, SLOT_MARK } from '../../../src/matching/dates/pattern-parser.js';

const parse = (source: string) => parseDatePattern(source, { directives: true, slots: true });

function fails(source: string, mention: string): void {
  assert.throws(
    () => parse(source),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_DATE_PATTERN' &&
      error.message.includes(mention),
    `${source} should fail with ${mention}`,
  );
}

test('literal runs merge, directives expand in place, a slot mark becomes a slot', () => {
  assert.deepEqual(parse('ab\\.c').node, { kind: 'text', text: 'ab.c' });
  const node = parse(`x${SLOT_MARK}%Y`).node;
  assert.equal(node.kind, 'seq');
  if (node.kind === 'seq')
    assert.deepEqual(
      node.items.map((n) => n.kind),
      ['text', 'slot', 'group'],
    );
});

test('groups, look-around, conditionals, classes and quantifiers parse as in Python', () => {
  const kinds = (source: string): string => parse(source).node.kind;
  assert.equal(kinds('(?P<a>x)(?P=a)'), 'seq');
  assert.equal(kinds('(?=x)'), 'look');
  assert.equal(kinds('(?<=ab)'), 'look');
  assert.equal(kinds('(x)?(?(1)y|z)'), 'seq');
  assert.equal(kinds('[^\\]a-c\\d]'), 'set');
  assert.equal(kinds('a{2,}'), 'repeat');
  assert.equal(kinds('a|b'), 'alt');
  assert.deepEqual(parse('a{,3}').node, {
    kind: 'repeat',
    node: { kind: 'text', text: 'a' },
    min: 0,
    max: 3,
    greedy: true,
  });
  // `{` that is no quantifier is a literal, as in Python.
  assert.deepEqual(parse('a{x}').node, { kind: 'text', text: 'a{x}' });
});

test('a quantifier after a directive applies to its last atom only', () => {
  const node = parse('%k?').node;
  assert.equal(node.kind, 'seq');
  if (node.kind === 'seq') {
    assert.equal(node.items[0]?.kind, 'repeat');
    assert.equal(node.items[1]?.kind, 'repeat');
  }
});

test('leading inline flags set the pattern flags; scoped flags wrap their group', () => {
  assert.deepEqual(parse('(?i)x').flags, { ignoreCase: true });
  assert.equal(parse('(?i:x)').node.kind, 'flags');
});

test('errors name the problem and where it is', () => {
  fails('%Q', 'unknown directive "%Q"');
  fails('a(?i)', 'global flags not at the start');
  fails('(a', 'missing ), unterminated subpattern');
  fails('a)', 'unbalanced parenthesis');
  fails('a**', 'multiple repeat');
  fails('a++', 'possessive');
  fails('(?>a)', 'atomic');
  fails('\\1', 'invalid group reference');
  fails('(?P<1a>x)', 'bad character in group name');
  fails('(?P<a>x)(?P<a>y)', 'redefinition of group name "a"');
  fails('[z-a]', 'bad character range');
  fails('\\x4', 'incomplete escape');
  fails('(?(2)a|b)', 'invalid group reference');
  fails('[%Y]', 'inside [...]');
});

test('checkDirectives names the first % that starts no directive, with its offset', () => {
  assert.doesNotThrow(() => checkDirectives('%Y-%m-%d 100%%'));
  assert.throws(() => checkDirectives('%Y %q'), /unknown directive "%q".* at offset 3/);
});
