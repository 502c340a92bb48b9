// The helper runner against real processes: commands run in one helper, large scripts stream through,
// timeouts kill, start errors keep their code, and a dead helper fails its commands and is replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Fail2nftError } from '../../src/core/errors.js';
import { createHelperCommandRunner } from '../../src/firewall/helper-command-runner-io.js';
import { runChecked } from '../../src/firewall/run-command-io.js';

const options = { timeoutMs: 10_000 };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (bounded) for a process that was told to end; the kernel reaps it a moment after. */
async function waitGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return !isAlive(pid);
}

function unavailable(pattern: RegExp): (error: unknown) => boolean {
  return (error) =>
    error instanceof Fail2nftError &&
    error.code === 'F2N_ERR_FIREWALL_UNAVAILABLE' &&
    pattern.test(error.message);
}

test('a command gets its input and its output and exit code come back, all in one helper', async () => {
  const runner = createHelperCommandRunner();
  try {
    assert.equal(runner.pid, undefined, 'no helper before the first command');
    const result = await runner.run(['sh', '-c', 'cat; echo oops >&2; exit 3'], 'script text\n', options);
    assert.deepEqual(result, { code: 3, stdout: 'script text\n', stderr: 'oops\n' });
    const pid = runner.pid;
    assert.ok(pid !== undefined && pid !== process.pid);
    assert.deepEqual(await runner.run(['true'], '', options), { code: 0, stdout: '', stderr: '' });
    assert.equal(runner.pid, pid, 'the second command ran in the same helper');
  } finally {
    await runner.close();
  }
});

test('a 20 MB script streams through and a 15 MB output comes back whole', async () => {
  const runner = createHelperCommandRunner();
  try {
    const line = 'add element inet fail2nft f2b-sshd-v4 { 198.51.100.1 timeout 600s }\n';
    const script = line.repeat(Math.ceil((20 * 1024 * 1024) / line.length));
    const digest = createHash('sha256').update(script).digest('hex');
    const summed = await runner.run(['sha256sum'], script, options);
    assert.equal(summed.stdout.split(' ')[0], digest);
    const echoed = await runner.run(['cat'], script.slice(0, 15 * 1024 * 1024), options);
    assert.equal(echoed.stdout.length, 15 * 1024 * 1024);
    assert.ok(echoed.stdout === script.slice(0, 15 * 1024 * 1024));
  } finally {
    await runner.close();
  }
});

test('output beyond 16 MiB per stream is cut', async () => {
  const runner = createHelperCommandRunner();
  try {
    const result = await runner.run(['head', '-c', String(17 * 1024 * 1024), '/dev/zero'], '', options);
    assert.equal(result.code, 0);
    assert.equal(result.stdout.length, 16 * 1024 * 1024);
  } finally {
    await runner.close();
  }
});

test('a command that does not read its input still reports its exit code', async () => {
  const runner = createHelperCommandRunner();
  try {
    const result = await runner.run(['sh', '-c', 'exit 4'], 'x'.repeat(4 * 1024 * 1024), options);
    assert.equal(result.code, 4);
  } finally {
    await runner.close();
  }
});

test('a command running past its timeout is killed and reported like the direct runner', async () => {
  const runner = createHelperCommandRunner();
  try {
    const started = Date.now();
    const result = await runner.run(['sleep', '5'], '', { timeoutMs: 100 });
    assert.equal(result.code, null);
    assert.ok(Date.now() - started < 4000);
    await assert.rejects(
      runChecked(runner.run, ['sleep', '5'], '', { timeoutMs: 100 }, 'sleeping'),
      /sleeping: sleep 5 was killed after 100 ms/,
    );
  } finally {
    await runner.close();
  }
});

test('a missing program rejects with F2N_ERR_FIREWALL_UNAVAILABLE and its errno code', async () => {
  const runner = createHelperCommandRunner();
  try {
    const error = await runner.run(['/nonexistent/nft', '-f', '-'], 'flush ruleset\n', options).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(unavailable(/^cannot run \/nonexistent\/nft: ENOENT$/)(error));
    assert.equal((error as Fail2nftError).details.command, '/nonexistent/nft');
    assert.equal(((error as Fail2nftError).cause as NodeJS.ErrnoException).code, 'ENOENT');
    assert.equal((await runner.run(['true'], '', options)).code, 0, 'the helper still runs commands');
  } finally {
    await runner.close();
  }
});

test('an empty command line is refused before it reaches the helper', async () => {
  const runner = createHelperCommandRunner();
  await assert.rejects(runner.run([], '', options), { code: 'F2N_ERR_INTERNAL' });
  assert.equal(runner.pid, undefined);
});

test('concurrent commands each get their own answer, in the order they finish', async () => {
  const runner = createHelperCommandRunner();
  try {
    const finished: number[] = [];
    const results = await Promise.all(
      [3, 2, 1].map(async (n) => {
        const result = await runner.run(
          ['sh', '-c', `sleep 0.${n}; cat; echo ${n} >&2`],
          `in ${n}\n`,
          options,
        );
        finished.push(n);
        return result;
      }),
    );
    assert.deepEqual(results, [
      { code: 0, stdout: 'in 3\n', stderr: '3\n' },
      { code: 0, stdout: 'in 2\n', stderr: '2\n' },
      { code: 0, stdout: 'in 1\n', stderr: '1\n' },
    ]);
    assert.deepEqual(finished, [1, 2, 3]);
  } finally {
    await runner.close();
  }
});

test('a helper killed during a command fails it, and the next command starts a new helper', async () => {
  const runner = createHelperCommandRunner();
  try {
    await runner.run(['true'], '', options);
    const first = runner.pid!;
    const running = runner.run(['sleep', '1'], '', options);
    process.kill(first, 'SIGKILL');
    await assert.rejects(running, unavailable(/firewall command helper \(pid \d+\) was killed by SIGKILL/));
    assert.equal(runner.pid, undefined);
    assert.deepEqual(await runner.run(['echo', 'again'], '', options), {
      code: 0,
      stdout: 'again\n',
      stderr: '',
    });
    assert.notEqual(runner.pid, first);
  } finally {
    await runner.close();
  }
});

test('close() lets running commands finish, ends the helper and leaves no process', async () => {
  const runner = createHelperCommandRunner();
  const running = runner.run(['sh', '-c', 'sleep 0.2; echo done'], '', options);
  const pid = runner.pid!;
  const closing = runner.close();
  assert.equal(runner.pid, undefined);
  assert.equal((await running).stdout, 'done\n');
  await closing;
  assert.ok(await waitGone(pid));
  await runner.close();
  assert.equal((await runner.run(['true'], '', options)).code, 0, 'a closed runner starts a new helper');
  await runner.close();
});

test('an idle helper does not keep the process alive, and ends with it', async () => {
  const runnerModule = fileURLToPath(
    new URL('../../src/firewall/helper-command-runner-io.js', import.meta.url),
  );
  const program = `
    const { createHelperCommandRunner } = await import(${JSON.stringify(runnerModule)});
    const runner = createHelperCommandRunner();
    await runner.run(['true'], '', { timeoutMs: 5000 });
    process.stdout.write(String(runner.pid));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', program], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  assert.equal(exit, 0, 'the process ended on its own');
  const helperPid = Number(output);
  assert.ok(helperPid > 0);
  assert.ok(await waitGone(helperPid), 'the helper ended when its service did');
});

test('a helper that is missing, exits, does not answer or garbles its replies fails with a clear error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'f2n-runner-'));
  const script = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cases = [
    { script: join(dir, 'missing.js'), timeoutMs: 5000, expected: /helper is missing: .*missing\.js/ },
    {
      script: script('exits.js', 'process.stderr.write("broken build\\n"); process.exit(3);'),
      timeoutMs: 5000,
      expected: /helper \(pid \d+\) exited with 3: broken build/,
    },
    {
      script: script('silent.js', 'process.stdin.resume();'),
      timeoutMs: 50,
      expected: /helper \(pid \d+\) did not answer within 100 ms/,
    },
    {
      script: script('garbles.js', 'process.stdin.once("data", () => process.stdout.write("garbage!"));'),
      timeoutMs: 5000,
      expected: /helper \(pid \d+\) sent a corrupt reply/,
    },
  ];
  try {
    for (const { script: path, timeoutMs, expected } of cases) {
      const runner = createHelperCommandRunner({ script: path, answerGraceMs: 50 });
      await assert.rejects(runner.run(['true'], '', { timeoutMs }), unavailable(expected));
      await runner.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
