// The log lines kept with a ban.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillBanStoreOptions } from '../../src/persistence/store-options.js';
import { trimMatches } from '../../src/persistence/trim-matches.js';

test('the latest maxMatches lines are kept, each cut to maxMatchLength', () => {
  const options = fillBanStoreOptions({ maxMatches: 2, maxMatchLength: 4 });
  assert.deepEqual(trimMatches(['aaaaaa', 'bb', 'cccccc'], options), ['bb', 'cccc']);
});

test('no lines, an empty list or maxMatches 0 store nothing', () => {
  assert.equal(trimMatches(undefined, fillBanStoreOptions()), undefined);
  assert.equal(trimMatches([], fillBanStoreOptions()), undefined);
  assert.equal(trimMatches(['a'], fillBanStoreOptions({ maxMatches: 0 })), undefined);
});

test("the default keeps fail2ban's 10 lines", () => {
  const lines = Array.from({ length: 12 }, (_, i) => `line ${i}`);
  assert.deepEqual(trimMatches(lines, fillBanStoreOptions()), lines.slice(2));
});
