import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processOutcome } from '../../src/actions/process-outcome.js';
import type { ProcessResult } from '../../src/actions/process-runner.js';

const context = {
  jail: 'sshd',
  action: 'custom',
  operation: 'ban' as const,
  what: 'actionban (x)',
  timeoutMs: 60_000,
};
const result = (overrides: Partial<ProcessResult>): ProcessResult => ({
  exitCode: 0,
  signal: null,
  timedOut: false,
  stdout: 'out',
  stderr: '',
  truncated: false,
  ...overrides,
});

test('exit 0 is success with the output', () => {
  assert.deepEqual(processOutcome(result({}), context), { ok: true, operation: 'ban', output: 'out' });
});

test('each failure has its own code and a message naming jail, action and operation', () => {
  const cases: [Partial<ProcessResult>, string, RegExp][] = [
    [
      { exitCode: 2, stderr: 'bad\nmore' },
      'F2N_ERR_ACTION_COMMAND_FAILED',
      /^jail sshd, action custom, ban: actionban \(x\) failed with exit status 2: bad$/,
    ],
    [{ exitCode: null, signal: 'SIGSEGV' }, 'F2N_ERR_ACTION_COMMAND_FAILED', /failed with signal SIGSEGV$/],
    [
      { exitCode: null, signal: 'SIGTERM', timedOut: true },
      'F2N_ERR_ACTION_TIMEOUT',
      /did not finish within 60 s and was killed/,
    ],
    [
      { exitCode: null, spawnError: 'spawn /x ENOENT' },
      'F2N_ERR_ACTION_SPAWN',
      /cannot start actionban \(x\): spawn \/x ENOENT/,
    ],
  ];
  for (const [overrides, code, message] of cases) {
    const outcome = processOutcome(result(overrides), context);
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.code, code);
    assert.match(outcome.error.message, message);
  }
});

test('only the end of a long standard error is kept in the details', () => {
  const outcome = processOutcome(result({ exitCode: 1, stderr: `${'x'.repeat(5000)}END` }), context);
  assert.ok(!outcome.ok);
  const stderr = String(outcome.error.details.stderr);
  assert.equal(stderr.length, 2048);
  assert.ok(stderr.endsWith('END'));
});
