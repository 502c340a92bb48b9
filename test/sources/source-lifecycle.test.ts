import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceLifecycle } from '../../src/sources/source-lifecycle.js';
import { Fail2nftError } from '../../src/core/errors.js';

test('a source starts once and a second start is an error', () => {
  const life = new SourceLifecycle('s');
  life.begin();
  assert.equal(life.state, 'running');
  assert.throws(() => life.begin(), Fail2nftError);
});

test('stopping a source that never started ends it without tearing anything down', async () => {
  const life = new SourceLifecycle('s');
  let teardowns = 0;
  await life.stop(() => {
    teardowns++;
    return Promise.resolve();
  });
  assert.equal(teardowns, 0);
  assert.deepEqual(await life.ended, { reason: 'stopped' });
});

test('shutdown tears down once; a second shutdown waits for the first and keeps its reason', async () => {
  const life = new SourceLifecycle('s');
  life.begin();
  let teardowns = 0;
  let release: () => void = () => undefined;
  const teardown = (): Promise<void> => {
    teardowns++;
    return new Promise((resolve) => (release = resolve));
  };
  const error = new Fail2nftError('F2N_ERR_SOURCE_READ');
  const first = life.shutdown({ reason: 'failed', error }, teardown);
  const second = life.stop(teardown);
  assert.equal(life.state, 'stopping');
  release();
  await Promise.all([first, second]);
  assert.equal(teardowns, 1);
  assert.equal(life.state, 'ended');
  assert.deepEqual(await life.ended, { reason: 'failed', error });
});
