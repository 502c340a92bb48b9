import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BanIndex } from '../../src/decisions/ban-index.js';

test('a ban is active until its end, inclusive, then gone', () => {
  const index = new BanIndex();
  index.add('sshd', '192.0.2.1', 0, 1000);
  assert.equal(index.activeUntil('sshd', '192.0.2.1', 1000), 1000);
  assert.equal(index.activeUntil('sshd', '192.0.2.1', 1001), undefined);
  assert.equal(index.count('sshd'), 0, 'the lookup removed the expired entry');
  assert.equal(index.total('sshd'), 1);
});

test('bans are per jail, and a permanent ban never ends', () => {
  const index = new BanIndex();
  index.add('sshd', '192.0.2.1', 0, Infinity);
  assert.equal(index.activeUntil('postfix', '192.0.2.1', 0), undefined);
  assert.equal(index.activeUntil('sshd', '192.0.2.1', Number.MAX_SAFE_INTEGER), Infinity);
  assert.deepEqual(index.jailsOf('192.0.2.1'), ['sshd']);
});

test('sweep removes ended bans and list shows the active ones', () => {
  const index = new BanIndex();
  index.add('sshd', 'a', 0, 10);
  index.add('sshd', 'b', 0, 100);
  index.add('postfix', 'c', 0, 5);
  assert.deepEqual(
    index.list(50).map((ban) => ban.address),
    ['b'],
  );
  assert.equal(index.sweep(50), 2);
  assert.equal(index.count('sshd'), 1);
  assert.deepEqual(index.list(50, 'sshd'), [{ jail: 'sshd', address: 'b', startMs: 0, endMs: 100 }]);
});

test('remove and dropJail keep the index consistent with manual unbans and reloads', () => {
  const index = new BanIndex();
  index.add('sshd', 'a', 0, 10);
  assert.equal(index.remove('sshd', 'a'), true);
  assert.equal(index.remove('sshd', 'a'), false);
  index.add('dovecot', 'b', 0, 10);
  index.dropJail('dovecot');
  assert.equal(index.count('dovecot'), 0);
});
