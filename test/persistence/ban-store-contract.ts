// The contract every BanStore passes (SQLite file, memory): current bans, history, unbans, purge,
// import, positions and close. Each implementation's test file runs it with a harness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../src/core/errors.js';
import type { SourcePosition } from '../../src/core/positions.js';
import type { BanDecision } from '../../src/core/records.js';
import type { BanHistoryRow, BanStore } from '../../src/persistence/ban-store.js';
import type { BanStoreOptions } from '../../src/persistence/store-options.js';

export interface OpenedStore {
  readonly store: BanStore;
  /** Opens the same data again after close(). */
  reopen(): BanStore;
  cleanup(): void;
}

export interface BanStoreHarness {
  readonly name: string;
  open(options?: BanStoreOptions): OpenedStore;
  /** Why data cannot outlive the instance; undefined when reopen() keeps it. */
  readonly reopenSkip?: string;
}

const hour = 3_600_000;
const t0 = Date.UTC(2026, 10, 21, 12);

export function ban(overrides: Partial<BanDecision> = {}): BanDecision {
  return {
    jail: 'sshd',
    address: '192.0.2.7',
    family: 4,
    startMs: t0,
    durationSec: 600,
    banCount: 1,
    failures: 5,
    ...overrides,
  };
}

const byKey = <T extends { jail: string; address: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (a.jail + a.address < b.jail + b.address ? -1 : 1));

async function withStore(
  harness: BanStoreHarness,
  body: (store: BanStore, opened: OpenedStore) => Promise<void>,
  options?: BanStoreOptions,
): Promise<void> {
  const opened = harness.open(options);
  try {
    await body(opened.store, opened);
  } finally {
    await opened.store.close();
    opened.cleanup();
  }
}

function history(
  jail: string,
  address: string,
  count: number,
  lastStartMs: number,
  durationSec: number,
): BanHistoryRow {
  return { jail, address, count, lastStartMs, durationSec };
}

export function runBanStoreContract(harness: BanStoreHarness): void {
  const name = harness.name;

  test(`${name}: recorded bans come back as active bans with every field but the log lines`, () =>
    withStore(harness, async (store) => {
      const bans = [
        ban(),
        ban({
          jail: 'postfix',
          address: '2001:db8::1',
          family: 6,
          banCount: 3,
          failures: 9,
          durationSec: 3600,
        }),
        ban({ address: '198.51.100.0/24', durationSec: -1, matches: ['a line'] }),
      ];
      await store.recordBans(bans);
      const active = await store.activeBans(t0 + 1000);
      assert.deepEqual(byKey(active), byKey(bans.map(({ matches: _m, ...rest }) => rest)));
    }));

  test(`${name}: log lines are returned on request, the latest maxMatches of them cut to maxMatchLength`, () =>
    withStore(
      harness,
      async (store) => {
        await store.recordBans([
          ban({ matches: ['one', 'two', 'three', 'four-long-line'] }),
          ban({ address: '192.0.2.8', matches: [] }),
        ]);
        const active = byKey(await store.activeBans(t0, { matches: true }));
        assert.deepEqual(active[0]?.matches, ['two', 'three', 'four-']);
        assert.equal(active[1]?.matches, undefined);
      },
      { maxMatches: 3, maxMatchLength: 5 },
    ));

  test(`${name}: maxMatches 0 keeps no log lines`, () =>
    withStore(
      harness,
      async (store) => {
        await store.recordBans([ban({ matches: ['one'] })]);
        assert.equal((await store.activeBans(t0, { matches: true }))[0]?.matches, undefined);
      },
      { maxMatches: 0 },
    ));

  test(`${name}: a ban is active until it ends (not at its end), a permanent one always`, () =>
    withStore(harness, async (store) => {
      await store.recordBans([ban(), ban({ address: '192.0.2.9', durationSec: -1 })]);
      assert.equal((await store.activeBans(t0 + 599_999)).length, 2);
      const later = await store.activeBans(t0 + 600_000);
      assert.deepEqual(
        later.map((b) => b.address),
        ['192.0.2.9'],
      );
      assert.equal((await store.activeBans(t0 + 100 * 365 * 24 * hour)).length, 1);
    }));

  test(`${name}: a new ban of an address in a jail replaces its current ban and counts twice in the history`, () =>
    withStore(harness, async (store) => {
      await store.recordBans([ban()]);
      await store.recordBans([ban({ startMs: t0 + hour, durationSec: 1200, banCount: 2 })]);
      assert.deepEqual(await store.activeBans(t0 + hour), [
        ban({ startMs: t0 + hour, durationSec: 1200, banCount: 2 }),
      ]);
      assert.deepEqual(await store.banHistory(), [history('sshd', '192.0.2.7', 2, t0 + hour, 1200)]);
      assert.deepEqual(await store.counts(), { bans: 1, history: 1, positions: 0 });
    }));

  test(`${name}: an older ban arriving late replaces nothing but still counts in the history`, () =>
    withStore(harness, async (store) => {
      await store.recordBans([ban({ startMs: t0 + hour, durationSec: 1200 })]);
      await store.recordBans([ban({ durationSec: 60_000 })]);
      assert.deepEqual(await store.activeBans(t0 + hour), [ban({ startMs: t0 + hour, durationSec: 1200 })]);
      assert.deepEqual(await store.banHistory(), [history('sshd', '192.0.2.7', 2, t0 + hour, 1200)]);
    }));

  test(`${name}: two bans of one address in one batch keep the later one and count both`, () =>
    withStore(harness, async (store) => {
      await store.recordBans([ban({ startMs: t0 + 5 }), ban({ durationSec: 7 })]);
      assert.deepEqual(await store.activeBans(t0), [ban({ startMs: t0 + 5 })]);
      assert.deepEqual(await store.banHistory(), [history('sshd', '192.0.2.7', 2, t0 + 5, 600)]);
    }));

  test(`${name}: the same address in two jails is two bans with two histories`, () =>
    withStore(harness, async (store) => {
      await store.recordBans([ban(), ban({ jail: 'postfix' })]);
      assert.equal((await store.activeBans(t0)).length, 2);
      assert.deepEqual(byKey(await store.banHistory()), [
        history('postfix', '192.0.2.7', 1, t0, 600),
        history('sshd', '192.0.2.7', 1, t0, 600),
      ]);
    }));

  test(`${name}: recordUnbans removes the bans and history started at or before atMs, nothing else`, () =>
    withStore(harness, async (store) => {
      await store.recordBans([
        ban(),
        ban({ jail: 'postfix' }),
        ban({ address: '192.0.2.8', startMs: t0 + hour }),
      ]);
      const removed = await store.recordUnbans(
        [
          { jail: 'sshd', address: '192.0.2.7', family: 4 },
          { jail: 'sshd', address: '192.0.2.8', family: 4 },
          { jail: 'nosuchjail', address: '192.0.2.7', family: 4 },
          { jail: 'sshd', address: '203.0.113.1', family: 4 },
        ],
        t0 + 1000,
      );
      assert.equal(removed, 1);
      assert.deepEqual(
        byKey(await store.activeBans(t0 + 1000)).map((b) => `${b.jail} ${b.address}`),
        ['postfix 192.0.2.7', 'sshd 192.0.2.8'],
      );
      assert.deepEqual(
        byKey(await store.banHistory()).map((h) => `${h.jail} ${h.address}`),
        ['postfix 192.0.2.7', 'sshd 192.0.2.8'],
      );
      assert.equal(await store.recordUnbans([], t0), 0);
    }));

  test(`${name}: unbanAll empties one jail or every jail`, () =>
    withStore(harness, async (store) => {
      await store.recordBans([ban(), ban({ address: '192.0.2.8' }), ban({ jail: 'postfix' })]);
      assert.equal(await store.unbanAll('sshd'), 2);
      assert.equal(await store.unbanAll('nosuchjail'), 0);
      assert.deepEqual(
        (await store.banHistory()).map((h) => h.jail),
        ['postfix'],
      );
      assert.equal(await store.unbanAll(), 1);
      assert.deepEqual(await store.counts(), { bans: 0, history: 0, positions: 0 });
      await store.recordBans([ban()]);
      assert.equal((await store.activeBans(t0)).length, 1, 'a jail emptied earlier takes bans again');
    }));

  test(`${name}: purge drops bans ended before the limit and history past start + 3 × ban time, keeps permanent ones`, () =>
    withStore(harness, async (store) => {
      const day = 24 * hour;
      await store.recordBans([
        ban({ address: '192.0.2.1', durationSec: 3600 }), // ends t0+1h, history until t0+3h
        ban({ address: '192.0.2.2', durationSec: 4 * 3600 }), // ends t0+4h, history until t0+12h
        ban({ address: '192.0.2.3', durationSec: -1 }),
        ban({ address: '192.0.2.4', startMs: t0 + 2 * day, durationSec: 60 }),
      ]);
      assert.deepEqual(await store.purge(t0 + hour), { bans: 0, history: 0 });
      assert.deepEqual(await store.purge(t0 + 2 * hour), { bans: 1, history: 0 });
      assert.deepEqual(await store.purge(t0 + 3 * hour + 1), { bans: 0, history: 1 });
      assert.deepEqual(await store.purge(t0 + day), { bans: 1, history: 1 });
      assert.deepEqual(
        byKey(await store.banHistory()).map((h) => h.address),
        ['192.0.2.3', '192.0.2.4'],
      );
      assert.deepEqual(
        byKey(await store.activeBans(t0 + day)).map((b) => b.address),
        ['192.0.2.3', '192.0.2.4'],
      );
    }));

  test(`${name}: importRecords adds no history for its bans and merges history by maximum, so a second import changes nothing`, async () =>
    withStore(harness, async (store) => {
      await store.recordBans([ban({ address: '192.0.2.1' })]);
      const bans = [ban({ address: '192.0.2.2', banCount: 4, matches: ['x'] })];
      const rows = [history('sshd', '192.0.2.1', 3, t0 - hour, 60), history('sshd', '192.0.2.2', 4, t0, 600)];
      await store.importRecords(bans, rows);
      await store.importRecords(bans, rows);
      assert.deepEqual(byKey(await store.banHistory()), [
        history('sshd', '192.0.2.1', 3, t0, 600),
        history('sshd', '192.0.2.2', 4, t0, 600),
      ]);
      const active = byKey(await store.activeBans(t0, { matches: true }));
      assert.deepEqual(active[1], bans[0]);
    }));

  test(`${name}: positions round-trip by key and the latest save wins`, () =>
    withStore(harness, async (store) => {
      const file: SourcePosition = {
        kind: 'file',
        path: '/var/log/mail.log',
        offset: 42,
        firstLineHash: 'ab',
      };
      const journal: SourcePosition = { kind: 'journal', cursor: 's=1;i=2' };
      assert.equal(await store.load('file:/var/log/mail.log'), undefined);
      await store.save('file:/var/log/mail.log', file);
      await store.save('journal:j', journal);
      await store.save('memory:m', { kind: 'memory', offset: 1 });
      await store.save('memory:m', { kind: 'memory', offset: 2 });
      assert.deepEqual(await store.load('file:/var/log/mail.log'), file);
      await store.flushPositions();
      assert.deepEqual(await store.load('journal:j'), journal);
      assert.deepEqual(await store.load('memory:m'), { kind: 'memory', offset: 2 });
      await store.save('memory:m', { kind: 'memory', offset: 3 });
      assert.deepEqual(
        await store.load('memory:m'),
        { kind: 'memory', offset: 3 },
        'reads its own unflushed write',
      );
      assert.equal((await store.counts()).positions, 3);
    }));

  test(`${name}: an empty batch changes nothing`, () =>
    withStore(harness, async (store) => {
      await store.recordBans([]);
      await store.importRecords([], []);
      assert.deepEqual(await store.counts(), { bans: 0, history: 0, positions: 0 });
    }));

  test(`${name}: after close every method rejects with F2N_ERR_STORE_CLOSED, and close again is harmless`, async () => {
    const opened = harness.open();
    try {
      const { store } = opened;
      await store.close();
      await store.close();
      const isClosed = (error: unknown): boolean =>
        error instanceof Fail2nftError && error.code === 'F2N_ERR_STORE_CLOSED';
      await assert.rejects(store.recordBans([ban()]), isClosed);
      await assert.rejects(store.recordUnbans([], t0), isClosed);
      await assert.rejects(store.unbanAll(), isClosed);
      await assert.rejects(store.activeBans(t0), isClosed);
      await assert.rejects(store.banHistory(), isClosed);
      await assert.rejects(store.importRecords([], []), isClosed);
      await assert.rejects(store.purge(t0), isClosed);
      await assert.rejects(store.load('k'), isClosed);
      await assert.rejects(store.save('k', { kind: 'memory', offset: 0 }), isClosed);
      await assert.rejects(store.flushPositions(), isClosed);
      await assert.rejects(store.counts(), isClosed);
    } finally {
      opened.cleanup();
    }
  });

  test(`${name}: an invalid option is F2N_ERR_STORE_BAD_OPTION naming the option`, () => {
    assert.throws(
      () => harness.open({ maxMatches: -1 }),
      (error: unknown) =>
        error instanceof Fail2nftError &&
        error.code === 'F2N_ERR_STORE_BAD_OPTION' &&
        /maxMatches/.test(error.message),
    );
  });

  test(
    `${name}: reopening keeps bans, history and positions`,
    { skip: harness.reopenSkip ?? false },
    async () => {
      const opened = harness.open();
      try {
        await opened.store.recordBans([
          ban({ matches: ['line'] }),
          ban({ address: '192.0.2.8', durationSec: -1 }),
        ]);
        await opened.store.save('memory:m', { kind: 'memory', offset: 7 });
        await opened.store.close();
        const again = opened.reopen();
        try {
          assert.equal((await again.activeBans(t0, { matches: true })).length, 2);
          assert.deepEqual(byKey(await again.activeBans(t0, { matches: true }))[0]?.matches, ['line']);
          assert.equal((await again.banHistory()).length, 2);
          assert.deepEqual(await again.load('memory:m'), { kind: 'memory', offset: 7 });
        } finally {
          await again.close();
        }
      } finally {
        opened.cleanup();
      }
    },
  );
}
