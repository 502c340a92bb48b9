// fail2nft demo: the attack plan and its expected bans (checked against the bundled filters), the
// parsers and the report, the choice of mode, and the whole demo end to end — in a network namespace
// as root (CI is root), and as a dry run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mailJails, planAttack } from '../../src/cli/demo/attack-plan.js';
import { compareBans } from '../../src/cli/demo/ban-comparison.js';
import { chooseDemoMode, notRootNotice } from '../../src/cli/demo/demo-mode.js';
import { fillDemoOptions } from '../../src/cli/demo/demo-options.js';
import {
  formatLoggedStatus,
  formatSeconds,
  formatSummary,
  wrapWords,
} from '../../src/cli/demo/demo-report.js';
import { demoScenario } from '../../src/cli/demo/demo-scenario.js';
import { expectedBans } from '../../src/cli/demo/expected-bans.js';
import { bansInKernel, parseKernelTable } from '../../src/cli/demo/kernel-bans.js';
import { syslogPrefix } from '../../src/cli/demo/mail-log-lines.js';
import { bucketsOf, histogramQuantile, parseSamples } from '../../src/cli/demo/prometheus-text.js';
import { bansInServiceLog } from '../../src/cli/demo/service-log-bans.js';
import { Fail2nftError } from '../../src/core/errors.js';
import { kernelSkip } from '../firewall/support/netns.js';
import { bundledConfigDir } from '../support/project-paths.js';
import { runCliCaptured, type CliOutcome } from '../support/run-cli-captured.js';

const run = (...argv: string[]): Promise<CliOutcome> => runCliCaptured(argv);

// ---- mode and options -------------------------------------------------------------------------------

test('without root the demo runs as a dry run and says why', () => {
  assert.deepEqual(chooseDemoMode({ dryRunRequested: false, isRoot: false, missingTools: [] }), {
    kind: 'dry-run',
    notice: notRootNotice,
  });
  assert.match(
    notRootNotice,
    /^not root: running with --dry-run \(bans are decided and logged, nothing reaches the kernel\)$/,
  );
});

test('as root the demo uses a namespace, unless --dry-run is asked for or ip/nft are missing', () => {
  assert.deepEqual(chooseDemoMode({ dryRunRequested: false, isRoot: true, missingTools: [] }), {
    kind: 'namespace',
  });
  assert.deepEqual(chooseDemoMode({ dryRunRequested: true, isRoot: true, missingTools: [] }), {
    kind: 'dry-run',
  });
  const missing = chooseDemoMode({ dryRunRequested: false, isRoot: true, missingTools: ['nft'] });
  assert.equal(missing.kind, 'dry-run');
  assert.match(
    missing.kind === 'dry-run' ? (missing.notice ?? '') : '',
    /^nft not installed: running with --dry-run/,
  );
});

test('demo options have defaults and refuse values out of range with their own message', () => {
  assert.deepEqual(fillDemoOptions({}), { keep: false, dryRun: false, attackers: 50, durationMs: 5000 });
  assert.deepEqual(fillDemoOptions({ attackers: '8', seconds: '1.5', keep: true }), {
    keep: true,
    dryRun: false,
    attackers: 8,
    durationMs: 1500,
  });
  const usage = (options: Parameters<typeof fillDemoOptions>[0], message: RegExp): void => {
    assert.throws(
      () => fillDemoOptions(options),
      (error: unknown) =>
        error instanceof Fail2nftError && error.code === 'F2N_ERR_USAGE' && message.test(error.message),
    );
  };
  usage({ attackers: '0' }, /--attackers must be between 1 and 500, got 0/);
  usage({ attackers: '2.5' }, /--attackers must be a whole number/);
  usage({ seconds: '61' }, /--seconds must be between 0.2 and 60/);
  usage({ seconds: 'soon' }, /--seconds must be a number of seconds/);
});

test('the demo command reports a bad option as a usage error (exit 2)', async () => {
  const result = await run('demo', '--attackers', '9999');
  assert.equal(result.code, 2);
  assert.match(result.stderr, /fail2nft demo: --attackers must be between 1 and 500/);
});

// ---- the attack plan ----------------------------------------------------------------------------------

test('the same options give the same attack plan', () => {
  const a = demoScenario(20, 2000);
  const b = demoScenario(20, 2000);
  assert.deepEqual(a.plan, b.plan);
  assert.deepEqual(a.expected, b.expected);
});

test('attack lines stay inside the replay and come in time order', () => {
  const { plan } = demoScenario(50, 3000);
  assert.ok(
    plan.events.every(
      (e, i) => e.atMs >= 0 && e.atMs < 3000 && (i === 0 || (plan.events[i - 1]?.atMs ?? 0) <= e.atMs),
    ),
  );
  assert.equal(new Set(plan.attackers.map((a) => a.address)).size, 50, 'every attacker has its own address');
  assert.ok(
    plan.attackers.some((a) => a.address.includes(':')),
    'some attackers use IPv6',
  );
  for (const a of plan.attackers)
    assert.match(
      a.address,
      /^(?:203\.0\.113\.\d+|198\.51\.100\.\d+|2001:db8:[0-9a-f:]+)$/,
      'documentation ranges only',
    );
});

test('the expected bans leave out the ignored address and the attackers below maxretry', () => {
  const { plan, expected, settings } = demoScenario(50, 5000);
  const banned = new Set(expected.map((b) => b.address));
  assert.ok(!banned.has(settings.ignoredAddress));
  for (const attacker of plan.attackers)
    assert.equal(banned.has(attacker.address), attacker.role !== 'below-maxretry', attacker.address);
  const recidive = expected.filter((b) => b.jail === 'recidive').map((b) => b.address);
  const twoJails = plan.attackers.filter((a) => a.role === 'smtp-and-imap').map((a) => a.address);
  assert.deepEqual(new Set(recidive), new Set(twoJails));
  assert.equal(
    expected.length,
    50,
    'one ban per attacker at or over maxretry, plus recidive for the five in two jails',
  );
});

test('expectedBans counts failures per jail and address against maxretry', () => {
  const f = (jail: string, address: string, n: number) =>
    Array.from({ length: n }, () => ({ jail, address }));
  const bans = expectedBans(
    [
      ...f('a', '192.0.2.1', 3),
      ...f('b', '192.0.2.1', 3),
      ...f('a', '192.0.2.2', 2),
      ...f('a', '192.0.2.3', 9),
    ],
    {
      maxretry: { a: 3, b: 3 },
      ignored: new Set(['192.0.2.3']),
      recidive: { jail: 'r', maxretry: 2 },
    },
  );
  assert.deepEqual(bans, [
    { jail: 'a', address: '192.0.2.1' },
    { jail: 'b', address: '192.0.2.1' },
    { jail: 'r', address: '192.0.2.1' },
  ]);
});

test("each jail's bundled filter matches exactly the lines the plan marks as its failures", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-demo-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const plan = planAttack({
    attackers: 60,
    durationMs: 3000,
    maxretry: 5,
    ignoredAddress: '198.51.100.77',
    sessionsPerSecond: 20,
    seed: 7,
  });
  const log = join(dir, 'mail.log');
  const prefix = syslogPrefix(new Date(2026, 10, 21, 14, 3, 7));
  writeFileSync(log, plan.events.map((e) => `${prefix}${e.body}\n`).join(''));
  const filters: Record<string, string> = {
    [mailJails.smtp]: 'postfix[mode=more]',
    [mailJails.smtpAuth]: 'postfix[mode=auth]',
    [mailJails.imap]: 'dovecot[mode=normal]',
  };
  for (const [jail, filter] of Object.entries(filters)) {
    const result = await run('regex', '--json', '--config', bundledConfigDir, log, filter);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { matches: { line: number; host: string }[] };
    const got = report.matches.map((m) => `${m.line} ${m.host}`);
    const want = plan.events.flatMap((e, i) =>
      e.failure?.jail === jail ? [`${i + 1} ${e.failure.address}`] : [],
    );
    assert.ok(want.length > 0, `the plan has ${jail} failures`);
    assert.deepEqual(got, want, `${jail} (${filter})`);
  }
});

// ---- parsers and report -------------------------------------------------------------------------------

test('the kernel listing gives the bans of each set with the seconds they have left', () => {
  const json = JSON.stringify({
    nftables: [
      { metainfo: { version: '1.0.6' } },
      { table: { family: 'inet', name: 'fail2nft' } },
      {
        chain: {
          family: 'inet',
          table: 'fail2nft',
          name: 'input',
          type: 'filter',
          hook: 'input',
          prio: -1,
          policy: 'accept',
        },
      },
      {
        set: {
          name: 'f2n-postfix-sasl-v4',
          elem: [{ elem: { val: '203.0.113.9', timeout: 600, expires: 597 } }, '203.0.113.10'],
        },
      },
      {
        set: {
          name: 'f2n-postfix-sasl-v6net',
          elem: [{ elem: { val: { prefix: { addr: '2001:db8::', len: 32 } }, expires: 5 } }],
        },
      },
      { set: { name: 'f2n-dovecot-v6' } },
      { set: { name: 'someone-else', elem: ['192.0.2.1'] } },
      { rule: { chain: 'input' } },
      { rule: { chain: 'input' } },
    ],
  });
  const table = parseKernelTable(json);
  assert.equal(table.rules, 2);
  assert.deepEqual(table.chains, ['input: hook input priority -1']);
  assert.deepEqual(
    table.sets.map((s) => [s.name, s.jail, s.elements.length]),
    [
      ['f2n-postfix-sasl-v4', 'postfix-sasl', 2],
      ['f2n-postfix-sasl-v6net', 'postfix-sasl', 1],
      ['f2n-dovecot-v6', 'dovecot', 0],
    ],
  );
  assert.deepEqual(table.sets[0]?.elements[0], { address: '203.0.113.9', expiresSec: 597 });
  assert.deepEqual(bansInKernel(table), [
    { jail: 'postfix-sasl', address: '203.0.113.9' },
    { jail: 'postfix-sasl', address: '203.0.113.10' },
    { jail: 'postfix-sasl', address: '2001:db8::/32' },
  ]);
});

test("the service log's Ban records give jail and address; other records are skipped", () => {
  const text = [
    '{"level":"info","msg":"started","jails":["postfix"]}',
    '{"level":"info","stage":"decisions","jail":"postfix-sasl","address":"203.0.113.9","bantime":600,"msg":"Ban 203.0.113.9"}',
    'not json "Ban 1.2.3.4"',
    '{"level":"info","jail":"x","address":"192.0.2.1","msg":"Ban 192.0.2.2"}',
    '',
  ].join('\n');
  assert.deepEqual(bansInServiceLog(text), [{ jail: 'postfix-sasl', address: '203.0.113.9', bantime: 600 }]);
});

test('histogram quantiles are interpolated inside the bucket they fall in', () => {
  const samples = parseSamples(
    [
      '# HELP fail2nft_ban_latency_seconds x',
      'fail2nft_ban_latency_seconds_bucket{le="0.005",jail="a"} 0',
      'fail2nft_ban_latency_seconds_bucket{le="0.01",jail="a"} 4',
      'fail2nft_ban_latency_seconds_bucket{le="0.025",jail="a"} 10',
      'fail2nft_ban_latency_seconds_bucket{le="+Inf",jail="a"} 10',
      'fail2nft_ban_latency_seconds_bucket{le="+Inf",jail="b"} 3',
      'fail2nft_lines_read_total{source="/var/log/mail \\"x\\".log"} 12',
    ].join('\n'),
  );
  assert.equal(samples.at(-1)?.labels.source, '/var/log/mail "x".log');
  const buckets = bucketsOf(samples, 'fail2nft_ban_latency_seconds', { jail: 'a' });
  assert.equal(buckets.length, 4);
  assert.ok(Math.abs((histogramQuantile(0.5, buckets) ?? 0) - 0.0125) < 1e-9);
  assert.ok(Math.abs((histogramQuantile(0.2, buckets) ?? 0) - 0.0075) < 1e-9);
  assert.equal(histogramQuantile(0.5, []), undefined);
  assert.equal(
    histogramQuantile(0.5, [
      { le: 0.1, count: 0 },
      { le: Infinity, count: 2 },
    ]),
    0.1,
  );
});

test('the comparison is exact and the summary names what is missing and what is unexpected', () => {
  const expected = [
    { jail: 'a', address: '192.0.2.1' },
    { jail: 'a', address: '192.0.2.2' },
  ];
  assert.equal(compareBans(expected, [...expected].reverse()).equal, true);
  const diff = compareBans(expected, [
    { jail: 'a', address: '192.0.2.1' },
    { jail: 'b', address: '192.0.2.2' },
  ]);
  assert.equal(diff.equal, false);
  assert.deepEqual(diff.missing, [{ jail: 'a', address: '192.0.2.2' }]);
  assert.deepEqual(diff.unexpected, [{ jail: 'b', address: '192.0.2.2' }]);
  const { plan } = demoScenario(4, 1000);
  const text = formatSummary(diff, {
    where: 'in the kernel',
    plan,
    ignoredAddress: '198.51.100.77',
    maxretry: 5,
  });
  assert.match(text, /^summary: 2 bans expected, 2 in the kernel: THEY DIFFER$/m);
  assert.match(text, /missing \(1\):\n {6}a:192\.0\.2\.2/);
  assert.match(text, /unexpected \(1\):\n {6}b:192\.0\.2\.2/);
});

test('the status built from the log lists each jail and its bans in numeric order', () => {
  const text = formatLoggedStatus(
    ['b', 'a'],
    [
      { jail: 'a', address: '192.0.2.10' },
      { jail: 'a', address: '192.0.2.9' },
    ],
    'a',
  );
  assert.match(text, /^`- Jail list:\ta, b$/m);
  assert.match(
    text,
    /Status for the jail: a\n`- Actions\n {3}\|- Currently banned:\t2\n {3}`- Banned IP list:\t192\.0\.2\.9 192\.0\.2\.10\n/,
  );
  assert.equal(formatSeconds(597), '9m57s');
  assert.equal(formatSeconds(3600), '1h0m0s');
  assert.deepEqual(wrapWords(['aaaa', 'bbbb', 'cccc'], '  ', 12), ['  aaaa bbbb', '  cccc']);
});

// ---- end to end ---------------------------------------------------------------------------------------

test(
  'as root the demo bans the expected addresses in its own namespace and leaves nothing behind',
  { skip: kernelSkip(['nft']), timeout: 60_000 },
  async () => {
    const { expected } = demoScenario(8, 1000);
    const result = await run('demo', '--seconds', '1', '--attackers', '8');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const out = result.stdout;
    assert.match(out, /namespace {2}(f2n-demo-\d+(?:-\d+)?)/);
    assert.match(out, /^bans in the kernel \(ip netns exec f2n-demo-/m);
    assert.match(
      out,
      new RegExp(
        `^summary: ${expected.length} bans expected, ${expected.length} in the kernel: exactly the expected set$`,
        'm',
      ),
    );
    const kernel = out.slice(out.indexOf('bans in the kernel'), out.indexOf('\nstatus'));
    for (const ban of expected) assert.ok(kernel.includes(ban.address), `${ban.jail} ${ban.address} listed`);
    assert.match(out, /^status \(/m, 'a status tree, from the socket or from the log');
    assert.match(out, /^Status for the jail: postfix-sasl$/m);
    assert.match(out, /fail2nft_lines_read_total: /);
    assert.match(out, /^ {2}postfix-sasl +\d+ +\d+ /m);
    const name = /namespace {2}(f2n-demo-\S+):/.exec(out)?.[1] ?? '';
    const dir = /directory {2}(\S+)/.exec(out)?.[1] ?? '';
    assert.match(
      out,
      new RegExp(
        `cleaned up: service stopped \\(exit status 0\\), namespace ${name} deleted, ${dir} removed`,
      ),
    );
    const { runSync } = await import('../firewall/support/netns.js');
    assert.ok(!runSync(['ip', 'netns', 'list']).stdout.includes(name), 'the namespace is gone');
  },
);

test(
  'with --dry-run the demo decides the same bans and logs them without touching the kernel',
  { timeout: 60_000 },
  async () => {
    const { expected } = demoScenario(6, 1000);
    const result = await run('demo', '--dry-run', '--seconds', '1', '--attackers', '6');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout, /namespace {2}f2n-demo/);
    assert.match(result.stdout, /start --config \S+ --dry-run/);
    assert.match(
      result.stdout,
      new RegExp(
        `^summary: ${expected.length} bans expected, ${expected.length} in the service log \\(dry run\\): exactly the expected set$`,
        'm',
      ),
    );
  },
);
