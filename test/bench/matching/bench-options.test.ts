import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBenchOptions } from '../../../bench/matching/bench-options.js';

const defaults = { dataDir: '/data', defaultJsonFile: '/results/x.json' };

test('without arguments every available driver runs on whole files, three repetitions', () => {
  const options = parseBenchOptions([], defaults);
  assert.equal(options.drivers, undefined);
  assert.equal(options.fail2banLines, undefined);
  assert.equal(options.ourLines, undefined);
  assert.equal(options.repeat, 3);
  assert.equal(options.dataDir, '/data');
  assert.equal(options.jsonFile, undefined);
  assert.ok(Object.isFrozen(options));
});

test('drivers are given as a comma-separated list of known names', () => {
  assert.deepEqual(parseBenchOptions(['--driver', 'line-filter,engine'], defaults).drivers, [
    'line-filter',
    'engine',
  ]);
  assert.throws(() => parseBenchOptions(['--driver', 'fast'], defaults), /--driver must be one of/);
});

test('--lines sets the prefix for fail2ban-regex, --our-lines the one for our scenarios', () => {
  const options = parseBenchOptions(['--lines', '200000', '--our-lines', '5000'], defaults);
  assert.equal(options.fail2banLines, 200000);
  assert.equal(options.ourLines, 5000);
  assert.throws(() => parseBenchOptions(['--lines', '0'], defaults), /--lines must be a positive integer/);
  assert.throws(
    () => parseBenchOptions(['--repeat', '1.5'], defaults),
    /--repeat must be a positive integer/,
  );
});

test('--json takes an optional file, defaulting to the results directory', () => {
  assert.equal(parseBenchOptions(['--json'], defaults).jsonFile, '/results/x.json');
  assert.equal(parseBenchOptions(['--json', '--repeat', '1'], defaults).jsonFile, '/results/x.json');
  assert.equal(parseBenchOptions(['--json', 'out.json'], defaults).jsonFile, 'out.json');
});

test('--only and --no-fail2ban select scenarios; stray arguments are refused', () => {
  const options = parseBenchOptions(['--only', 'postfix,flood', '--no-fail2ban'], defaults);
  assert.deepEqual(options.only, ['postfix', 'flood']);
  assert.equal(options.skipFail2ban, true);
  assert.throws(() => parseBenchOptions(['mail.log'], defaults), /unexpected argument "mail.log"/);
});

test('throughput scenarios read the bundled filters unless --filters debian', () => {
  assert.equal(parseBenchOptions([], defaults).filterSource, 'bundled');
  assert.equal(parseBenchOptions(['--filters', 'debian'], defaults).filterSource, 'debian');
  assert.throws(
    () => parseBenchOptions(['--filters', 'mine'], defaults),
    /--filters must be bundled or debian/,
  );
});
