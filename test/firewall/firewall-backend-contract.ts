// The contract every FirewallBackend passes (nftables and ipset in a fresh network namespace, dry-run
// in memory): sets per jail, bans with their remaining time, unbans that never fail, replacement of a
// timeout, validation at the boundary, restart without losing bans, reconcile, reconfigure, stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../src/core/errors.js';
import type { BanDecision, UnbanDecision } from '../../src/core/records.js';
import type { FirewallBackend } from '../../src/firewall/firewall-backend.js';
import type { FirewallJailSpec } from '../../src/firewall/firewall-jail-spec.js';
import type { ElementMap } from './support/kernel-elements.js';

export interface ContractKernel {
  createBackend(options?: { readonly maxTimeoutSec?: number }): FirewallBackend;
  /** Every element of a jail's four sets: text -> remaining seconds (undefined = permanent). */
  elements(jail: string): Promise<ElementMap>;
  /** Names of all fail2nft sets present. */
  setNames(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export interface FirewallBackendHarness {
  readonly name: string;
  /** Why the suite cannot run here (a missing tool), or false. */
  readonly skip: string | false;
  open(): Promise<ContractKernel>;
}

const sshd: FirewallJailSpec = {
  jail: 'sshd',
  rules: [{ ports: [{ first: 22, last: 22 }], protocols: ['tcp'], blocktype: 'reject' }],
};
const mail: FirewallJailSpec = {
  jail: 'mail',
  rules: [{ ports: 'all', protocols: 'all', blocktype: 'drop' }],
};

function ban(jail: string, address: string, startMs: number, durationSec: number): BanDecision {
  return {
    jail,
    address,
    family: address.includes(':') ? 6 : 4,
    startMs,
    durationSec,
    banCount: 1,
    failures: 3,
  };
}

function unban(jail: string, address: string): UnbanDecision {
  return { jail, address, family: address.includes(':') ? 6 : 4 };
}

/** Remaining seconds are read some milliseconds later than they were written. */
function assertAbout(actual: number | undefined, expected: number, what: string): void {
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= 3,
    `${what}: expected about ${expected} s, got ${actual}`,
  );
}

export function runFirewallBackendContract(harness: FirewallBackendHarness): void {
  const name = harness.name;
  const options = harness.skip === false ? {} : { skip: harness.skip };

  async function withKernel(body: (kernel: ContractKernel) => Promise<void>): Promise<void> {
    const kernel = await harness.open();
    try {
      await body(kernel);
    } finally {
      await kernel.cleanup();
    }
  }

  test(`${name}: bans addresses and networks of both families with their remaining time`, options, () =>
    withKernel(async (kernel) => {
      const backend = kernel.createBackend();
      await backend.start([sshd, mail]);
      const now = Date.now();
      const result = await backend.apply(
        {
          bans: [
            ban('sshd', '192.0.2.1', now - 100_000, 600),
            ban('sshd', '2001:DB8::1', now, -1),
            ban('sshd', '198.51.100.0/24', now, 300),
            ban('sshd', '2001:db8:1::/48', now, 300),
            ban('sshd', '203.0.113.9/32', now, 60),
            ban('mail', '192.0.2.1', now, 60),
          ],
          unbans: [],
        },
        now,
      );
      assert.deepEqual(result, { applied: 6, rejected: [] });
      const elements = await kernel.elements('sshd');
      assert.deepEqual([...elements.keys()].sort(), [
        '192.0.2.1',
        '198.51.100.0/24',
        '2001:db8:1::/48',
        '2001:db8::1',
        '203.0.113.9',
      ]);
      assertAbout(elements.get('192.0.2.1'), 500, '192.0.2.1');
      assert.equal(elements.get('2001:db8::1'), undefined);
      assertAbout(elements.get('198.51.100.0/24'), 300, 'the IPv4 network');
      assertAbout(elements.get('2001:db8:1::/48'), 300, 'the IPv6 network');
      assert.deepEqual([...(await kernel.elements('mail')).keys()], ['192.0.2.1']);
    }),
  );

  test(`${name}: unbans remove elements, and unbanning an absent address is no error`, options, () =>
    withKernel(async (kernel) => {
      const backend = kernel.createBackend();
      await backend.start([sshd]);
      const now = Date.now();
      await backend.apply(
        { bans: [ban('sshd', '192.0.2.1', now, 600), ban('sshd', '192.0.2.2', now, 600)], unbans: [] },
        now,
      );
      const result = await backend.apply(
        {
          bans: [],
          unbans: [unban('sshd', '192.0.2.1'), unban('sshd', '192.0.2.77'), unban('sshd', '2001:db8::5')],
        },
        now,
      );
      assert.deepEqual(result.rejected, []);
      assert.deepEqual([...(await kernel.elements('sshd')).keys()], ['192.0.2.2']);
    }),
  );

  test(`${name}: a new ban of a banned address replaces its timeout, longer or shorter`, options, () =>
    withKernel(async (kernel) => {
      const backend = kernel.createBackend();
      await backend.start([sshd]);
      const now = Date.now();
      await backend.apply(
        { bans: [ban('sshd', '192.0.2.1', now, 100), ban('sshd', '192.0.2.2', now, 5000)], unbans: [] },
        now,
      );
      await backend.apply(
        { bans: [ban('sshd', '192.0.2.1', now, 4000), ban('sshd', '192.0.2.2', now, 200)], unbans: [] },
        now,
      );
      const elements = await kernel.elements('sshd');
      assertAbout(elements.get('192.0.2.1'), 4000, 'the longer ban');
      assertAbout(elements.get('192.0.2.2'), 200, 'the shorter ban');
      await backend.apply({ bans: [ban('sshd', '192.0.2.2', now, -1)], unbans: [] }, now);
      assert.equal((await kernel.elements('sshd')).get('192.0.2.2'), undefined);
      assert.ok((await kernel.elements('sshd')).has('192.0.2.2'));
    }),
  );

  test(
    `${name}: invalid addresses and unknown jails are rejected and counted, the rest is applied`,
    options,
    () =>
      withKernel(async (kernel) => {
        const backend = kernel.createBackend();
        await backend.start([sshd]);
        const now = Date.now();
        const result = await backend.apply(
          {
            bans: [
              ban('sshd', '192.0.2.1', now, 600),
              ban('sshd', '192.0.2.1 } ; flush ruleset', now, 600),
              ban('sshd', '999.1.1.1', now, 600),
              ban('sshd', 'fe80::1%eth0', now, 600),
              ban('other', '192.0.2.3', now, 600),
            ],
            unbans: [unban('sshd', 'not-an-address')],
          },
          now,
        );
        assert.equal(result.applied, 1);
        assert.deepEqual(
          result.rejected.map((r) => [r.kind, r.change.address, r.error.code]),
          [
            ['unban', 'not-an-address', 'F2N_ERR_FIREWALL_BAD_ADDRESS'],
            ['ban', '192.0.2.1 } ; flush ruleset', 'F2N_ERR_FIREWALL_BAD_ADDRESS'],
            ['ban', '999.1.1.1', 'F2N_ERR_FIREWALL_BAD_ADDRESS'],
            ['ban', 'fe80::1%eth0', 'F2N_ERR_FIREWALL_BAD_ADDRESS'],
            ['ban', '192.0.2.3', 'F2N_ERR_FIREWALL_UNKNOWN_JAIL'],
          ],
        );
        assert.equal(backend.stats().rejected, 5);
        assert.deepEqual([...(await kernel.elements('sshd')).keys()], ['192.0.2.1']);
      }),
  );

  test(`${name}: a ban already over gets one second and a ban beyond the cap gets the cap`, options, () =>
    withKernel(async (kernel) => {
      const backend = kernel.createBackend({ maxTimeoutSec: 100 });
      assert.equal(backend.maxTimeoutSec, 100);
      await backend.start([sshd]);
      const now = Date.now();
      await backend.apply(
        {
          bans: [ban('sshd', '192.0.2.1', now - 3_600_000, 60), ban('sshd', '192.0.2.2', now, 100_000)],
          unbans: [],
        },
        now,
      );
      const elements = await kernel.elements('sshd');
      assert.ok((elements.get('192.0.2.1') ?? 99) <= 1, 'the ended ban lives one second at most');
      assertAbout(elements.get('192.0.2.2'), 100, 'the capped ban');
    }),
  );

  test(`${name}: starting again (a restart) keeps the bans in the kernel`, options, () =>
    withKernel(async (kernel) => {
      const first = kernel.createBackend();
      await first.start([sshd, mail]);
      const now = Date.now();
      await first.apply(
        { bans: [ban('sshd', '192.0.2.1', now, 600), ban('mail', '2001:db8::9', now, -1)], unbans: [] },
        now,
      );
      await first.stop();
      const second = kernel.createBackend();
      const started = await second.start([sshd, mail]);
      assert.deepEqual(started.removedSets, []);
      assert.deepEqual([...(await kernel.elements('sshd')).keys()], ['192.0.2.1']);
      assert.deepEqual([...(await kernel.elements('mail')).keys()], ['2001:db8::9']);
    }),
  );

  test(`${name}: reconcile leaves exactly the given bans in every jail's sets`, options, () =>
    withKernel(async (kernel) => {
      const backend = kernel.createBackend();
      await backend.start([sshd, mail]);
      const now = Date.now();
      await backend.apply(
        {
          bans: [
            ban('sshd', '192.0.2.1', now, 600),
            ban('sshd', '10.0.0.0/8', now, 600),
            ban('mail', '192.0.2.5', now, 600),
          ],
          unbans: [],
        },
        now,
      );
      const result = await backend.reconcile(
        [
          ban('sshd', '192.0.2.2', now, 600),
          ban('sshd', '2001:db8::/64', now, -1),
          ban('gone', '192.0.2.9', now, 600),
        ],
        now,
      );
      assert.equal(result.applied, 2);
      assert.deepEqual(
        result.rejected.map((r) => r.error.code),
        ['F2N_ERR_FIREWALL_UNKNOWN_JAIL'],
      );
      assert.deepEqual([...(await kernel.elements('sshd')).keys()].sort(), ['192.0.2.2', '2001:db8::/64']);
      assert.deepEqual([...(await kernel.elements('mail')).keys()], []);
    }),
  );

  test(`${name}: reconfigure removes the sets of jails that left and keeps the others' bans`, options, () =>
    withKernel(async (kernel) => {
      const backend = kernel.createBackend();
      await backend.start([sshd, mail]);
      const now = Date.now();
      await backend.apply(
        { bans: [ban('sshd', '192.0.2.1', now, 600), ban('mail', '192.0.2.5', now, 600)], unbans: [] },
        now,
      );
      const changed: FirewallJailSpec = {
        jail: 'sshd',
        rules: [{ ports: [{ first: 2222, last: 2222 }], protocols: ['tcp', 'udp'], blocktype: 'drop' }],
      };
      const result = await backend.reconfigure([changed]);
      assert.equal(result.removedSets.length, 4);
      assert.ok(result.removedSets.every((set) => set.includes('mail')));
      const names = await kernel.setNames();
      assert.ok(
        names.every((set) => !set.includes('mail')),
        `left: ${names.join(', ')}`,
      );
      assert.deepEqual([...(await kernel.elements('sshd')).keys()], ['192.0.2.1']);
      assert.ok(backend.describe().jails[0]?.rules.some((rule) => rule.includes('2222')));
      const late = await backend.apply({ bans: [ban('mail', '192.0.2.6', now, 600)], unbans: [] }, now);
      assert.equal(late.rejected[0]?.error.code, 'F2N_ERR_FIREWALL_UNKNOWN_JAIL');
    }),
  );

  test(`${name}: apply before start is refused, and stop keeps the bans`, options, () =>
    withKernel(async (kernel) => {
      const backend = kernel.createBackend();
      const now = Date.now();
      await assert.rejects(
        backend.apply({ bans: [ban('sshd', '192.0.2.1', now, 600)], unbans: [] }, now),
        (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_FIREWALL_NOT_STARTED',
      );
      await backend.start([sshd]);
      await backend.apply({ bans: [ban('sshd', '192.0.2.1', now, 600)], unbans: [] }, now);
      await backend.stop();
      assert.equal(backend.describe().started, false);
      assert.deepEqual([...(await kernel.elements('sshd')).keys()], ['192.0.2.1']);
      await assert.rejects(backend.reconcile([], now), /not started/);
    }),
  );

  test(`${name}: jail names with odd characters get safe, distinct set names`, options, () =>
    withKernel(async (kernel) => {
      const backend = kernel.createBackend();
      const odd: FirewallJailSpec = { jail: 'my jail/ä;{}', rules: mail.rules };
      const long: FirewallJailSpec = {
        jail: 'a-rather-long-jail-name-for-apache-fakegooglebot-x',
        rules: mail.rules,
      };
      await backend.start([odd, long, sshd]);
      const now = Date.now();
      await backend.apply(
        { bans: [ban(odd.jail, '192.0.2.1', now, 600), ban(long.jail, '192.0.2.2', now, 600)], unbans: [] },
        now,
      );
      assert.deepEqual([...(await kernel.elements(odd.jail)).keys()], ['192.0.2.1']);
      assert.deepEqual([...(await kernel.elements(long.jail)).keys()], ['192.0.2.2']);
      const sets = backend.describe().jails.map((jail) => jail.sets.v4);
      assert.equal(new Set(sets).size, 3);
      for (const set of sets) assert.match(set, /^f2n-[A-Za-z0-9_-]+-v4$/);
    }),
  );

  test(`${name}: jails given twice are refused before anything changes`, options, () =>
    withKernel(async (kernel) => {
      const backend = kernel.createBackend();
      await assert.rejects(
        backend.start([sshd, sshd]),
        (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_FIREWALL_BAD_OPTION',
      );
      assert.deepEqual(await kernel.setNames(), []);
    }),
  );

  test(`${name}: an empty batch runs no transaction; describe and stats tell what was done`, options, () =>
    withKernel(async (kernel) => {
      const backend = kernel.createBackend();
      await backend.start([sshd]);
      const before = backend.stats().transactions;
      assert.deepEqual(await backend.apply({ bans: [], unbans: [] }, Date.now()), {
        applied: 0,
        rejected: [],
      });
      assert.equal(backend.stats().transactions, before);
      await backend.apply({ bans: [ban('sshd', '192.0.2.1', Date.now(), 600)], unbans: [] }, Date.now());
      const stats = backend.stats();
      assert.equal(stats.elements, 1);
      assert.equal(stats.failedTransactions, 0);
      const description = backend.describe();
      assert.equal(description.backend, backend.kind);
      assert.equal(description.started, true);
      assert.deepEqual(
        description.jails.map((jail) => jail.jail),
        ['sshd'],
      );
      assert.ok((description.jails[0]?.rules.length ?? 0) >= 2);
    }),
  );
}
