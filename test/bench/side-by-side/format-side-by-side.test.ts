import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatKernelComparison,
  formatSideBySide,
  histogramQuantile,
} from '../../../bench/side-by-side/format-side-by-side.js';
import type { SideBySideReport, SideRun } from '../../../bench/side-by-side/side-results.js';

function run(tool: SideRun['tool'], seconds: number, extra: Partial<SideRun> = {}): SideRun {
  return {
    tool,
    run: 'mail',
    setup: '',
    pacedLinesPerSec: undefined,
    lines: 1000,
    bytes: 100_000,
    t0Ms: 1000,
    writerDoneMs: 1001,
    endMs: 1000 + seconds * 1000,
    failures: { postfix: 10 },
    kernelBans: { postfix: 2 },
    kernelAddresses: { postfix: ['192.0.2.1', '192.0.2.2'] },
    kernelCheck: { method: 'listed', checked: 2, missing: 0 },
    latency: { bans: 2, unattributed: 0, p50Ms: 12, p99Ms: 40, maxMs: 40 },
    serviceLatency: undefined,
    cpuSec: seconds,
    childCpuSec: 0.1,
    peakRssMiB: tool === 'fail2nft' ? 150 : 30,
    liveHeapMiB: undefined,
    notes: [],
    ...extra,
  };
}

const machine = {
  cpuModel: 'Test CPU',
  cores: 2,
  memoryGiB: 4,
  kernel: '6.0',
  loadAverage: [1, 1, 1],
  node: 'v20',
  re2: '1',
  piscina: '5',
  fail2ban: '1.0.2',
};

test('the report gives each run, the ratio and the targets', () => {
  const report: SideBySideReport = {
    startedAt: '2026-11-21T00:00:00Z',
    command: 'node dist/bench/side-by-side/run.js',
    machine,
    nft: 'nftables v1.0.6',
    scenarios: [
      {
        scenario: 'mail',
        corpus: 'bench/data/mail.log',
        jails: ['postfix'],
        maxretry: 5,
        runs: [run('fail2nft', 0.5), run('fail2ban', 50)],
        comparison: [
          {
            jail: 'postfix',
            ours: 2,
            theirs: 2,
            onlyOurs: [],
            onlyTheirs: [],
            oursFailures: 10,
            theirsFailures: 10,
          },
        ],
        knownDifference: 'explained here',
        skipped: [],
      },
    ],
  };
  const text = formatSideBySide(report);
  assert.match(
    text,
    /\| mail \| fail2nft \| full speed \| 1000 \| 0\.50 \| 2\.0k \| 2 \(listed 2 ok\) \| 12 ms \/ 40 ms \| 0\.5 \+ 0\.1 \| 150 \|/,
  );
  assert.match(text, /fail2nft \/ fail2ban 100x the lines\/s/);
  assert.match(text, /mail end to end ≥ 50x fail2ban: met \(100x\)/);
  assert.match(text, /postfix: the same 2 addresses banned in both kernels; same failure count \(10\)/);
  assert.doesNotMatch(text, /explained here/);
  assert.match(text, /Test CPU, 2 cores/);
});

test('a histogram quantile is the bound of the first bucket that holds the fraction', () => {
  const buckets = [
    { le: 0.005, count: 10 },
    { le: 0.025, count: 99 },
    { le: 0.1, count: 100 },
    { le: null, count: 100 },
  ];
  assert.equal(histogramQuantile(buckets, 0.5), '≤ 25 ms');
  assert.equal(histogramQuantile(buckets, 0.99), '≤ 25 ms');
  assert.equal(histogramQuantile(buckets, 1), '≤ 100 ms');
  assert.equal(histogramQuantile([{ le: null, count: 0 }], 0.5), '-');
  assert.equal(
    histogramQuantile(
      [
        { le: 0.1, count: 0 },
        { le: null, count: 3 },
      ],
      0.5,
    ),
    '> 10 s',
  );
});

test('differing bans are listed, and a differing count brings the documented explanation', () => {
  const text = formatKernelComparison([
    { jail: 'sshd', ours: 2, theirs: 2, onlyOurs: [], onlyTheirs: [], oursFailures: 10, theirsFailures: 12 },
    {
      jail: 'dovecot',
      ours: 1,
      theirs: 1,
      onlyOurs: ['192.0.2.1'],
      onlyTheirs: ['192.0.2.2'],
      oursFailures: 5,
      theirsFailures: 5,
    },
  ]);
  assert.match(
    text,
    /sshd: the same 2 addresses banned in both kernels; failures fail2nft 10 \/ fail2ban 12/,
  );
  assert.match(
    text,
    /dovecot: DIFFERENT bans \(fail2nft 1 \/ fail2ban 1\); same failure count \(5\)\n {2}- only fail2nft: 192\.0\.2\.1\n {2}- only fail2ban: 192\.0\.2\.2/,
  );
});
