import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../src/core/errors.js';
import { createOptionRules } from '../../src/core/option-rules.js';

const rules = createOptionRules('F2N_ERR_SOURCE_BAD_OPTION');

test('each check names the owner, the option, what it must be and what it got, with the bound code', () => {
  assert.equal(rules.checkInteger('file source', 'pollIntervalMs', 50, 10, 100), 50);
  assert.equal(rules.checkOneOf('file source', 'startAt', 'tail', ['head', 'tail']), 'tail');
  assert.equal(rules.checkPattern('nft', 'netns', 'ns-1', /^[a-z0-9-]+$/, 'a name'), 'ns-1');
  assert.throws(
    () => rules.checkInteger('file source', 'pollIntervalMs', 5, 10, 100),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_SOURCE_BAD_OPTION' &&
      error.message === 'file source: option pollIntervalMs must be an integer from 10 to 100 (got 5)',
  );
  assert.throws(
    () => rules.checkOneOf('file source', 'startAt', 'middle', ['head', 'tail']),
    /must be one of 'head', 'tail' \(got "middle"\)/,
  );
  assert.throws(() => rules.checkPattern('nft', 'netns', 'a b', /^\S+$/, 'a name'), /must be a name/);
});
