import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandLogPath } from '../../src/sources/expand-log-paths-io.js';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'fail2nft-glob-'));
  mkdirSync(join(root, 'a'));
  mkdirSync(join(root, 'b'));
  mkdirSync(join(root, 'dir.log'));
  for (const file of ['mail.log', 'mail.log.1', 'auth.log', '.hidden.log', 'a/x.log', 'b/x.log'])
    writeFileSync(join(root, file), 'x\n');
  symlinkSync(join(root, 'auth.log'), join(root, 'link.log'));
  symlinkSync(join(root, 'missing'), join(root, 'dangling.log'));
  return root;
}

test('a glob expands to the existing regular files, sorted; directories and dangling links are left out', async () => {
  const root = tree();
  try {
    assert.deepEqual(await expandLogPath(join(root, '*.log')), [
      join(root, 'auth.log'),
      join(root, 'link.log'),
      join(root, 'mail.log'),
    ]);
    assert.deepEqual(await expandLogPath(join(root, 'mail.log*')), [
      join(root, 'mail.log'),
      join(root, 'mail.log.1'),
    ]);
    assert.deepEqual(await expandLogPath(join(root, '*/x.log')), [
      join(root, 'a/x.log'),
      join(root, 'b/x.log'),
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a plain path expands to itself when it is a file, else to nothing', async () => {
  const root = tree();
  try {
    assert.deepEqual(await expandLogPath(join(root, 'auth.log')), [join(root, 'auth.log')]);
    assert.deepEqual(await expandLogPath(join(root, 'nope.log')), []);
    assert.deepEqual(await expandLogPath(join(root, 'dir.log')), []);
    assert.deepEqual(await expandLogPath(join(root, 'nodir', '*.log')), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
