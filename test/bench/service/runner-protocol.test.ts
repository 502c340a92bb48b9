import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeRunnerMessage, parseRunnerMessage } from '../../../bench/service/runner-protocol.js';

test('a runner message survives encoding as one line', () => {
  const message = { event: 'done', t: 5, lines: 10, failures: 2, bans: 1, cpuUs: 300 } as const;
  const line = encodeRunnerMessage(message);
  assert.equal(line.endsWith('\n'), true);
  assert.equal(line.indexOf('\n'), line.length - 1);
  assert.deepEqual(parseRunnerMessage(line), message);
});

test('lines that are not runner messages are ignored', () => {
  assert.equal(parseRunnerMessage('hello'), undefined);
  assert.equal(parseRunnerMessage('{broken'), undefined);
  assert.equal(parseRunnerMessage('{"event":"unknown"}'), undefined);
  assert.equal(parseRunnerMessage('null'), undefined);
});
