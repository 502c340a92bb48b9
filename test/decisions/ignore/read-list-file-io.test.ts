import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readListFile } from '../../../src/decisions/ignore/read-list-file-io.js';
import { removeTree, writeTree } from '../../support/project-paths.js';

test('a list file is read as text', async (t) => {
  const dir = writeTree({ 'allow.list': '192.0.2.1\n' });
  t.after(() => removeTree(dir));
  assert.equal(await readListFile(join(dir, 'allow.list')), '192.0.2.1\n');
});

test('a directory or a missing file is a rejection', async (t) => {
  const dir = writeTree({ 'x/y': '' });
  t.after(() => removeTree(dir));
  await assert.rejects(readListFile(join(dir, 'x')), /is not a regular file/);
  await assert.rejects(readListFile(join(dir, 'missing')), /ENOENT/);
});
