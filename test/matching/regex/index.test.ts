import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as regex from '../../../src/matching/regex/index.js';

test('the folder exports the compiler, the translator and the summary', () => {
  assert.equal(typeof regex.compileFailregex, 'function');
  assert.equal(typeof regex.translatePythonRegex, 'function');
  assert.equal(typeof regex.summarizeTranslations, 'function');
  assert.deepEqual(regex.FAILURE_ID_GROUPS, ['fid', 'ip4', 'ip6', 'dns']);
});
