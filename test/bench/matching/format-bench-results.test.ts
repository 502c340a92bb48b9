import { test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  BenchReport,
  ComparisonResult,
  ThroughputResult,
} from '../../../bench/matching/bench-results.js';
import {
  formatBenchReport,
  formatThroughputTable,
  fail2banRatios,
} from '../../../bench/matching/format-bench-results.js';

function throughput(partial: Partial<ThroughputResult>): ThroughputResult {
  return {
    scenario: 'postfix',
    driver: 'source-matcher',
    threads: 1,
    log: 'mail',
    lines: 1_000_000,
    bytes: 136 * 2 ** 20,
    filters: ['postfix'],
    filterSource: 'bundled',
    runs: [0.5],
    seconds: 0.5,
    linesPerSecond: 2_000_000,
    linesPerSecondPerCore: 2_000_000,
    targetPerCore: 2_000_000,
    failures: [10],
    stable: true,
    truthFailures: [10],
    ...partial,
  };
}

function comparison(filter: string, fail2banRate: number): ComparisonResult {
  return {
    scenario: 'fail2ban-regex-mail',
    log: 'mail',
    lines: 200_000,
    filter,
    filterSource: 'bundled',
    fail2ban: { wallSeconds: 3, startupSeconds: 0.2, linesPerSecond: fail2banRate, failures: 5 },
    ours: [],
    targetRatio: 30,
  };
}

test('a throughput row says whether the target is met and whether the truth was found', () => {
  const [, , row] = formatThroughputTable([throughput({})]);
  assert.match(row ?? '', /\| 2\.00M \| 2\.00M \| 2\.00M met \| 10 = truth \|$/);
  const [, , missed] = formatThroughputTable([
    throughput({ linesPerSecondPerCore: 1e6, failures: [9], truthFailures: [10], stable: false }),
  ]);
  assert.match(missed ?? '', /2\.00M not met \| 9 ≠ truth 10 \(varied between runs!\) \|$/);
});

test("fail2ban's cost for a jail set is the sum of its filters' costs", () => {
  const set = throughput({
    scenario: 'mail-jail-set',
    filters: ['postfix', 'dovecot'],
    linesPerSecond: 1_000_000,
  });
  const report = {
    throughput: [set],
    comparisons: [comparison('postfix', 100_000), comparison('dovecot', 100_000)],
  } as unknown as BenchReport;
  // 1 / (1/100k + 1/100k) = 50k lines/s for both filters; ours is 20x that.
  assert.equal(
    fail2banRatios(report)[2],
    '| mail-jail-set | source-matcher | 1.00M | 50.0k, summed over 2 filters | 20.0x |',
  );
  const partial = { ...report, comparisons: [comparison('postfix', 100_000)] } as unknown as BenchReport;
  assert.deepEqual(fail2banRatios(partial), [], 'no ratio without every member measured');
});

test('the report names the machine, the drivers that could not run and the skipped scenarios', () => {
  const text = formatBenchReport({
    startedAt: '2026-01-01T00:00:00.000Z',
    machine: {
      cpuModel: 'Test CPU',
      cores: 2,
      memoryGiB: 4,
      kernel: '6.1',
      loadAverage: [0.1, 0.2, 0.3],
      node: 'v20.0.0',
      re2: '1.24.0',
      piscina: '5.3.2',
      fail2ban: undefined,
    },
    options: {},
    drivers: [
      { name: 'line-filter', available: true },
      { name: 'engine', available: false, reason: 'not built' },
    ],
    throughput: [throughput({})],
    comparisons: [],
    skipped: [{ scenario: 'fail2ban-regex-mail', reason: 'fail2ban-regex is not installed' }],
  });
  assert.match(text, /Test CPU, 2 cores.*re2 1\.24\.0.*fail2ban not installed/);
  assert.match(text, /engine \(unavailable: not built\)/);
  assert.match(text, /- fail2ban-regex-mail: fail2ban-regex is not installed/);
});
