// Needs root and ip (CI has them): the namespace is the bench helper's own, and the test removes it
// itself if the helper did not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const missing = process.getuid?.() !== 0 ? 'needs root for a network namespace' : undefined;
const helper = resolve(import.meta.dirname, '../../../bench/firewall/bench-netns.js');

function namespaces(): string[] {
  return spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name !== '');
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`a bench stopped by ${signal} removes the namespaces it still had`, { skip: missing }, async () => {
    // A bench that made a namespace and is stopped before its finally block runs.
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createBenchNetns } from ${JSON.stringify(helper)};
         const netns = createBenchNetns();
         process.stdout.write(netns.name + '\\n');
         setTimeout(() => {}, 60000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let name = '';
    try {
      name = await new Promise<string>((resolveName, reject) => {
        const timer = setTimeout(() => reject(new Error('the bench did not make its namespace')), 20_000);
        child.stdout.setEncoding('utf8');
        child.stdout.once('data', (text: string) => {
          clearTimeout(timer);
          resolveName(text.trim());
        });
      });
      assert.ok(namespaces().includes(name), `${name} was made`);
      const exited = new Promise<number | null>((resolveCode) => child.once('exit', resolveCode));
      child.kill(signal);
      assert.equal(await exited, signal === 'SIGTERM' ? 143 : 130);
      assert.ok(!namespaces().includes(name), `${name} is gone`);
    } finally {
      child.kill('SIGKILL');
      if (name !== '' && namespaces().includes(name)) spawnSync('ip', ['netns', 'del', name]);
    }
  });
}
