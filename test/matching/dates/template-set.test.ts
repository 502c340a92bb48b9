import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../../src/core/errors.js';
import { defaultTemplateList } from '../../../src/matching/dates/default-templates.js';
import { compileDateTemplate, templatesForDatePattern } from '../../../src/matching/dates/template-set.js';

const names = (option: string | undefined): string[] => templatesForDatePattern(option).map((t) => t.name);

test('no datepattern gives all default templates; {DEFAULT} too', () => {
  assert.equal(templatesForDatePattern(undefined), defaultTemplateList());
  assert.deepEqual(
    names('{DEFAULT}'),
    defaultTemplateList().map((t) => t.name),
  );
});

test('{^LN-BEG} keeps the 17 templates anchored at the line start (any case, as a keyword)', () => {
  const anchored = names('{^LN-BEG}');
  assert.equal(anchored.length, 17);
  assert.deepEqual(names('{^ln-beg}'), anchored);
});

test('several patterns, one per line, add up in order; the default sets skip names already present', () => {
  const list = names('^%Y-%m-%d %H:%M:%S\n  \n{^LN-BEG}');
  assert.equal(list[0], '^%Y-%m-%d %H:%M:%S');
  assert.equal(list.length, 18);
  assert.deepEqual(names('{^LN-BEG}\n{^LN-BEG}'), names('{^LN-BEG}'));
});

test('{DATE} is replaced by each of the 17 default templates, in order', () => {
  const list = names('^[^\\[]*\\[({DATE})');
  assert.equal(list.length, 17);
  assert.equal(list[0], '^[^\\[]*\\[(YYYY-MM-DD hh:mm:ss[.ffffff][zone])');
  assert.equal(list[8], '^[^\\[]*\\[(hh:mm:ss)');
});

test('in a {DATE} pattern, Epoch and TAI64N are real templates only alone, after ^ or after {^LN-BEG}', () => {
  const kept = templatesForDatePattern('^{DATE}');
  const epoch = kept[7];
  assert.equal(epoch?.name, '{^LN-BEG}Epoch');
  const literal = templatesForDatePattern('^<W>{DATE}')[7];
  assert.equal(literal?.name, '^<W>Epoch');
});

test('keywords: EPOCH, LEPOCH and TAI64N, optionally line-anchored; {NONE}', () => {
  assert.deepEqual(names('EPOCH'), ['Epoch']);
  assert.deepEqual(names('^EPOCH'), ['{^LN-BEG}Epoch']);
  assert.deepEqual(names('{^LN-BEG}LEPOCH'), ['{^LN-BEG}LongEpoch']);
  assert.deepEqual(names('TAI64N'), ['TAI64N']);
  assert.deepEqual(names('{NONE}'), ['{NONE}']);
  assert.equal(compileDateTemplate('x {EPOCH}').name, 'x {EPOCH}');
});

test('the same pattern twice is an error; compiled patterns are shared', () => {
  assert.throws(
    () => templatesForDatePattern('%Y\n%Y'),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_DATE_PATTERN',
  );
  assert.equal(compileDateTemplate('%Y-%m'), compileDateTemplate('%Y-%m'));
});
