import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BanHistory } from '../../src/decisions/ban-history.js';

const hour = 3_600_000;

test('prior bans count per jail, or over all jails with overalljails', () => {
  const history = new BanHistory();
  history.record('sshd', '192.0.2.1', 0, 600);
  history.record('sshd', '192.0.2.1', 1000, 600);
  history.record('postfix', '192.0.2.1', 2000, 600);
  assert.deepEqual(history.prior('sshd', '192.0.2.1', false, 3000), { count: 2, lastStartMs: 1000 });
  assert.deepEqual(history.prior('sshd', '192.0.2.1', true, 3000), { count: 3, lastStartMs: 2000 });
  assert.deepEqual(history.prior('sshd', '198.51.100.1', true, 3000), { count: 0, lastStartMs: undefined });
});

test('a record is purged after purgeAge plus three times its ban time, as fail2ban purges bips', () => {
  const history = new BanHistory(24 * 3600);
  history.record('sshd', 'a', 0, 3600);
  const expires = 24 * hour + 3 * hour;
  assert.equal(history.prior('sshd', 'a', false, expires).count, 1);
  assert.equal(history.prior('sshd', 'a', false, expires + 1).count, 0, 'expired records no longer count');
  assert.equal(history.purge(expires + 1), 1);
  assert.equal(history.size, 0);
});

test('a permanent ban is never purged', () => {
  const history = new BanHistory(1);
  history.record('sshd', 'a', 0, -1);
  assert.equal(history.purge(Number.MAX_SAFE_INTEGER), 0);
  assert.equal(history.prior('sshd', 'a', false, Number.MAX_SAFE_INTEGER).count, 1);
});

test('forget removes one jail or every jail of an address', () => {
  const history = new BanHistory();
  history.record('sshd', 'a', 0, 60);
  history.record('postfix', 'a', 0, 60);
  history.forget('a', 'sshd');
  assert.equal(history.prior('sshd', 'a', true, 0).count, 1);
  history.forget('a');
  assert.equal(history.size, 0);
});
