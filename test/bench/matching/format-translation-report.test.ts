import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeUses, formatSurveyReport } from '../../../bench/matching/format-translation-report.js';
import { surveyTranslations } from '../../../bench/matching/survey-translations.js';
import type { FilterVariant } from '../../../bench/matching/load-filter-variants.js';

function variant(filter: string, mode: string | undefined, failregex: string[]): FilterVariant {
  return {
    filter,
    mode,
    settings: {
      name: filter,
      params: {},
      files: [],
      failregex,
      ignoreregex: [],
      maxlines: 1,
      journalmatch: [],
    },
  };
}

test('uses are grouped by filter with their modes and 1-based positions', () => {
  assert.equal(
    describeUses([
      { filter: 'postfix', mode: 'auth', index: 0 },
      { filter: 'postfix', mode: 'extra', index: 0 },
      { filter: 'sshd', mode: undefined, index: 3 },
    ]),
    'postfix[auth, extra] #1; sshd #4',
  );
});

test('the report counts methods and lists checked regexes with their constructs in code spans', () => {
  const survey = surveyTranslations(
    [variant('demo', 'normal', ['^ok <HOST>$', '^(?P<u>\\w+) said `\\1` from <HOST>|x'])],
    'no',
  );
  const text = formatSurveyReport({ title: 'Demo', survey, loadFailures: [], includeOnly: [] });
  assert.match(text, /^## Demo$/m);
  assert.match(text, /\| \*\*total\*\* \| \*\*2\*\* \|/);
  assert.match(text, /### Checked after the match \(1\)/);
  assert.match(text, /\| backreference `\\1` \(not exact\) \|/);
  // A pipe in a regex would end the table cell; a backtick needs a longer fence.
  assert.match(text, /``\^\(\?P<u>\\w\+\) said `\\1` from <HOST>\\\|x``/);
});

test('load failures and include-only files are reported, not dropped', () => {
  const survey = surveyTranslations([], 'warn');
  const text = formatSurveyReport({
    title: 'Demo',
    survey,
    loadFailures: [{ filter: 'broken', mode: 'auth', problems: ['f.conf:3: bad'] }],
    includeOnly: [{ filter: 'x-common', mode: undefined, problems: ['needs _type'] }],
  });
  assert.match(text, /- broken\[mode=auth\]: f\.conf:3: bad/);
  assert.match(text, /do not load on their own .*: x-common\./);
});
