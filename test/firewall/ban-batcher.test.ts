import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import { Fail2nftError } from '../../src/core/errors.js';
import type { BanDecision, UnbanDecision } from '../../src/core/records.js';
import {
  createBanBatcher,
  type BanBatcherOptions,
  type BatchFailure,
} from '../../src/firewall/ban-batcher.js';
import type { ApplyResult, FirewallBatch } from '../../src/firewall/firewall-batch.js';
import { ManualTimers } from '../../src/firewall/manual-timers.js';

function ban(address: string, durationSec = 600): BanDecision {
  return { jail: 'j', address, family: 4, startMs: 0, durationSec, banCount: 1, failures: 1 };
}

function unban(address: string): UnbanDecision {
  return { jail: 'j', address, family: 4 };
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A backend double: records every apply with its clock time; `fail` decides which batches fail. */
class FakeBackend {
  readonly calls: { atMs: number; batch: FirewallBatch }[] = [];
  readonly committed = new Map<string, 'ban' | 'unban'>();
  fail: (batch: FirewallBatch) => boolean = () => false;
  rejectAddress: string | undefined;
  hold = false;
  private releases: (() => void)[] = [];

  constructor(private readonly clock: ManualClock) {}

  async apply(batch: FirewallBatch): Promise<ApplyResult> {
    this.calls.push({ atMs: this.clock.now(), batch });
    if (this.hold) await new Promise<void>((resolve) => this.releases.push(resolve));
    if (this.fail(batch)) throw new Fail2nftError('F2N_ERR_FIREWALL_COMMAND_FAILED', 'kernel says no');
    const rejected = batch.bans
      .filter((b) => b.address === this.rejectAddress)
      .map((change) => ({
        kind: 'ban' as const,
        change,
        error: new Fail2nftError('F2N_ERR_FIREWALL_BAD_ADDRESS'),
      }));
    for (const b of batch.bans) if (b.address !== this.rejectAddress) this.committed.set(b.address, 'ban');
    for (const u of batch.unbans) this.committed.set(u.address, 'unban');
    return { applied: batch.bans.length + batch.unbans.length - rejected.length, rejected };
  }

  release(): void {
    const releases = this.releases;
    this.releases = [];
    for (const release of releases) release();
  }
}

function setup(options: Partial<BanBatcherOptions> = {}) {
  const clock = new ManualClock(0);
  const timers = new ManualTimers(clock);
  const backend = new FakeBackend(clock);
  const committed: FirewallBatch[] = [];
  const failed: BatchFailure[] = [];
  const batcher = createBanBatcher({
    backend,
    clock,
    timers,
    onCommitted: (batch) => committed.push(batch),
    onFailed: (failure) => failed.push(failure),
    ...options,
  });
  return { clock, timers, backend, batcher, committed, failed };
}

const addresses = (batch: FirewallBatch | undefined) => [
  ...(batch?.bans ?? []).map((b) => b.address),
  ...(batch?.unbans ?? []).map((u) => `-${u.address}`),
];

test('a batch is committed maxDelayMs after its first change, not before', async () => {
  const { timers, backend, batcher } = setup({ maxDelayMs: 5 });
  batcher.submit(ban('192.0.2.1'));
  await timers.advance(3);
  batcher.submit(ban('192.0.2.2'));
  await timers.advance(1);
  assert.equal(backend.calls.length, 0);
  await timers.advance(1);
  assert.equal(backend.calls.length, 1);
  assert.equal(backend.calls[0]?.atMs, 5);
  assert.deepEqual(addresses(backend.calls[0]?.batch), ['192.0.2.1', '192.0.2.2']);
});

test('maxBatch queued changes are committed at once, without waiting for the delay', async () => {
  const { backend, batcher } = setup({ maxBatch: 3, maxDelayMs: 1000 });
  for (const last of [1, 2, 3, 4]) batcher.submit(ban(`192.0.2.${last}`));
  await settle();
  assert.equal(backend.calls.length, 1);
  assert.deepEqual(addresses(backend.calls[0]?.batch), ['192.0.2.1', '192.0.2.2', '192.0.2.3']);
  assert.equal(batcher.stats().queued, 1);
});

test('one transaction at a time: changes arriving meanwhile form the next batch, in order', async () => {
  const { timers, backend, batcher } = setup({ maxBatch: 3, maxDelayMs: 5 });
  backend.hold = true;
  batcher.submit(ban('a'));
  await timers.advance(5);
  assert.equal(backend.calls.length, 1);
  for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h']) batcher.submit(ban(name));
  await timers.advance(50);
  assert.equal(backend.calls.length, 1);
  assert.deepEqual(batcher.stats().inFlight, 1);
  assert.deepEqual(batcher.stats().queued, 7);
  backend.hold = false;
  backend.release();
  await settle();
  await settle();
  assert.deepEqual(
    backend.calls.map((call) => addresses(call.batch)),
    [['a'], ['b', 'c', 'd'], ['e', 'f', 'g'], ['h']],
  );
});

test('the last change of a jail and address wins within a batch', async () => {
  const { timers, backend, batcher } = setup();
  batcher.submit(ban('x', 10));
  batcher.submit(unban('x'));
  batcher.submit(ban('y'));
  batcher.submit(unban('z'));
  batcher.submit(ban('x', 100));
  await timers.advance(5);
  const batch = backend.calls[0]?.batch;
  assert.deepEqual(addresses(batch), ['y', 'x', '-z']);
  assert.equal(batch?.bans.find((b) => b.address === 'x')?.durationSec, 100);
});

test('a failing transaction is retried with exponential backoff up to the cap', async () => {
  const { timers, backend, batcher, committed } = setup({
    maxDelayMs: 5,
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 150 },
  });
  let failures = 3;
  backend.fail = () => failures-- > 0;
  batcher.submit(ban('192.0.2.1'));
  await timers.advance(1000);
  assert.deepEqual(
    backend.calls.map((call) => call.atMs),
    [5, 105, 255, 405],
  );
  assert.equal(committed.length, 1);
  const stats = batcher.stats();
  assert.equal(stats.retries, 3);
  assert.equal(stats.failures, 3);
  assert.equal(stats.transactions, 4);
  assert.equal(stats.elements, 1);
});

test('a batch that keeps failing is split until the refused change is isolated; the rest is committed', async () => {
  const { timers, backend, batcher, failed } = setup({ retry: { attempts: 2, baseDelayMs: 10 } });
  backend.fail = (batch) => batch.bans.some((b) => b.address === 'bad');
  const names = ['a', 'b', 'c', 'bad', 'd', 'e', 'f', 'g'];
  for (const name of names) batcher.submit(ban(name));
  await timers.advance(100);
  await batcher.flush();
  assert.deepEqual(
    failed.map((f) => f.changes.map((c) => c.address)),
    [['bad']],
  );
  assert.equal(failed[0]?.error.message, 'kernel says no');
  assert.deepEqual([...backend.committed.keys()].sort(), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  // 2 tries of the batch, then halves (4 + 4), quarters of the bad half (2 + 2), then the pair (1 + 1).
  assert.equal(batcher.stats().transactions, 2 + 2 + 2 + 2);
  assert.equal(batcher.stats().failedChanges, 1);
});

test('when splitting runs out of budget the unresolved changes are reported, none is lost', async () => {
  const { timers, backend, batcher, failed } = setup({ retry: { attempts: 1, isolationBudget: 2 } });
  backend.fail = () => true;
  for (let i = 0; i < 8; i++) batcher.submit(ban(`192.0.2.${i}`));
  await timers.advance(5);
  await batcher.flush();
  const reported = failed.flatMap((f) => f.changes.map((c) => c.address)).sort();
  assert.equal(reported.length, 8);
  assert.equal(new Set(reported).size, 8);
  assert.equal(batcher.stats().transactions, 3);
  assert.equal(batcher.stats().failedChanges, 8);
});

test('changes the backend refuses at its boundary are reported through onFailed', async () => {
  const { timers, backend, batcher, failed, committed } = setup();
  backend.rejectAddress = 'not-an-ip';
  batcher.submit(ban('192.0.2.1'));
  batcher.submit(ban('not-an-ip'));
  await timers.advance(5);
  assert.equal(committed.length, 1);
  assert.deepEqual(
    failed.map((f) => [f.changes[0]?.address, f.error.code]),
    [['not-an-ip', 'F2N_ERR_FIREWALL_BAD_ADDRESS']],
  );
  assert.equal(batcher.stats().elements, 1);
});

test('flush commits at once and resolves when everything submitted so far is done', async () => {
  const { backend, batcher } = setup({ maxDelayMs: 60_000 });
  await batcher.flush();
  assert.equal(backend.calls.length, 0);
  batcher.submit(ban('192.0.2.1'));
  batcher.submit(unban('192.0.2.2'));
  await batcher.flush();
  assert.equal(backend.calls.length, 1);
  assert.deepEqual(
    [...backend.committed.entries()],
    [
      ['192.0.2.1', 'ban'],
      ['192.0.2.2', 'unban'],
    ],
  );
  assert.equal(batcher.stats().queued, 0);
});

test('flush waits for a transaction under way and for the changes queued behind it', async () => {
  const { timers, backend, batcher } = setup({ maxDelayMs: 5 });
  backend.hold = true;
  batcher.submit(ban('a'));
  await timers.advance(5);
  batcher.submit(ban('b'));
  let flushed = false;
  const flushing = batcher.flush().then(() => (flushed = true));
  await settle();
  assert.equal(flushed, false);
  backend.hold = false;
  backend.release();
  await flushing;
  assert.deepEqual([...backend.committed.keys()], ['a', 'b']);
});

test('close flushes and then refuses changes', async () => {
  const { backend, batcher } = setup({ maxDelayMs: 60_000 });
  batcher.submit(ban('192.0.2.1'));
  await batcher.close();
  assert.equal(backend.committed.size, 1);
  assert.throws(
    () => batcher.submit(ban('192.0.2.2')),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_FIREWALL_BATCHER_CLOSED',
  );
});

test('stats tell the last commit time and its duration', async () => {
  const { timers, batcher } = setup();
  assert.deepEqual(batcher.stats(), {
    transactions: 0,
    elements: 0,
    failures: 0,
    retries: 0,
    failedChanges: 0,
    lastCommitMs: 0,
    lastCommitDurationMs: 0,
    queued: 0,
    inFlight: 0,
  });
  await timers.advance(1000);
  batcher.submit(ban('192.0.2.1'));
  await timers.advance(5);
  assert.equal(batcher.stats().lastCommitMs, 1005);
  assert.equal(batcher.stats().lastCommitDurationMs, 0);
});

test('invalid batcher options are refused with their own message', () => {
  const clock = new ManualClock();
  const backend = new FakeBackend(clock);
  assert.throws(() => createBanBatcher({ backend, clock, maxBatch: 0 }), {
    message: 'ban batcher: option maxBatch must be an integer from 1 to 10000000 (got 0)',
  });
  assert.throws(() => createBanBatcher({ backend, clock, retry: { attempts: 0 } }), {
    message: 'ban batcher: option retry.attempts must be an integer from 1 to 100 (got 0)',
  });
});
