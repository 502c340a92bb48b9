import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/core/clock.js';
import { parseIpAddress } from '../../../src/core/ip-address.js';
import {
  describeExit,
  IgnoreCommand,
  type CommandExit,
} from '../../../src/decisions/ignore/ignore-command.js';

const tags = (text: string) => ({ address: parseIpAddress(text)!, id: text });

function scripted(exits: Record<string, CommandExit>) {
  const calls: string[][] = [];
  return {
    calls,
    run: (argv: readonly string[], timeoutMs: number) => {
      calls.push([...argv, String(timeoutMs)]);
      return Promise.resolve(exits[argv.join(' ')] ?? { code: 1, signal: null });
    },
  };
}

test('exit 0 ignores, exit 1 does not, anything else is an error and does not ignore', () => {
  assert.deepEqual(describeExit({ code: 0, signal: null }), { ignored: true });
  assert.deepEqual(describeExit({ code: 1, signal: null }), { ignored: false });
  assert.deepEqual(describeExit({ code: 2, signal: null }), {
    ignored: false,
    error: 'ignorecommand failed: exit status 2',
  });
  assert.deepEqual(describeExit({ code: null, signal: 'SIGKILL' }), {
    ignored: false,
    error: 'ignorecommand failed: killed by SIGKILL',
  });
  assert.deepEqual(describeExit({ code: null, signal: 'SIGKILL', error: 'no answer within 60 s (killed)' }), {
    ignored: false,
    error: 'ignorecommand failed: no answer within 60 s (killed)',
  });
});

test('the command runs with the rendered argv and the timeout, and errors are counted', async () => {
  const runner = scripted({
    'check 192.0.2.1': { code: 0, signal: null },
    'check 192.0.2.3': { code: 127, signal: null },
  });
  const command = new IgnoreCommand({
    template: 'check <ip>',
    run: runner.run,
    clock: new ManualClock(),
    timeoutSec: 5,
  });
  assert.deepEqual(await command.check(tags('192.0.2.1')), { ignored: true });
  assert.deepEqual(await command.check(tags('192.0.2.2')), { ignored: false });
  assert.deepEqual(await command.check(tags('192.0.2.3')), {
    ignored: false,
    error: 'ignorecommand failed: exit status 127',
  });
  assert.deepEqual(runner.calls[0], ['check', '192.0.2.1', '5000']);
  assert.equal(command.errors, 1);
});

test('a runner that throws is an error, not an exception', async () => {
  const command = new IgnoreCommand({
    template: 'check <ip>',
    run: () => Promise.reject(new Error('spawn EACCES')),
    clock: new ManualClock(),
  });
  assert.deepEqual(await command.check(tags('192.0.2.1')), {
    ignored: false,
    error: 'ignorecommand failed: spawn EACCES',
  });
});

test('with ignorecache, results are reused per key until max-time', async () => {
  const clock = new ManualClock(0);
  const runner = scripted({ 'check 192.0.2.1': { code: 0, signal: null } });
  const command = new IgnoreCommand({
    template: 'check <ip>',
    cache: { key: '<ip>', maxCount: 10, maxTime: 60 },
    run: runner.run,
    clock,
  });
  await command.check(tags('192.0.2.1'));
  clock.advance(59_000);
  assert.deepEqual(await command.check(tags('192.0.2.1')), { ignored: true });
  assert.equal(runner.calls.length, 1);
  clock.advance(2000);
  await command.check(tags('192.0.2.1'));
  assert.equal(runner.calls.length, 2);
});

test('without ignorecache every check runs the command, but concurrent checks of one address share a run', async () => {
  const runner = scripted({});
  const command = new IgnoreCommand({ template: 'check <ip>', run: runner.run, clock: new ManualClock() });
  await Promise.all([command.check(tags('192.0.2.1')), command.check(tags('192.0.2.1'))]);
  assert.equal(runner.calls.length, 1);
  await command.check(tags('192.0.2.1'));
  assert.equal(runner.calls.length, 2);
});
