import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createChildProcessRunner } from '../../src/actions/child-process-runner-io.js';
import { tempDir } from './action-test-kit.js';

const run = createChildProcessRunner({ killGraceMs: 200, drainMs: 100 });
const sh = (script: string) => ['/bin/sh', '-c', script];
const dir = tempDir();
after(() => dir.remove());

/** Running, not a zombie (in a container, PID 1 may never reap the killed orphan). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

test('exit status, standard output and standard error are captured', async () => {
  const result = await run({ argv: sh('echo out; echo err >&2; exit 3'), timeoutMs: 5000 });
  assert.deepEqual(result, {
    exitCode: 3,
    signal: null,
    timedOut: false,
    stdout: 'out\n',
    stderr: 'err\n',
    truncated: false,
  });
});

test('standard input and extra environment reach the program', async () => {
  const result = await run({
    argv: sh('cat; printf "%s" "$F2N_TEST"'),
    env: { F2N_TEST: "a'b" },
    stdin: 'line 1\nline 2\n',
    timeoutMs: 5000,
  });
  assert.equal(result.stdout, "line 1\nline 2\na'b");
});

test('output beyond the bound is dropped and marked truncated', async () => {
  const result = await run({
    argv: sh('head -c 100000 /dev/zero | tr "\\0" x'),
    timeoutMs: 5000,
    maxOutputBytes: 1000,
  });
  assert.equal(result.stdout.length, 1000);
  assert.equal(result.truncated, true);
  assert.equal(result.exitCode, 0);
});

test('a program that does not exist is a result with the reason, not a rejection', async () => {
  const result = await run({ argv: [dir.file('no-such-program')], timeoutMs: 5000 });
  assert.equal(result.exitCode, null);
  assert.match(result.spawnError ?? '', /ENOENT/);
});

test('a program that ignores its input does not fail the run', async () => {
  const result = await run({ argv: sh('exit 0'), stdin: 'x'.repeat(1 << 20), timeoutMs: 5000 });
  assert.equal(result.exitCode, 0);
});

test('a command that hangs is killed with its whole process group at the timeout', async () => {
  const pidFile = dir.file('child.pid');
  const started = performance.now();
  const result = await run({ argv: sh(`sleep 30 & echo $! > ${pidFile}; wait`), timeoutMs: 300 });
  assert.equal(result.timedOut, true);
  assert.equal(result.exitCode, null);
  assert.ok(performance.now() - started < 5000);
  const child = Number(readFileSync(pidFile, 'utf8'));
  for (let i = 0; i < 50 && alive(child); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(alive(child), false, 'the background sleep was killed too');
});

test('a command that ignores SIGTERM is killed with SIGKILL after the grace period', async () => {
  const started = performance.now();
  const result = await run({ argv: sh(`trap '' TERM; sleep 30; sleep 30`), timeoutMs: 200 });
  assert.equal(result.timedOut, true);
  assert.equal(result.signal, 'SIGKILL');
  assert.ok(performance.now() - started < 5000);
});

test('a background child that keeps the output open does not hold the result', async () => {
  const pidFile = dir.file('daemon.pid');
  const started = performance.now();
  const result = await run({ argv: sh(`sleep 30 & echo $! > ${pidFile}; echo started`), timeoutMs: 10_000 });
  assert.equal(result.exitCode, 0);
  assert.equal(result.stdout, 'started\n');
  assert.ok(performance.now() - started < 5000);
  process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
});
