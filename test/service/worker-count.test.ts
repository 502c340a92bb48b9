import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerCount } from '../../src/service/worker-count.js';

test('auto leaves one core to the main thread and nft, with at least one worker and at most eight', () => {
  assert.equal(workerCount(0, 1), 1);
  assert.equal(workerCount(0, 2), 1);
  assert.equal(workerCount(0, 4), 3);
  assert.equal(workerCount(0, 64), 8);
});

test('a configured number of workers is taken as it is', () => {
  assert.equal(workerCount(2, 2), 2);
  assert.equal(workerCount(12, 4), 12);
});
