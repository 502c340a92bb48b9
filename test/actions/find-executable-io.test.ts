import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { findExecutable } from '../../src/actions/find-executable-io.js';
import { tempDir, writeScript } from './action-test-kit.js';

const dir = tempDir();
after(() => dir.remove());

test('a program is found in the PATH directories in order', () => {
  const script = writeScript(dir, 'f2n-tool', 'true');
  assert.equal(findExecutable('f2n-tool', `/nonexistent:${dir.path}`), script);
  assert.equal(findExecutable('sh', '/bin'), '/bin/sh');
});

test('a file that is not executable, a directory or a missing name is not found', () => {
  writeFileSync(dir.file('plain'), 'x');
  assert.equal(findExecutable('plain', dir.path), undefined);
  assert.equal(findExecutable('bin', '/'), undefined);
  assert.equal(findExecutable('f2n-no-such-tool', dir.path), undefined);
});

test('a name with a slash is checked as it is', () => {
  assert.equal(findExecutable('/bin/sh', ''), '/bin/sh');
  assert.equal(findExecutable(dir.file('missing'), '/bin'), undefined);
});
