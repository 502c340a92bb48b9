import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  bundledConfigDir,
  fixturesDir,
  projectRoot,
  removeTree,
  writeTree,
} from '../support/project-paths.js';
import { runCliCaptured, type CliOutcome } from '../support/run-cli-captured.js';

function run(...argv: string[]): Promise<CliOutcome> {
  return runCliCaptured(argv);
}

test('check on a valid configuration exits 0 and says how many jails it found', async () => {
  const { code, stdout } = await run('check', '--config', bundledConfigDir);
  assert.equal(code, 0);
  assert.match(stdout, /OK, \d+ jail\(s\), \d+ enabled/);
});

test('check prints every problem as FILE:LINE: message and exits 1', async (t) => {
  const dir = writeTree({
    'jail.conf': '[a]\nenabled = maybe\n[b]\nenabled = true\nfilter = nowhere\n[c]\nx = 1\nx = 2\n',
  });
  t.after(() => removeTree(dir));
  const { code, stderr } = await run('check', '--config', dir);
  assert.equal(code, 1);
  const jail = join(dir, 'jail.conf');
  assert.match(stderr, new RegExp(`^${jail}:2: .*not a boolean`, 'm'));
  assert.match(stderr, new RegExp(`^${jail}:5: .*no configuration file for 'nowhere'`, 'm'));
  assert.match(stderr, new RegExp(`^${jail}:8: .*already set at line 7`, 'm'));
  assert.match(stderr, /3 error\(s\)/);
});

test('check reports warnings but still succeeds', async (t) => {
  const dir = writeTree({
    'jail.conf': '[a]\nenabled = true\nfilter = f\nlogpath = /dev/null\nusedns = yes\n',
    'filter.d/f.conf': '[Definition]\nfailregex = ^x <HOST>$\n',
  });
  t.after(() => removeTree(dir));
  const { code, stderr } = await run('check', '--config', dir);
  assert.equal(code, 0);
  assert.match(stderr, /jail\.conf:5: warning: .*usedns = yes/);
});

test('dump prints the resolved enabled jails as JSON with times in seconds', async (t) => {
  const dir = writeTree({
    'jail.conf':
      '[DEFAULT]\nbantime = 1h\n[a]\nenabled = true\nfilter = f[mode=x]\nlogpath = /dev/null\n[b]\nenabled = false\n',
    'filter.d/f.conf':
      '[Definition]\nmode = normal\nre-x = ^x <HOST>$\nre-normal = ^n <HOST>$\nfailregex = <re-<mode>>\n',
  });
  t.after(() => removeTree(dir));
  const { code, stdout } = await run('dump', '--config', dir);
  assert.equal(code, 0);
  const dumped = JSON.parse(stdout) as {
    jails: { name: string; bantime: number; filter: { failregex: string[] } }[];
  };
  assert.deepEqual(
    dumped.jails.map((j) => j.name),
    ['a'],
  );
  assert.equal(dumped.jails[0]?.bantime, 3600);
  assert.deepEqual(dumped.jails[0]?.filter.failregex, ['^x <HOST>$']);
  const all = JSON.parse((await run('dump', '--all', '--config', dir)).stdout) as { jails: unknown[] };
  assert.equal(all.jails.length, 2);
});

test('dump of an invalid configuration exits 1 with the problems on stderr', async () => {
  const { code, stdout, stderr } = await run(
    'dump',
    '--config',
    join(fixturesDir, 'config-invalid', 'bad-boolean'),
  );
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /jail\.conf:2:/);
});

test('usage errors exit 2: unknown command, unknown option, stray argument, no command', async () => {
  assert.equal((await run('frobnicate')).code, 2);
  assert.equal((await run('check', '--bogus')).code, 2);
  assert.equal((await run('check', 'extra')).code, 2);
  assert.equal((await run()).code, 2);
  assert.equal((await run('help')).code, 0);
});

test('the bin is executable, so npx fail2nft runs it in a checkout', () => {
  assert.ok((statSync(join(projectRoot, 'dist/src/cli/main.js')).mode & 0o111) !== 0);
});

test('the installed bin runs as a program', () => {
  const result = spawnSync(
    process.execPath,
    [join(projectRoot, 'dist/src/cli/main.js'), 'check', '--config', bundledConfigDir],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /OK/);
});
