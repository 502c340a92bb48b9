import { test } from 'node:test';
import assert from 'node:assert/strict';
import { medianRun } from '../../../bench/service/median-run.js';
import type { SideResult } from '../../../bench/service/service-bench-results.js';

function run(seconds: number, bans: string[] = ['192.0.2.1']): SideResult {
  return {
    tool: 'fail2nft',
    setup: 'test',
    lines: 100,
    bytes: 1000,
    t0Ms: 0,
    writerDoneMs: 1,
    doneMs: seconds * 1000,
    failures: { postfix: 5 },
    bans: { postfix: bans },
    cpuSec: 1,
    childCpuSec: 0,
    startupCpuSec: 0,
    peakRssMiB: 10,
    notes: [],
  };
}

test('one run stands for itself', () => {
  const only = run(2);
  assert.equal(medianRun([only]), only);
});

test('the median run is reported with every run time in run order', () => {
  const result = medianRun([run(3), run(1), run(2)]);
  assert.equal(result.doneMs, 2000);
  assert.deepEqual(result.runSeconds, [3, 1, 2]);
  assert.deepEqual(result.notes, []);
  assert.equal(medianRun([run(1), run(4), run(2), run(3)]).doneMs, 3000);
});

test('runs that decided differently are noted', () => {
  const result = medianRun([run(1), run(2, ['192.0.2.9']), run(3)]);
  assert.deepEqual(result.notes, ['runs 2 decided differently from run 1 (failures or bans)']);
});

test('no runs is an error', () => {
  assert.throws(() => medianRun([]), /at least one run/);
});
