import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compoundGroups, hasFailureIdGroup } from '../../../src/matching/regex/failregex-group-names.js';

test('alt_ and tuple_ names map to their targets, sorted by name', () => {
  assert.deepEqual(compoundGroups(['user', 'alt_user_2', 'alt_user', 'tuple_id', 'alt_user1']), {
    alternates: [
      { source: 'alt_user', target: 'user' },
      { source: 'alt_user1', target: 'user1' },
      { source: 'alt_user_2', target: 'user' },
    ],
    tuples: [{ source: 'tuple_id', target: 'fid' }],
  });
});

test('a failure id is any of fid, ip4, ip6, dns or mlfid', () => {
  assert.ok(hasFailureIdGroup(['user', 'mlfid']));
  assert.ok(!hasFailureIdGroup(['user', 'content']));
});
