import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeTranslations } from '../../../src/matching/regex/summarize-translations.js';
import { translatePythonRegex } from '../../../src/matching/regex/translate-python-regex.js';

function attempt(pattern: string) {
  try {
    return translatePythonRegex(pattern);
  } catch (e) {
    return e as Error;
  }
}

test('outcomes are counted by method, with failing constructs and check kinds', () => {
  const summary = summarizeTranslations(
    ['a', '(?!x).', String.raw`(\w+) \1`, '(?:a(?=b+c)d)*', 'a(?i)b'].map(attempt),
  );
  assert.equal(summary.total, 5);
  assert.deepEqual([summary.direct, summary.rewritten, summary.checked, summary.errors], [1, 1, 1, 2]);
  assert.equal(summary.inexactChecks, 1);
  assert.deepEqual(summary.checkKinds, { backreference: 1 });
  assert.deepEqual(summary.errorConstructs.F2N_ERR_REGEX_UNSUPPORTED, { '(?=b+c)': 1 });
  assert.equal(Object.keys(summary.errorConstructs.F2N_ERR_REGEX_SYNTAX ?? {}).length, 1);
});
