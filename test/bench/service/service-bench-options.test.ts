import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServiceBenchOptions } from '../../../bench/service/service-bench-options.js';

const defaults = { log: '/data/mail.log', defaultJsonFile: '/results/service-x.json' };

test('without arguments the whole default corpus runs on both services, workers auto, no JSON', () => {
  const options = parseServiceBenchOptions([], defaults);
  assert.equal(options.log, '/data/mail.log');
  assert.equal(options.lines, undefined);
  assert.equal(options.workers, undefined);
  assert.equal(options.skipFail2ban, false);
  assert.equal(options.jsonFile, undefined);
  assert.equal(options.cpuProfileDir, undefined);
  assert.equal(options.timeoutSec, 600);
  assert.ok(Object.isFrozen(options));
});

test('--log, --lines, --workers and --no-fail2ban are taken as given', () => {
  const options = parseServiceBenchOptions(
    ['--log', 'other.log', '--lines', '100000', '--workers', '2', '--no-fail2ban'],
    defaults,
  );
  assert.equal(options.log, 'other.log');
  assert.equal(options.lines, 100000);
  assert.equal(options.workers, 2);
  assert.equal(options.skipFail2ban, true);
});

test('--workers auto means the configuration default', () => {
  assert.equal(parseServiceBenchOptions(['--workers', 'auto'], defaults).workers, undefined);
});

test('counts must be positive integers and workers at most 64', () => {
  assert.throws(
    () => parseServiceBenchOptions(['--lines', '0'], defaults),
    /--lines must be a positive integer/,
  );
  assert.throws(
    () => parseServiceBenchOptions(['--lines', '1e6'], defaults),
    /--lines must be a positive integer/,
  );
  assert.throws(
    () => parseServiceBenchOptions(['--workers', '1.5'], defaults),
    /--workers must be a positive integer/,
  );
  assert.throws(
    () => parseServiceBenchOptions(['--workers', '65'], defaults),
    /--workers must be at most 64/,
  );
  assert.throws(
    () => parseServiceBenchOptions(['--timeout', 'x'], defaults),
    /--timeout must be a positive integer/,
  );
});

test('--json takes an optional file, defaulting to the results directory', () => {
  assert.equal(parseServiceBenchOptions(['--json'], defaults).jsonFile, '/results/service-x.json');
  assert.equal(
    parseServiceBenchOptions(['--json', '--lines', '5'], defaults).jsonFile,
    '/results/service-x.json',
  );
  assert.equal(parseServiceBenchOptions(['--json', 'out.json'], defaults).jsonFile, 'out.json');
});

test('--cpu-prof names the profile directory; unknown options and stray arguments are refused', () => {
  assert.equal(parseServiceBenchOptions(['--cpu-prof', '/tmp/p'], defaults).cpuProfileDir, '/tmp/p');
  assert.throws(() => parseServiceBenchOptions(['--fast'], defaults), /Unknown option/);
  assert.throws(() => parseServiceBenchOptions(['mail.log'], defaults), /unexpected argument "mail.log"/);
});

test('--repeat runs the fail2nft side several times', () => {
  assert.equal(parseServiceBenchOptions([], defaults).repeat, 1);
  assert.equal(parseServiceBenchOptions(['--repeat', '5'], defaults).repeat, 5);
  assert.throws(
    () => parseServiceBenchOptions(['--repeat', '0'], defaults),
    /--repeat must be a positive integer/,
  );
});
