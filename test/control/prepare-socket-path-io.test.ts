import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, linkSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { prepareSocketPath, probeSocket } from '../../src/control/prepare-socket-path-io.js';
import { Fail2nftError } from '../../src/core/errors.js';
import { socketDir } from './socket-session.js';

test('a missing directory is created with mode 0755 and nothing else happens', async (t) => {
  const { dir, remove } = socketDir();
  t.after(remove);
  const path = join(dir, 'a', 'b', 'fail2nft.sock');
  await prepareSocketPath(path, 200);
  assert.equal(statSync(join(dir, 'a', 'b')).mode & 0o777, 0o755);
  assert.equal(existsSync(path), false);
});

test('a live socket is reported live and kept; a dead one is removed', async (t) => {
  const { dir, remove } = socketDir();
  const live = createServer();
  const livePath = join(dir, 'live.sock');
  await new Promise<void>((resolve) => live.listen(livePath, resolve));
  t.after(async () => {
    await new Promise<void>((resolve) => live.close(() => resolve()));
    remove();
  });
  assert.equal(await probeSocket(livePath, 500), 'live');
  await assert.rejects(
    prepareSocketPath(livePath, 500),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_CONTROL_IN_USE',
  );
  assert.ok(existsSync(livePath));

  const deadPath = join(dir, 'dead.sock');
  const dead = createServer();
  await new Promise<void>((resolve) => dead.listen(join(dir, 'tmp.sock'), resolve));
  linkSync(join(dir, 'tmp.sock'), deadPath);
  await new Promise<void>((resolve) => dead.close(() => resolve()));
  assert.equal(await probeSocket(deadPath, 500), 'dead');
  await prepareSocketPath(deadPath, 500);
  assert.equal(existsSync(deadPath), false);
});

test('a directory that cannot be created is F2N_ERR_CONTROL_LISTEN', async (t) => {
  const { dir, remove } = socketDir();
  t.after(remove);
  writeFileSync(join(dir, 'file'), '');
  await assert.rejects(prepareSocketPath(join(dir, 'file', 'x', 'fail2nft.sock'), 200), (error: unknown) => {
    assert.ok(error instanceof Fail2nftError);
    assert.equal(error.code, 'F2N_ERR_CONTROL_LISTEN');
    assert.match(error.message, /cannot create its directory/);
    return true;
  });
});
