import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTranslation } from '../../../src/matching/regex/compile-translation.js';
import { translatePythonRegex } from '../../../src/matching/regex/translate-python-regex.js';
import { Fail2nftError } from '../../../src/core/errors.js';
import { pythonCases } from './python-cases.js';

/** Python group values (1..n) from an RE2 match, through the translation's group map. */
function groupsOf(pattern: string, input: string | Buffer, multiline: boolean): (string | null)[] | null {
  const translation = translatePythonRegex(pattern, { multiline });
  const match = compileTranslation(translation).exec(input);
  if (match === null) return null;
  const out: (string | null)[] = [];
  for (let g = 1; g <= translation.groups.size; g++) {
    const index = (translation.groups.get(g) ?? []).find((i) => match[i] !== undefined);
    out.push(index === undefined ? null : (match[index]?.toString() ?? null));
  }
  return out;
}

test('every case of the Python table matches like Python, on strings and on Buffers', () => {
  for (const c of pythonCases) {
    const expected = c.groups === null ? null : c.groups.slice(1);
    for (const input of [c.input, Buffer.from(c.input, 'utf8')]) {
      assert.deepEqual(
        groupsOf(c.pattern, input, c.multiline),
        expected,
        `${JSON.stringify(c.pattern)} on ${JSON.stringify(c.input)} (${typeof input})`,
      );
    }
  }
});

test('a plain pattern translates directly', () => {
  const t = translatePythonRegex(String.raw`^Failed password for (?P<user>\S+) from`);
  assert.equal(t.method, 'direct');
  assert.deepEqual(t.checks, []);
  assert.deepEqual([...t.names.entries()], [['user', [1]]]);
});

test('{,n} becomes {0,n} and \\Z becomes \\z', () => {
  assert.equal(translatePythonRegex('a{,3}').source, 'a{0,3}');
  assert.equal(translatePythonRegex(String.raw`a\Z`).source, String.raw`a\z`);
});

test('Unicode shorthands get Python meanings and (?a) keeps them ASCII', () => {
  assert.equal(translatePythonRegex(String.raw`\d`).source, String.raw`\p{Nd}`);
  assert.equal(translatePythonRegex(String.raw`\w`).source, String.raw`[_\p{L}\p{N}]`);
  assert.equal(translatePythonRegex(String.raw`(?a)\d`).source, '[0-9]');
});

test('a global (?i) becomes the RE2 flag i', () => {
  const t = translatePythonRegex('(?i)abc');
  assert.equal(t.source, 'abc');
  assert.equal(t.flags, 'i');
});

test('a one-character negative look-ahead is rewritten as a class', () => {
  const t = translatePythonRegex('(?:(?!x).)*');
  assert.equal(t.method, 'rewritten');
  assert.equal(t.source, String.raw`(?:[^\nx])*`);
});

test('the sshd conditionals and tempered tokens translate exactly without checks', () => {
  const pattern = String.raw`^Failed \S+ for (?P<cond_inv>invalid user )?(?P<user>(?P<cond_user>\S+)|(?(cond_inv)(?:(?! from ).)*?|[^:]+)) from (?P<host>\S+)(?: port \d+)?(?(cond_user): |(?:(?:(?! from ).)*)$)`;
  const t = translatePythonRegex(pattern);
  assert.equal(t.method, 'rewritten');
  assert.deepEqual(t.checks, []);
});

test('a back-reference to an unbounded group becomes a check that is not exact', () => {
  const t = translatePythonRegex(String.raw`(?P<w>\w+) (?P=w)`);
  assert.equal(t.method, 'checked');
  assert.equal(t.checks[0]?.kind, 'backreference');
  assert.equal(t.checks[0]?.exact, false);
  assert.ok(t.notes.some((n) => n.includes('not exact')));
});

test('a look-ahead inside a repetition that no rewrite removes is an error naming it and its offset', () => {
  assert.throws(
    () => translatePythonRegex(String.raw`(?:a(?=\w+b)c)*`),
    (e: unknown) =>
      e instanceof Fail2nftError &&
      e.code === 'F2N_ERR_REGEX_UNSUPPORTED' &&
      e.details.construct === String.raw`(?=\w+b)` &&
      e.details.offset === 4,
  );
});

test('atomic groups and possessive quantifiers are errors', () => {
  for (const p of ['(?>a)b', 'a*+b']) {
    assert.throws(
      () => translatePythonRegex(p),
      (e: unknown) => e instanceof Fail2nftError && e.code === 'F2N_ERR_REGEX_UNSUPPORTED',
    );
  }
});

test('repetition counts above RE2 limit are errors', () => {
  assert.throws(() => translatePythonRegex('a{1001}'), /limit of 1000/);
});

test('what Python rejects is a syntax error', () => {
  assert.throws(
    () => translatePythonRegex('a(?i)b'),
    (e: unknown) => e instanceof Fail2nftError && e.code === 'F2N_ERR_REGEX_SYNTAX',
  );
});

test('\\b adds a note that RE2 word boundaries are ASCII', () => {
  assert.ok(translatePythonRegex(String.raw`\bx`).notes.some((n) => n.includes('ASCII')));
  assert.ok(!translatePythonRegex(String.raw`(?a)\bx`).notes.some((n) => n.includes('ASCII')));
});

test('a look-ahead that ends the pattern moves the match end into a marker group', () => {
  const t = translatePythonRegex('a(?=bc)');
  assert.equal(t.method, 'rewritten');
  assert.equal(t.matchEndGroups.length, 1);
  const match = compileTranslation(t, { withIndices: true }).exec('xabc');
  assert.deepEqual(match?.indices?.[t.matchEndGroups[0] ?? -1], [2, 2]);
});

test('required literals come with the translation', () => {
  assert.deepEqual(translatePythonRegex('foo(?:bar|baz)qux').requiredLiterals[0], ['foobarqux', 'foobazqux']);
});

test('MULTILINE anchors print in a scoped (?m:...) so that the source needs no m flag', () => {
  const t = translatePythonRegex('^a$', { multiline: true });
  assert.equal(t.source, '(?m:^)a(?m:$)');
  assert.equal(t.flags, '');
});

test('asciiClasses gives \\d \\w \\s their ASCII meaning throughout', () => {
  const t = translatePythonRegex(String.raw`\w+ \d`, { asciiClasses: true });
  assert.equal(t.source, String.raw`[0-9A-Z_a-z]+ [0-9]`);
  assert.equal(compileTranslation(t).exec('über 1')?.[0], 'ber 1');
});
