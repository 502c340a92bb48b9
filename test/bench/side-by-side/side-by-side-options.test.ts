import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSideBySideOptions } from '../../../bench/side-by-side/side-by-side-options.js';

const defaults = { dataDir: '/d', defaultJsonFile: '/r/x.json' };

test('the defaults run every scenario with a flood prefix for fail2ban and two paced rates', () => {
  const options = parseSideBySideOptions([], defaults);
  assert.deepEqual(options.scenarios, ['mail', 'flood', 'sshd']);
  assert.equal(options.lines, undefined);
  assert.equal(options.fail2banFloodLines, 20_000);
  assert.deepEqual(options.pacedRates, [1000, 10_000]);
  assert.equal(options.floodMaxretry, 1);
  assert.equal(options.pacedSeconds, 30);
  assert.equal(options.jsonFile, undefined);
  assert.ok(Object.isFrozen(options));
});

test('scenarios keep their canonical order; --json takes an optional file', () => {
  const options = parseSideBySideOptions(['--scenarios', 'sshd,mail', '--json', '--no-fail2ban'], defaults);
  assert.deepEqual(options.scenarios, ['mail', 'sshd']);
  assert.equal(options.jsonFile, '/r/x.json');
  assert.equal(options.skipFail2ban, true);
  assert.equal(parseSideBySideOptions(['--json', 'out.json'], defaults).jsonFile, 'out.json');
});

test('--paced 0 turns the paced runs off', () => {
  assert.deepEqual(parseSideBySideOptions(['--paced', '0'], defaults).pacedRates, []);
  assert.deepEqual(parseSideBySideOptions(['--paced', '500'], defaults).pacedRates, [500]);
});

test('each invalid option has its own message', () => {
  assert.throws(
    () => parseSideBySideOptions(['--scenarios', 'mail,web'], defaults),
    /unknown scenario "web"/,
  );
  assert.throws(
    () => parseSideBySideOptions(['--lines', '0'], defaults),
    /--lines must be a positive integer/,
  );
  assert.throws(() => parseSideBySideOptions(['--fail2ban-lines', 'x'], defaults), /--fail2ban-lines must/);
  assert.throws(() => parseSideBySideOptions(['--paced', '1000,-1'], defaults), /--paced must/);
  assert.throws(() => parseSideBySideOptions(['--data', ''], defaults), /--data must name a directory/);
  assert.throws(() => parseSideBySideOptions(['extra'], defaults), /unexpected argument "extra"/);
});
