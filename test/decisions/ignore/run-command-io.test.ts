// Runs real (tiny) processes: the runner's edge is the kernel, so no double can stand in for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../../src/decisions/ignore/run-command-io.js';

test('exit statuses come back as numbers, without a shell', async () => {
  assert.deepEqual(await runCommand(['true'], 5000), { code: 0, signal: null });
  assert.deepEqual(await runCommand(['false'], 5000), { code: 1, signal: null });
  assert.deepEqual(await runCommand(['sh', '-c', 'exit 3'], 5000), { code: 3, signal: null });
  const literal = await runCommand(['echo', '$(false); exit 2'], 5000);
  assert.deepEqual(literal, { code: 0, signal: null }, 'shell syntax in an argument is just text');
});

test('a command past its timeout is killed and reported', async () => {
  const exit = await runCommand(['sleep', '10'], 100);
  assert.equal(exit.code, null);
  assert.equal(exit.signal, 'SIGKILL');
  assert.equal(exit.error, 'no answer within 0.1 s (killed)');
});

test('a program that does not exist is an error, not an exception', async () => {
  const exit = await runCommand(['/nonexistent/fail2nft-check'], 5000);
  assert.equal(exit.code, null);
  assert.match(exit.error ?? '', /ENOENT/);
});
