import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FilterSettings } from '../../../src/config/config-types.js';
import type { FilterVariant } from '../../../bench/matching/load-filter-variants.js';
import { surveyTranslations } from '../../../bench/matching/survey-translations.js';

function variant(filter: string, mode: string | undefined, settings: Partial<FilterSettings>): FilterVariant {
  return {
    filter,
    mode,
    settings: {
      name: filter,
      params: {},
      files: [],
      failregex: [],
      ignoreregex: [],
      maxlines: 1,
      journalmatch: [],
      ...settings,
    },
  };
}

test('a regex used by several filters and modes is counted once, with every use', () => {
  const survey = surveyTranslations(
    [
      variant('a', 'normal', { failregex: ['^bad login from <HOST>$'] }),
      variant('a', 'extra', { failregex: ['^bad login from <HOST>$', '^probe from <HOST>$'] }),
      variant('b', undefined, { failregex: ['^bad login from <HOST>$'] }),
    ],
    'no',
  );
  assert.equal(survey.summary.total, 2);
  assert.equal(survey.regexes.length, 2);
  assert.deepEqual(
    survey.regexes[0]?.uses.map((u) => `${u.filter}/${u.mode ?? '-'}#${u.index}`),
    ['a/normal#0', 'a/extra#0', 'b/-#0'],
  );
  assert.deepEqual(survey.filters, [
    { filter: 'a', modes: ['normal', 'extra'] },
    { filter: 'b', modes: [] },
  ]);
});

test('the same text in another role, or multi-line as a failregex, is another regex', () => {
  const survey = surveyTranslations(
    [
      variant('a', undefined, { failregex: ['^x <HOST>$'], ignoreregex: ['^x <HOST>$'] }),
      variant('b', undefined, { failregex: ['^x <HOST>$'], ignoreregex: ['^x <HOST>$'], maxlines: 2 }),
    ],
    'no',
  );
  assert.deepEqual(
    survey.regexes.map((r) => `${r.role}${r.multiline ? '/m' : ''}`),
    ['failregex', 'ignoreregex', 'failregex/m'],
  );
});

test('every outcome is counted: direct, rewritten, checked and errors add up to the total', () => {
  const survey = surveyTranslations(
    [
      variant('a', undefined, {
        prefregex: '^(?!debug)\\S+ <F-CONTENT>.+</F-CONTENT>$',
        failregex: [
          '^fail <HOST>$',
          '^(?P<w>\\w+) again \\1 <HOST>$',
          '^bad (?<=x <HOST>$',
          '^late(?=x) <HOST>$',
        ],
      }),
    ],
    'no',
  );
  const s = survey.summary;
  assert.equal(s.direct + s.rewritten + s.checked + s.errors, s.total);
  assert.equal(s.total, 5);
  const errors = survey.regexes.filter((r) => 'error' in r.outcome);
  assert.equal(errors.length, s.errors);
  assert.ok(s.errors >= 1, 'the unbalanced group is an error, listed, not dropped');
  const first = errors[0]?.outcome;
  assert.ok(first !== undefined && 'error' in first && first.error.code === 'F2N_ERR_REGEX_SYNTAX');
});

test('a filter without failregex in any mode is listed apart', () => {
  const survey = surveyTranslations([variant('common', undefined, {})], 'warn');
  assert.deepEqual(survey.withoutRegexes, ['common']);
  assert.deepEqual(survey.filters, []);
  assert.equal(survey.summary.total, 0);
});
