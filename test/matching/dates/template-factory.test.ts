import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MatchRecord } from '../../../src/matching/dates/date-template.js';
import { text } from '../../../src/matching/dates/pattern-ast.js';
import { SLOT_MARK } from '../../../src/matching/dates/pattern-parser.js';
import { buildTemplate, type TemplateSource } from '../../../src/matching/dates/template-factory.js';

const base: TemplateSource = {
  name: 't',
  text: '',
  directives: true,
  markers: true,
  begin: 'word',
  wordEnd: true,
  value: { kind: 'fields' },
};

function spans(source: Partial<TemplateSource>, line: string): number[] | null {
  const template = buildTemplate({ ...base, ...source });
  const out = new MatchRecord();
  return template.search(line, 0, line.length, 2029, out)
    ? [out.start, out.end, out.dateStart, out.dateEnd]
    : null;
}

test('the whole match and the cut span are told apart', () => {
  assert.deepEqual(spans({ text: '^at (%Y-%m-%d) x' }, 'at 2024-03-09 x'), [0, 15, 3, 13]);
  // Like fail2ban, the pattern is stripped: a trailing space is not part of it.
  assert.deepEqual(spans({ text: '^at (%Y-%m-%d) ' }, 'at 2024-03-09 x'), [0, 13, 3, 13]);
  assert.deepEqual(spans({ text: '%Y-%m-%d' }, 'x 2024-03-09 y'), [2, 12, 2, 12]);
});

test('the cut span is group 1 even when that is a named group (fail2ban looks for "(" in the text)', () => {
  // The "(" inside [...] counts as an unnamed group, so nothing is wrapped and group 1 is x.
  assert.deepEqual(spans({ text: '(?P<x>[\\[(])?%H:%M(?(x)[\\])]|)' }, '[07:05] x'), [0, 7, 0, 1]);
  assert.deepEqual(spans({ text: '^(?P<x>a)(%Y)' }, 'a2024'), [0, 5, 0, 1]);
});

test('word boundaries: the date may not start or end inside a word', () => {
  assert.equal(spans({ text: '%Y%m%d' }, 'x20240309'), null);
  assert.equal(spans({ text: '%Y%m%d' }, '20240309x'), null);
  assert.deepEqual(spans({ text: '%Y%m%d', begin: false, wordEnd: false }, 'x20240309x'), [1, 9, 1, 9]);
});

test('a line-begin template allows two non-word characters before the date, which stay in the line', () => {
  assert.deepEqual(spans({ text: '{^LN-BEG}%Y' }, '[(2024) x'), [0, 6, 2, 6]);
  assert.equal(spans({ text: '{^LN-BEG}%Y' }, 'x 2024'), null);
});

test('slots carry a template body written as nodes; the anchoring flags follow the text', () => {
  const template = buildTemplate({ ...base, text: `{^LN-BEG}${SLOT_MARK}`, slot: () => text('abc') });
  assert.deepEqual([template.lineBegin, template.anchored], [true, true]);
  const loose = buildTemplate({ ...base, text: SLOT_MARK, slot: () => text('abc') });
  assert.deepEqual([loose.lineBegin, loose.anchored], [false, false]);
  assert.equal(buildTemplate({ ...base, text: 'x$' }).anchored, true);
});

test('word directives make the whole pattern ignore case, other letters included', () => {
  assert.deepEqual(spans({ text: 'at %b %d' }, 'AT MAR 09'), [0, 9, 0, 9]);
  assert.equal(spans({ text: 'at %m %d' }, 'AT 03 09'), null);
});
