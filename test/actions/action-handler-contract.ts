// The contract every ActionHandler implementation passes (command and mail actions run it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionHandler } from '../../src/actions/action-handler.js';
import { ban } from './action-test-kit.js';

export interface ContractSubject {
  readonly handler: ActionHandler;
  readonly cleanup: () => void;
}

export function runActionHandlerContract(name: string, make: () => ContractSubject): void {
  test(`${name}: start, ban, unban, flush and stop each resolve to an outcome of that operation`, async () => {
    const { handler, cleanup } = make();
    try {
      const outcomes = [
        await handler.start(),
        await handler.ban(ban()),
        await handler.unban({ jail: 'sshd', address: '192.0.2.7', family: 4 }),
        await handler.flush(),
        await handler.stop(),
      ];
      assert.deepEqual(
        outcomes.map((outcome) => outcome.operation),
        ['start', 'ban', 'unban', 'flush', 'stop'],
      );
      for (const outcome of outcomes) assert.equal(outcome.ok, true, JSON.stringify(outcome));
      const stats = handler.stats();
      assert.equal(stats.runs + stats.skipped, 5);
      assert.equal(stats.backlog, 0);
    } finally {
      cleanup();
    }
  });

  test(`${name}: an address that does not parse is an F2N_ERR_ACTION_BAD_ADDRESS outcome`, async () => {
    const { handler, cleanup } = make();
    try {
      await handler.start();
      const outcome = await handler.ban(ban({ address: '$(reboot)' }));
      assert.equal(outcome.ok, false);
      assert.equal(!outcome.ok && outcome.error.code, 'F2N_ERR_ACTION_BAD_ADDRESS');
      await handler.stop();
    } finally {
      cleanup();
    }
  });

  test(`${name}: after stop a ban is refused with F2N_ERR_ACTION_STOPPED`, async () => {
    const { handler, cleanup } = make();
    try {
      await handler.start();
      await handler.stop();
      const outcome = await handler.ban(ban());
      assert.equal(!outcome.ok && outcome.error.code, 'F2N_ERR_ACTION_STOPPED');
    } finally {
      cleanup();
    }
  });

  test(`${name}: ready() and idle() resolve on an idle action`, async () => {
    const { handler, cleanup } = make();
    try {
      await handler.ready();
      await handler.idle();
      assert.equal(handler.stats().backlog, 0);
    } finally {
      cleanup();
    }
  });
}
