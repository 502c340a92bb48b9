import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, removeTree, writeTree } from '../support/project-paths.js';

const cli = join(projectRoot, 'dist', 'bench', 'generate-corpus.js');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
}

test('the CLI writes the log and its ground truth, and reports what it wrote', () => {
  const dir = writeTree({});
  try {
    const out = join(dir, 'data', 'auth.log');
    const result = run(['--kind', 'sshd', '--lines', '2000', '--seed', '1', '--out', out]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(out, 'latin1').split('\n').length, 2001);
    const truth = JSON.parse(readFileSync(`${out}.truth.json`, 'utf8')) as { lines: number; kind: string };
    assert.equal(truth.lines, 2000);
    assert.equal(truth.kind, 'sshd');
    assert.match(result.stderr, /2000 lines, .* failure lines/);
  } finally {
    removeTree(dir);
  }
});

test('the CLI prints its help, and refuses a bad option with exit code 2', () => {
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--kind K/);
  const bad = run(['--kind', 'mail', '--out', '/tmp/never-written.log', '--rate', '-1']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--rate must be above 0/);
});
