import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../src/core/errors.js';
import { firstLines, inNamespace, runChecked, spawnCommand } from '../../src/firewall/run-command-io.js';

test('a command gets its input on stdin and its output and exit code come back', async () => {
  const result = await spawnCommand(['sh', '-c', 'cat; echo oops >&2; exit 3'], 'script text\n', {
    timeoutMs: 5000,
  });
  assert.deepEqual(result, { code: 3, stdout: 'script text\n', stderr: 'oops\n' });
});

test('a command that does not read its input still reports its exit code', async () => {
  const result = await spawnCommand(['true'], 'x'.repeat(4 * 1024 * 1024), { timeoutMs: 5000 });
  assert.equal(result.code, 0);
});

test('a command running past its timeout is killed', async () => {
  const result = await spawnCommand(['sleep', '5'], '', { timeoutMs: 100 });
  assert.equal(result.code, null);
  await assert.rejects(
    runChecked(() => Promise.resolve(result), ['sleep', '5'], '', { timeoutMs: 100 }, 'sleeping'),
    /sleeping: sleep 5 was killed after 100 ms/,
  );
});

test('a missing program rejects with F2N_ERR_FIREWALL_UNAVAILABLE', async () => {
  await assert.rejects(
    spawnCommand(['/nonexistent/nft', '-f', '-'], '', { timeoutMs: 1000 }),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_FIREWALL_UNAVAILABLE' &&
      /ENOENT/.test(error.message),
  );
});

test('a failed command becomes F2N_ERR_FIREWALL_COMMAND_FAILED with the first lines of its message', async () => {
  const error = await runChecked(
    spawnCommand,
    ['sh', '-c', 'echo "Error: bad" >&2; exit 1'],
    '',
    { timeoutMs: 5000 },
    'testing',
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof Fail2nftError);
  assert.equal(error.code, 'F2N_ERR_FIREWALL_COMMAND_FAILED');
  assert.match(error.message, /^testing: sh -c .* exited with 1: Error: bad$/);
  assert.equal(error.details.exitCode, 1);
});

test('namespaced commands run through ip netns exec; long messages are cut', () => {
  assert.deepEqual(inNamespace('ns1', ['nft', '-f', '-']), ['ip', 'netns', 'exec', 'ns1', 'nft', '-f', '-']);
  assert.deepEqual(inNamespace(undefined, ['nft']), ['nft']);
  assert.equal(firstLines('a\nb\nc\nd', 2), 'a\nb\n(2 more lines)');
});
