import { test } from 'node:test';
import assert from 'node:assert/strict';
import RE2 from 're2';
import { charSet, range, shorthandItems } from '../../../src/matching/regex/char-set.js';
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import { printCharSet, printLiteral, printRe2Regex } from '../../../src/matching/regex/print-re2-regex.js';

const print = (pattern: string, options = {}): string =>
  printRe2Regex(parsePythonRegex(pattern).root, options).source;

test('metacharacters are escaped and control characters written as escapes', () => {
  assert.equal(printLiteral('.'.codePointAt(0) ?? 0), String.raw`\.`);
  assert.equal(printLiteral(10), String.raw`\n`);
  assert.equal(printLiteral(0), String.raw`\x{0}`);
  assert.equal(printLiteral(0xe9), String.raw`\x{E9}`);
});

test('classes escape what RE2 reads specially', () => {
  assert.equal(
    printCharSet(charSet([range(91), range(93), range(94), range(45), range(97)])),
    String.raw`[\-\[\]\^a]`,
  );
});

test('a class of many ranges prints as its shorter complement', () => {
  assert.equal(printCharSet(charSet(shorthandItems('S', true))), String.raw`[^\t-\r ]`);
});

test('\\W among other members prints as an alternation of classes', () => {
  assert.equal(
    printCharSet(charSet([...shorthandItems('W', false), range(97)])),
    String.raw`(?:a|[^\p{L}\p{N}_])`,
  );
});

test('a category minus ranges prints as a negated class of the complement', () => {
  const set = charSet([{ kind: 'property', name: 'L', negated: false, except: [range(105)] }]);
  assert.equal(printCharSet(set), String.raw`[^\P{L}i]`);
  assert.ok(!new RE2(printCharSet(set)).test('i') && new RE2(printCharSet(set)).test('é'));
});

test('the empty class never matches and the full one matches anything', () => {
  assert.ok(!new RE2(printCharSet(charSet([]))).test('a'));
  assert.equal(printCharSet(charSet([], true)), '(?s:.)');
});

test('groups keep their names; a second copy of a name prints unnamed and is listed', () => {
  const parsed = parsePythonRegex('(?P<a>x)');
  const root = parsed.root;
  const printed = printRe2Regex({ kind: 'sequence', items: [root, root], start: 0, end: 0 });
  assert.equal(printed.source, '(?P<a>x)(x)');
  assert.deepEqual(printed.names.get('a'), [1, 2]);
  assert.deepEqual(printed.groups.get(1), [1, 2]);
});

test('case modes differing from the surrounding one are wrapped', () => {
  assert.equal(print('a(?i:b)c'), 'a(?:(?i:b))c');
  assert.equal(print('(?i)a(?-i:b)c', { ignoreCase: true }), 'a(?:(?-i:b))c');
});

test('classes without letters need no case wrapper', () => {
  assert.equal(print(String.raw`(?i)\d`), String.raw`\p{Nd}`);
});

test('anchors carry their own MULTILINE mode', () => {
  assert.equal(printRe2Regex(parsePythonRegex('^a$', { multiline: true }).root).source, '(?m:^)a(?m:$)');
  assert.equal(print(String.raw`\Aa\Z`), String.raw`\Aa\z`);
});

test('quantified sequences are grouped', () => {
  assert.equal(print('(?:ab)+?'), '(?:ab)+?');
  assert.equal(print('a{2,5}b{3}c{2,}'), 'a{2,5}b{3}c{2,}');
});

test('untranslated constructs are refused', () => {
  assert.throws(() => print('(?=a)'), /look-ahead/);
  assert.throws(() => print(String.raw`(a)\1`), /back-reference/);
});
