import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_START, parseCorpusArgs, resolveCorpusOptions } from '../../bench/corpus/corpus-options.js';
import { Fail2nftError } from '../../src/core/errors.js';

function usageError(argv: string[], message: RegExp): void {
  assert.throws(
    () => parseCorpusArgs(argv),
    (error: unknown) =>
      error instanceof Fail2nftError && error.code === 'F2N_ERR_USAGE' && message.test(error.message),
  );
}

test('the documented command line parses, with defaults for what is left out', () => {
  const { options } = parseCorpusArgs([
    '--kind',
    'mail',
    '--lines',
    '1000000',
    '--seed',
    '42',
    '--out',
    'bench/data/x.log',
  ]);
  assert.equal(options?.kind, 'mail');
  assert.equal(options?.lines, 1_000_000);
  assert.equal(options?.seed, 42);
  assert.equal(options?.truthOut, 'bench/data/x.log.truth.json');
  assert.equal(options?.failureRatio, 0.03);
  assert.equal(options?.attackers, 1000);
  assert.equal(options?.rate, 50);
  assert.equal(options?.start, DEFAULT_START);
  assert.equal(new Date(DEFAULT_START * 1000).toISOString(), '2026-11-01T00:00:00.000Z');
});

test('every option is taken, also in --name=value form', () => {
  const { options } = parseCorpusArgs([
    '--kind=sshd',
    '--out=/tmp/a.log',
    '--failure-ratio',
    '0.2',
    '--attackers',
    '7',
    '--start',
    '2026-12-24T18:00:00Z',
    '--rate',
    '3.5',
    '--ipv6-share',
    '0.5',
    '--maxretry',
    '3',
    '--findtime',
    '300',
    '--truth',
    '/tmp/t.json',
    '--truth-per-address',
  ]);
  assert.deepEqual(
    { ...options },
    {
      kind: 'sshd',
      lines: 1_000_000,
      seed: 42,
      out: '/tmp/a.log',
      truthOut: '/tmp/t.json',
      failureRatio: 0.2,
      attackers: 7,
      addresses: 0,
      start: Date.UTC(2026, 11, 24, 18) / 1000,
      rate: 3.5,
      ipv6Share: 0.5,
      maxretry: 3,
      findtime: 300,
      truthPerAddress: true,
    },
  );
});

test('flood defaults to half failures from a million addresses', () => {
  const options = resolveCorpusOptions({ kind: 'flood' });
  assert.equal(options.failureRatio, 0.5);
  assert.equal(options.addresses, 1_000_000);
});

test('--help is recognised wherever it stands', () => {
  assert.equal(parseCorpusArgs(['--kind', 'bogus', '--help']).help, true);
});

test('each bad option has its own message', () => {
  usageError(['--out', 'x'], /--kind is required/);
  usageError(['--kind', 'mail'], /--out is required/);
  usageError(['--kind', 'smtp', '--out', 'x'], /--kind must be mail, flood or sshd/);
  usageError(['--kind', 'mail', '--out', 'x', '--lines', '0'], /--lines must be an integer/);
  usageError(['--kind', 'mail', '--out', 'x', '--lines', 'many'], /--lines must be a number/);
  usageError(['--kind', 'mail', '--out', 'x', '--seed', '-1'], /--seed must be a non-negative integer/);
  usageError(
    ['--kind', 'mail', '--out', 'x', '--failure-ratio', '1'],
    /--failure-ratio must be at least 0 and below 1/,
  );
  usageError(['--kind', 'mail', '--out', 'x', '--attackers', '0'], /--attackers must be at least 1/);
  usageError(['--kind', 'flood', '--out', 'x', '--addresses', '0'], /--addresses must be at least 1/);
  usageError(['--kind', 'flood', '--out', 'x', '--attackers', '5'], /--attackers is for mail and sshd/);
  usageError(['--kind', 'mail', '--out', 'x', '--addresses', '5'], /--addresses is for flood/);
  usageError(['--kind', 'mail', '--out', 'x', '--start', 'yesterday'], /--start must be an ISO 8601 time/);
  usageError(['--kind', 'mail', '--out', 'x', '--rate', '0'], /--rate must be above 0/);
  usageError(['--kind', 'mail', '--out', 'x', '--ipv6-share', '2'], /--ipv6-share must be from 0 to 1/);
  usageError(['--kind', 'mail', '--out', 'x', '--maxretry', '0'], /--maxretry must be a positive integer/);
  usageError(['--kind', 'mail', '--out', 'x', '--findtime', '-5'], /--findtime must not be negative/);
  usageError(['--kind', 'mail', '--out', 'x', '--lines'], /--lines needs a value/);
  usageError(['--kind', 'mail', '--out', 'x', '--colour', 'red'], /unknown option --colour/);
});

test('no attackers is fine when no failures are wanted', () => {
  assert.equal(resolveCorpusOptions({ kind: 'mail', attackers: 0, failureRatio: 0 }).attackers, 0);
});
