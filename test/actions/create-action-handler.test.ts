import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createActionHandler } from '../../src/actions/create-action-handler.js';
import type { ProcessRunner } from '../../src/actions/process-runner.js';
import { ManualClock } from '../../src/core/clock.js';
import { Fail2nftError } from '../../src/core/errors.js';
import { hostNames, spec } from './action-test-kit.js';

const runner: ProcessRunner = () =>
  Promise.resolve({ exitCode: 0, signal: null, timedOut: false, stdout: '', stderr: '', truncated: false });
const deps = { runner, clock: new ManualClock(), jail: 'sshd', hostNames };

test('sendmail-* and mail-* files run natively, everything else as commands', () => {
  assert.equal(createActionHandler(spec('sendmail-whois', {}), deps).kind, 'mail');
  assert.equal(createActionHandler(spec('mail-buffered', {}), deps).kind, 'mail');
  assert.equal(createActionHandler(spec('complain', { actionban: 'true' }), deps).kind, 'command');
  assert.equal(
    createActionHandler(spec('sendmail-geoip-lines', { actionban: 'true' }), deps).kind,
    'command',
  );
});

test('native = false runs a mail action as its shell commands', () => {
  const handler = createActionHandler(spec('sendmail', { native: 'false', actionban: 'true' }), deps);
  assert.equal(handler.kind, 'command');
});

test('a python action is refused with F2N_ERR_ACTION_UNSUPPORTED', () => {
  assert.throws(
    () => createActionHandler(spec('smtp.py', {}), deps),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_ACTION_UNSUPPORTED',
  );
});
