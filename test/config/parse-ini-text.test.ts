import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIniText } from '../../src/config/parse-ini-text.js';
import { ProblemList } from '../../src/config/config-problem.js';

function parse(text: string) {
  const problems = new ProblemList();
  const file = parseIniText(text, 'x.conf', problems);
  const value = (section: string, key: string) =>
    (section === 'DEFAULT' ? file.defaults : file.sections.get(section)?.options)?.get(key)?.value;
  return { file, problems: problems.items, value };
}

test('both = and : separate a key from its value, the first one wins', () => {
  const { value } = parse('[s]\na = 1\nb: 2\nc = x:y=z\nd: u=v\n');
  assert.equal(value('s', 'a'), '1');
  assert.equal(value('s', 'b'), '2');
  assert.equal(value('s', 'c'), 'x:y=z');
  assert.equal(value('s', 'd'), 'u=v');
});

test('keys are lower-cased, section names keep their case', () => {
  const { file, value } = parse('[MySection]\nFailRegex = x\n');
  assert.ok(file.sections.has('MySection'));
  assert.equal(value('MySection', 'failregex'), 'x');
});

test('indented lines continue a value, joined by newlines and stripped', () => {
  const { value } = parse('[s]\nfailregex = ^one$\n            ^two$\n\t^three$\nnext = 1\n');
  assert.equal(value('s', 'failregex'), '^one$\n^two$\n^three$');
  assert.equal(value('s', 'next'), '1');
});

test('blank lines inside a value are kept, trailing ones dropped', () => {
  const { value } = parse('[s]\na = 1\n\n  2\n\n\nb = 3\n');
  assert.equal(value('s', 'a'), '1\n\n2');
});

test('full-line comments start with # or ;, also inside a continued value', () => {
  const { value } = parse('# top\n; also\n[s]\na = 1\n    # not a value line\n    ; nor this\n    2\n');
  assert.equal(value('s', 'a'), '1\n2');
});

test('an inline comment needs white space before ; and # is never inline', () => {
  const { value } = parse('[s]\na = x ; comment\nb = x;y\nc = x # kept\nd = ;\n');
  assert.equal(value('s', 'a'), 'x');
  assert.equal(value('s', 'b'), 'x;y');
  assert.equal(value('s', 'c'), 'x # kept');
  assert.equal(value('s', 'd'), '');
});

test('[DEFAULT] is kept apart from the sections', () => {
  const { file, value } = parse('[DEFAULT]\nx = 1\n[s]\ny = 2\n');
  assert.equal(value('DEFAULT', 'x'), '1');
  assert.equal(file.sections.has('DEFAULT'), false);
  assert.equal(value('s', 'x'), undefined);
});

test('an empty value is allowed and percent signs are kept raw', () => {
  const { value } = parse('[s]\nempty =\np = 100%% %(x)s\n');
  assert.equal(value('s', 'empty'), '');
  assert.equal(value('s', 'p'), '100%% %(x)s');
});

test('a duplicate key in one section of one file is an error naming the line', () => {
  const { problems } = parse('[s]\na = 1\nb = 2\nA = 3\n');
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.code, 'F2N_ERR_CONFIG_DUPLICATE_KEY');
  assert.equal(problems[0]?.line, 4);
  assert.match(problems[0]?.message ?? '', /already set at line 2/);
});

test('the same key in different sections is fine', () => {
  const { problems } = parse('[a]\nx = 1\n[b]\nx = 2\n');
  assert.deepEqual(problems, []);
});

test('a duplicate section in one file is an error', () => {
  const { problems } = parse('[a]\nx = 1\n[a]\ny = 2\n');
  assert.equal(problems[0]?.code, 'F2N_ERR_CONFIG_DUPLICATE_SECTION');
  assert.equal(problems[0]?.line, 3);
});

test('a line without a delimiter is a syntax error with its line number', () => {
  const { problems } = parse('[s]\na = 1\nthis is not an option\n');
  assert.equal(problems[0]?.code, 'F2N_ERR_CONFIG_SYNTAX');
  assert.equal(problems[0]?.line, 3);
});

test('an option before any section is a syntax error', () => {
  const { problems } = parse('a = 1\n[s]\n');
  assert.equal(problems[0]?.code, 'F2N_ERR_CONFIG_SYNTAX');
  assert.equal(problems[0]?.line, 1);
});

test('each value remembers its file and first line', () => {
  const { file } = parse('[s]\n\na = 1\n  2\n');
  assert.deepEqual(file.sections.get('s')?.options.get('a'), { value: '1\n2', file: 'x.conf', line: 3 });
});

test('CRLF line endings read like LF', () => {
  const { value } = parse('[s]\r\na = 1\r\n  2\r\n');
  assert.equal(value('s', 'a'), '1\n2');
});

test('conditional section headers are read as written', () => {
  const { file } = parse('[Init?family=inet6]\nblocktype = x\n');
  assert.ok(file.sections.has('Init?family=inet6'));
});
