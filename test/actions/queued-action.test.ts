import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionOutcome } from '../../src/actions/action-handler.js';
import { ConcurrencyLimit } from '../../src/actions/concurrency-limit.js';
import { createQueuedAction, type ActionOperations } from '../../src/actions/queued-action.js';
import { Fail2nftError } from '../../src/core/errors.js';
import { ban } from './action-test-kit.js';

const identity = { name: 'notify', jail: 'sshd', file: 'notify', kind: 'command' as const };

function operations(overrides: Partial<ActionOperations> = {}): ActionOperations {
  const ok = (operation: ActionOutcome['operation']) =>
    Promise.resolve<ActionOutcome>({ ok: true, operation });
  return {
    canFlush: false,
    start: () => ok('start'),
    ban: () => ok('ban'),
    unban: () => ok('unban'),
    flush: () => Promise.resolve({ ok: true, operation: 'flush', skipped: 'empty' }),
    stop: () => ok('stop'),
    ...overrides,
  };
}

test('outcomes are counted: runs, failures, timeouts and skipped operations', async () => {
  let call = 0;
  const handler = createQueuedAction(
    identity,
    operations({
      ban: () => {
        call++;
        if (call === 2)
          return Promise.resolve({
            ok: false,
            operation: 'ban',
            error: new Fail2nftError('F2N_ERR_ACTION_TIMEOUT'),
          });
        if (call === 3)
          return Promise.resolve({
            ok: false,
            operation: 'ban',
            error: new Fail2nftError('F2N_ERR_ACTION_COMMAND_FAILED'),
          });
        return Promise.resolve({ ok: true, operation: 'ban' });
      },
    }),
    { limit: new ConcurrencyLimit(1) },
  );
  await handler.start();
  for (let i = 0; i < 3; i++) await handler.ban(ban());
  await handler.flush();
  assert.deepEqual(handler.stats(), { runs: 4, failures: 2, timeouts: 1, skipped: 1, backlog: 0 });
});

test('an operation that throws becomes an F2N_ERR_INTERNAL outcome instead of a rejection', async () => {
  const handler = createQueuedAction(identity, operations({ ban: () => Promise.reject(new Error('bug')) }), {
    limit: new ConcurrencyLimit(1),
  });
  const outcome = await handler.ban(ban());
  assert.equal(outcome.ok, false);
  assert.equal(!outcome.ok && outcome.error.code, 'F2N_ERR_INTERNAL');
});

test('after stop, ban and unban are refused with F2N_ERR_ACTION_STOPPED until the next start', async () => {
  const handler = createQueuedAction(identity, operations(), { limit: new ConcurrencyLimit(1) });
  await handler.stop();
  const refused = await handler.ban(ban());
  assert.equal(!refused.ok && refused.error.code, 'F2N_ERR_ACTION_STOPPED');
  await handler.start();
  assert.equal((await handler.ban(ban())).ok, true);
});
