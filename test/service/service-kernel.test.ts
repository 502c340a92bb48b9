// The service with its real parts: nftables in a network namespace the test creates and a SQLite file.
// Failures appended to a log end as elements of the jail's kernel set; a restart with the same
// database puts them back (after the set was emptied behind the service's back) and does not ban
// twice; the store and the kernel agree.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createNftablesBackend } from '../../src/firewall/index.js';
import { SqliteBanStore } from '../../src/persistence/index.js';
import { createNetns, kernelSkip, type Netns } from '../firewall/support/netns.js';
import { nftSetElements } from '../firewall/support/kernel-elements.js';
import { createServiceFixture, saslFailure, waitFor, type ServiceFixture } from './service-fixture.js';

const skip = kernelSkip(['nft']);

const jailLocal = `
[DEFAULT]
backend = auto
ignoreself = false
maxretry = 3
findtime = 10m
bantime = 1h

[postfix-sasl]
enabled = true
logpath = %(logs)s/mail.log
banaction = nftables-multiport
`;

describe('the service enforcing bans in nftables', { skip }, () => {
  let netns: Netns;
  let fixture: ServiceFixture;
  before(() => {
    netns = createNetns('svc');
    fixture = createServiceFixture(jailLocal);
  });
  after(() => {
    fixture.cleanup();
    netns.remove();
  });

  const table = 'fail2nft';
  const set = 'f2n-postfix-sasl-v4';
  const open = () => {
    const store = new SqliteBanStore({ path: join(fixture.dir, 'state.sqlite3') });
    const backend = createNftablesBackend({ table, netns: netns.name });
    return { store, backend };
  };

  it('bans land in the kernel set with the remaining ban time, and in the store', async () => {
    const { store, backend } = open();
    fixture.append('mail.log', []);
    const { service, bans } = await fixture.start({ store, backend, dryRun: false });
    fixture.append('mail.log', [
      saslFailure('203.0.113.80'),
      saslFailure('203.0.113.80'),
      saslFailure('203.0.113.80'),
      saslFailure('2001:db8:5::80'),
      saslFailure('2001:db8:5::80'),
      saslFailure('2001:db8:5::80'),
      saslFailure('203.0.113.81'),
    ]);
    await waitFor('two bans', () => bans.length === 2);
    await waitFor('the kernel elements', () => nftSetElements(netns, table, set).has('203.0.113.80'));
    const v4 = nftSetElements(netns, table, set);
    assert.deepEqual([...v4.keys()], ['203.0.113.80']);
    const remaining = v4.get('203.0.113.80') ?? 0;
    assert.ok(remaining > 3500 && remaining <= 3600, `remaining ${remaining} s`);
    assert.deepEqual([...nftSetElements(netns, table, 'f2n-postfix-sasl-v6').keys()], ['2001:db8:5::80']);
    await service.stop();
    const stored = await store.activeBans(Date.now());
    assert.deepEqual(stored.map((ban) => ban.address).sort(), ['2001:db8:5::80', '203.0.113.80']);
    await store.close();
  });

  it('a restart puts stored bans back into the kernel in one reconcile and does not read old lines again', async () => {
    // Someone flushed the set while the service was down.
    netns.exec(['nft', 'flush', 'set', 'inet', table, set]);
    assert.equal(nftSetElements(netns, table, set).size, 0);
    const { store, backend } = open();
    const { service, bans } = await fixture.start({ store, backend, dryRun: false });
    assert.deepEqual([...nftSetElements(netns, table, set).keys()], ['203.0.113.80']);
    assert.deepEqual(service.status('postfix-sasl')?.banned.list.slice().sort(), [
      '2001:db8:5::80',
      '203.0.113.80',
    ]);
    // Two more failures of .81 make three with the one before the restart only if lines are read again.
    fixture.append('mail.log', [saslFailure('203.0.113.81'), saslFailure('203.0.113.81')]);
    await waitFor('the new lines', () => service.stats().lines === 2);
    await service.settle();
    assert.deepEqual(bans, []);
    fixture.append('mail.log', [
      saslFailure('203.0.113.80'),
      saslFailure('203.0.113.80'),
      saslFailure('203.0.113.80'),
    ]);
    await waitFor('the failures of a banned address', () => service.stats().pipeline.alreadyBanned === 1);
    assert.deepEqual(bans, [], 'an address already banned is not banned again');
    await service.stop();
    await store.close();
  });
});
