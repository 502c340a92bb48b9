import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchControlRequest } from '../../src/control/dispatch-control-request.js';
import { Fail2nftError } from '../../src/core/errors.js';
import { createFakeControlHandler } from './fake-control-handler.js';

test('status without a jail lists the jails sorted by name', async () => {
  const handler = createFakeControlHandler();
  const outcome = await dispatchControlRequest({ id: 1, command: 'status', args: {} }, handler);
  assert.deepEqual(outcome.result, { jails: ['postfix', 'sshd'] });
});

test('every command that names an unknown jail fails with F2N_ERR_CONTROL_UNKNOWN_JAIL before the handler acts', async () => {
  const handler = createFakeControlHandler();
  const requests = [
    { id: 1, command: 'status', args: { jail: 'nope' } },
    { id: 2, command: 'ban', args: { jail: 'nope', addresses: ['192.0.2.1'] } },
    { id: 3, command: 'unban', args: { addresses: 'all', jail: 'nope' } },
    { id: 4, command: 'banned', args: { jail: 'nope' } },
  ] as const;
  for (const request of requests) {
    await assert.rejects(dispatchControlRequest(request, handler), (error: unknown) => {
      assert.ok(error instanceof Fail2nftError);
      assert.equal(error.code, 'F2N_ERR_CONTROL_UNKNOWN_JAIL');
      assert.equal(error.message, "jail 'nope' does not exist");
      return true;
    });
  }
  assert.deepEqual(handler.calls, ['status nope']);
});

test('stop answers first: the handler is stopped only by afterReply', async () => {
  const handler = createFakeControlHandler();
  const outcome = await dispatchControlRequest({ id: 1, command: 'stop', args: {} }, handler);
  assert.equal(outcome.result, null);
  assert.equal(handler.stopped, false);
  await outcome.afterReply?.();
  assert.equal(handler.stopped, true);
});

test('ping, version, ban, unban, banned and reload pass the handler results through', async () => {
  const handler = createFakeControlHandler();
  assert.equal((await dispatchControlRequest({ id: 1, command: 'ping', args: {} }, handler)).result, 'pong');
  assert.equal(
    (await dispatchControlRequest({ id: 1, command: 'version', args: {} }, handler)).result,
    '0.1.0',
  );
  const ban = await dispatchControlRequest(
    { id: 1, command: 'ban', args: { jail: 'sshd', addresses: ['192.0.2.8'] } },
    handler,
  );
  assert.deepEqual(ban.result, [
    { address: '192.0.2.8', result: 'banned', until: handler.bans.get('sshd')?.get('192.0.2.8')?.endMs },
  ]);
  const banned = await dispatchControlRequest({ id: 1, command: 'banned', args: { jail: 'sshd' } }, handler);
  assert.equal((banned.result as unknown[]).length, 2);
  const unban = await dispatchControlRequest(
    { id: 1, command: 'unban', args: { addresses: ['192.0.2.8', '192.0.2.99'] } },
    handler,
  );
  assert.deepEqual(unban.result, {
    unbanned: [{ jail: 'sshd', address: '192.0.2.8' }],
    notBanned: ['192.0.2.99'],
    invalid: [],
  });
  const reload = await dispatchControlRequest({ id: 1, command: 'reload', args: {} }, handler);
  assert.deepEqual(reload.result, { jails: ['sshd', 'postfix', 'dovecot'], added: ['dovecot'], removed: [] });
});
