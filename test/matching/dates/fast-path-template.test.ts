import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MatchRecord, type DateTemplate } from '../../../src/matching/dates/date-template.js';
import { withFastPath } from '../../../src/matching/dates/fast-path-template.js';

function fake(calls: string[]): DateTemplate {
  return {
    name: 'inner',
    weight: 100,
    lineBegin: true,
    anchored: true,
    search(_line, from): boolean {
      calls.push(`inner@${from}`);
      return false;
    },
  };
}

test('the parser answers searches from position 0; the template answers the rest and the unsure cases', () => {
  const calls: string[] = [];
  const sure = withFastPath(fake(calls), (_line, _limit, _y, out) => {
    calls.push('fast');
    out.dateEnd = 3;
    return true;
  });
  const out = new MatchRecord();
  assert.equal(sure.search('abc', 0, 3, 2029, out), true);
  assert.equal(sure.search('abc', 1, 3, 2029, out), false);
  const unsure = withFastPath(fake(calls), () => {
    calls.push('unsure');
    return false;
  });
  assert.equal(unsure.search('abc', 0, 3, 2029, out), false);
  assert.deepEqual(calls, ['fast', 'inner@1', 'unsure', 'inner@0']);
  assert.deepEqual([sure.name, sure.weight, sure.lineBegin, sure.anchored], ['inner', 100, true, true]);
});
