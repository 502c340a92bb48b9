import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRate, formatServiceBench } from '../../../bench/service/format-service-bench.js';
import type { ServiceBenchReport, SideResult } from '../../../bench/service/service-bench-results.js';
import { compareBans } from '../../../bench/service/ban-comparison.js';

const jails = ['postfix', 'dovecot'];

function side(tool: 'fail2nft' | 'fail2ban', seconds: number, bans: Record<string, string[]>): SideResult {
  return {
    tool,
    setup: `${tool} setup`,
    lines: 1_000_000,
    bytes: 2 ** 27,
    t0Ms: 1000,
    writerDoneMs: 1200,
    doneMs: 1000 + seconds * 1000,
    failures: { postfix: 10, dovecot: 5 },
    bans,
    cpuSec: seconds,
    childCpuSec: 0,
    startupCpuSec: 0.3,
    peakRssMiB: 100,
    notes: [],
  };
}

function report(sides: SideResult[]): ServiceBenchReport {
  const [ours, theirs] = sides;
  return {
    startedAt: '2026-11-21T12:00:00.000Z',
    command: 'node dist/bench/service/run.js',
    machine: {
      cpuModel: 'Test CPU',
      cores: 2,
      memoryGiB: 8,
      kernel: '6.1',
      loadAverage: [0.5, 0.4, 0.3],
      node: 'v20.0.0',
      re2: '1.24.0',
      piscina: '5.3.2',
      fail2ban: '1.0.2',
    },
    corpus: { path: 'bench/data/mail.log', lines: 1_000_000, bytes: 2 ** 27 },
    truthFailures: { postfix: 10, dovecot: 5 },
    sides,
    banComparison: ours !== undefined && theirs !== undefined ? compareBans(jails, ours, theirs) : undefined,
    skipped: [],
  };
}

test('rates are shown with k and M', () => {
  assert.equal(formatRate(1_250_000), '1.25M');
  assert.equal(formatRate(21_400), '21.4k');
  assert.equal(formatRate(512), '512');
});

test('the table has a row per service, the ratios and the target, and identical decisions say so', () => {
  const text = formatServiceBench(
    report([
      side('fail2nft', 0.5, { postfix: ['192.0.2.1'], dovecot: [] }),
      side('fail2ban', 50, { postfix: ['192.0.2.1'], dovecot: [] }),
    ]),
    jails,
  );
  assert.match(
    text,
    /\| fail2nft \| 1000000 \| 0\.50 \| 2\.00M \| 0\.20 \| 10 \/ 5 \(= truth\) \| 1 \/ 0 \| 0\.50 \| 100 \|/,
  );
  assert.match(text, /\| fail2ban \| 1000000 \| 50\.00 \| 20\.0k \|/);
  assert.match(text, /fail2nft \/ fail2ban: 100x the lines\/s, 0\.01x the CPU seconds, 1\.00x the peak RSS/);
  assert.match(text, /Target 1\.00M lines\/s end to end: met/);
  assert.match(text, /- postfix: identical \(1 bans, 10 failures\)/);
});

test('differing decisions list the addresses of each side', () => {
  const text = formatServiceBench(
    report([
      side('fail2nft', 2, { postfix: ['192.0.2.1', '192.0.2.2'], dovecot: [] }),
      side('fail2ban', 50, { postfix: ['192.0.2.2', '192.0.2.3'], dovecot: [] }),
    ]),
    jails,
  );
  assert.match(text, /Target 1\.00M lines\/s end to end: not met \(500\.0k\)/);
  assert.match(text, /- postfix: DIFFERENT/);
  assert.match(text, /banned only by fail2nft: 192\.0\.2\.1/);
  assert.match(text, /banned only by fail2ban: 192\.0\.2\.3/);
});
