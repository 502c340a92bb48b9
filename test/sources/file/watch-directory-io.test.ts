import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchDirectory } from '../../../src/sources/file/watch-directory-io.js';

test('a directory watch reports the name of a file written in it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-watch-'));
  try {
    const seen = new Promise<string | undefined>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no event within 3 s')), 3000);
      const watch = watchDirectory(
        dir,
        (name) => {
          clearTimeout(timer);
          watch.close();
          resolve(name);
        },
        reject,
      );
    });
    appendFileSync(join(dir, 'app.log'), 'x\n');
    assert.equal(await seen, 'app.log');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('watching a directory that does not exist throws', () => {
  assert.throws(
    () =>
      watchDirectory(
        '/nonexistent-fail2nft-dir',
        () => undefined,
        () => undefined,
      ),
    (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
  );
});
