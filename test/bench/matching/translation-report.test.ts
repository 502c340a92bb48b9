// The translation report over real filter directories: Debian's stock filters (when fail2ban is
// installed) and our bundled ones translate for RE2 with no error, and the method counts add up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { loadFilterVariants } from '../../../bench/matching/load-filter-variants.js';
import { surveyTranslations, type TranslationSurvey } from '../../../bench/matching/survey-translations.js';
import { bundledConfigDir } from '../../support/project-paths.js';

const debian = '/etc/fail2ban';
const skipDebian =
  existsSync(`${debian}/filter.d`) || process.env.CI === 'true'
    ? false
    : 'fail2ban (Debian package) is not installed: apt-get install fail2ban';

function assertCountsAddUp(survey: TranslationSurvey): void {
  const s = survey.summary;
  assert.equal(s.total, survey.regexes.length, 'one result per distinct regex');
  assert.equal(s.direct + s.rewritten + s.checked + s.errors, s.total);
  const keys = new Set(survey.regexes.map((r) => `${r.role}/${r.multiline}/${r.regex}`));
  assert.equal(keys.size, survey.regexes.length, 'regexes are distinct');
}

function errorsOf(survey: TranslationSurvey): string[] {
  return survey.regexes.flatMap((r) =>
    'error' in r.outcome ? [`${r.uses[0]?.filter ?? '?'}: ${r.outcome.error.message}`] : [],
  );
}

test("Debian's filters translate in every mode with zero errors", { skip: skipDebian }, () => {
  const loaded = loadFilterVariants(debian);
  assert.deepEqual(loaded.failures, [], 'every filter loads in every mode');
  const survey = surveyTranslations(loaded.variants, 'warn');
  assert.deepEqual(errorsOf(survey), []);
  assertCountsAddUp(survey);
  assert.ok(survey.filters.length > 80, `only ${survey.filters.length} filters`);
  assert.ok(survey.summary.total > 200, `only ${survey.summary.total} regexes`);
  const postfix = survey.filters.find((f) => f.filter === 'postfix');
  assert.ok(postfix?.modes.includes('auth') && postfix.modes.includes('ddos'), 'postfix modes found');
});

test("Debian's filters translate with zero errors with usedns = no too", { skip: skipDebian }, () => {
  const survey = surveyTranslations(loadFilterVariants(debian).variants, 'no');
  assert.deepEqual(errorsOf(survey), []);
  assertCountsAddUp(survey);
});

test('the bundled filters load in every mode and translate with zero errors', () => {
  const loaded = loadFilterVariants(bundledConfigDir);
  assert.deepEqual(loaded.failures, []);
  const survey = surveyTranslations(loaded.variants, 'warn');
  assert.deepEqual(errorsOf(survey), []);
  assertCountsAddUp(survey);
  assert.ok(survey.filters.some((f) => f.filter === 'postfix' && f.modes.length > 3));
});
