// The contract every LogSource implementation passes (files, journal, memory): order, exactly once,
// whole lines, resume after restart, backpressure, stop and failure. Each implementation's test file
// runs it with a harness that knows how to append to its kind of log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../src/core/errors.js';
import type { LogSource } from '../../src/sources/log-source.js';
import { MemoryPositionStore } from '../../src/sources/memory-position-store.js';
import type { PositionStore } from '../../src/sources/position-store.js';
import { ChunkCollector, createGate, waitUntil, waitUntilStable } from './collect-chunks.js';

export interface ContractLog {
  /** Appends text: whole lines, or (where supported) the start of a line. */
  append(text: string): Promise<void>;
  createSource(store: PositionStore, options?: { readonly queueCapacity?: number }): LogSource;
  /** The logged text a delivered line carries (journal lines have a date and a tag in front). */
  messageOf(line: string): string;
  cleanup(): Promise<void>;
}

export interface LogSourceHarness {
  readonly name: string;
  open(): Promise<ContractLog>;
  /** Why the unfinished-line test does not apply to this source; undefined when it does. */
  readonly unfinishedLineSkip?: string;
  /** Most bytes the source may read while the consumer holds its first chunk (queueCapacity 1). */
  readonly readAheadLimit: number;
  /** Lines appended in the backpressure test (enough to exceed readAheadLimit several times). */
  readonly backpressureLines: number;
}

function numbered(prefix: string, count: number, from = 0): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${prefix} line ${String(from + i).padStart(6, '0')} of the contract test`,
  );
}

async function withLog(harness: LogSourceHarness, body: (log: ContractLog) => Promise<void>): Promise<void> {
  const log = await harness.open();
  try {
    await body(log);
  } finally {
    await log.cleanup();
  }
}

export function runLogSourceContract(harness: LogSourceHarness): void {
  const name = harness.name;

  test(`${name}: delivers appended lines in order, once each, as whole lines`, () =>
    withLog(harness, async (log) => {
      const collector = new ChunkCollector();
      await log.append('first\nsecond\n');
      const source = log.createSource(new MemoryPositionStore());
      await source.start(collector.consumer);
      try {
        await collector.waitForLines(2);
        await log.append('third\n');
        await collector.waitForLines(3);
        assert.deepEqual(
          collector.lines.map((line) => log.messageOf(line)),
          ['first', 'second', 'third'],
        );
        for (const chunk of collector.chunks) assert.equal(chunk.sourceId, source.id);
        // Counted once the consumer has returned, which is just after the collector saw the lines.
        await waitUntil(() => source.stats().lines === 3, 'three lines are counted');
        const stats = source.stats();
        assert.equal(stats.lines, 3);
        assert.equal(stats.chunks, collector.chunks.length);
        assert.ok(stats.bytesRead > 0);
      } finally {
        await source.stop();
      }
    }));

  test(`${name}: a restarted source continues right after the last consumed chunk`, () =>
    withLog(harness, async (log) => {
      const store = new MemoryPositionStore();
      const before = numbered('before', 5);
      await log.append(before.map((line) => `${line}\n`).join(''));
      const first = new ChunkCollector();
      const source = log.createSource(store);
      await source.start(first.consumer);
      await first.waitForLines(5);
      await source.stop();
      const after = numbered('after', 4);
      await log.append(after.map((line) => `${line}\n`).join(''));
      const second = new ChunkCollector();
      const restarted = log.createSource(store);
      await restarted.start(second.consumer);
      try {
        await second.waitForLines(4);
        assert.deepEqual(
          first.lines.map((line) => log.messageOf(line)),
          before,
        );
        assert.deepEqual(
          second.lines.map((line) => log.messageOf(line)),
          after,
        );
      } finally {
        await restarted.stop();
      }
    }));

  test(`${name}: a slow consumer pauses reading, is never called concurrently, and misses nothing`, () =>
    withLog(harness, async (log) => {
      const lines = numbered('bulk', harness.backpressureLines);
      await log.append(lines.map((line) => `${line}\n`).join(''));
      const collector = new ChunkCollector();
      const gate = createGate();
      collector.gate = gate.promise;
      const source = log.createSource(new MemoryPositionStore(), { queueCapacity: 1 });
      await source.start(collector.consumer);
      try {
        await waitUntil(() => collector.running === 1, 'the consumer holds the first chunk');
        const readAhead = await waitUntilStable(() => source.stats().bytesRead, 'bytes read');
        assert.ok(
          readAhead <= harness.readAheadLimit,
          `read ${readAhead} bytes ahead (limit ${harness.readAheadLimit})`,
        );
        collector.gate = undefined;
        gate.open();
        await collector.waitForLines(lines.length, 8000);
        assert.equal(collector.maxRunning, 1);
        assert.deepEqual(
          collector.lines.map((line) => log.messageOf(line)),
          lines,
        );
      } finally {
        gate.open();
        await source.stop();
      }
    }));

  test(`${name}: stop ends the source as stopped and can be called again`, () =>
    withLog(harness, async (log) => {
      const collector = new ChunkCollector();
      await log.append('only line\n');
      const source = log.createSource(new MemoryPositionStore());
      await source.start(collector.consumer);
      await collector.waitForLines(1);
      await source.stop();
      assert.deepEqual(await source.ended(), { reason: 'stopped' });
      await source.stop();
      await assert.rejects(
        source.start(collector.consumer),
        (error: unknown) => error instanceof Fail2nftError,
      );
    }));

  test(`${name}: a source never started can be stopped`, () =>
    withLog(harness, async (log) => {
      const source = log.createSource(new MemoryPositionStore());
      await source.stop();
      assert.deepEqual(await source.ended(), { reason: 'stopped' });
    }));

  test(`${name}: a failing consumer ends the source as failed and the chunk comes again after a restart`, () =>
    withLog(harness, async (log) => {
      const store = new MemoryPositionStore();
      await log.append('alpha\nbeta\n');
      const failing = new ChunkCollector();
      failing.failNext = new Error('consumer broke');
      const source = log.createSource(store);
      await source.start(failing.consumer);
      const end = await source.ended();
      assert.equal(end.reason, 'failed');
      assert.ok(end.reason === 'failed' && end.error instanceof Fail2nftError);
      assert.equal(end.error.code, 'F2N_ERR_SOURCE_CONSUMER_FAILED');
      assert.equal((end.error.cause as Error).message, 'consumer broke');
      const collector = new ChunkCollector();
      const restarted = log.createSource(store);
      await restarted.start(collector.consumer);
      try {
        await collector.waitForLines(2);
        assert.deepEqual(
          collector.lines.map((line) => log.messageOf(line)),
          ['alpha', 'beta'],
        );
      } finally {
        await restarted.stop();
      }
    }));

  test(`${name}: a position store that cannot load makes start fail and the source end as failed`, () =>
    withLog(harness, async (log) => {
      await log.append('line\n');
      const broken: PositionStore = {
        load: () => Promise.reject(new Error('database is locked')),
        save: () => Promise.resolve(),
      };
      const source = log.createSource(broken);
      const isStoreError = (error: unknown): boolean =>
        error instanceof Fail2nftError && error.code === 'F2N_ERR_SOURCE_POSITION_STORE';
      await assert.rejects(source.start(new ChunkCollector().consumer), isStoreError);
      const end = await source.ended();
      assert.ok(end.reason === 'failed' && isStoreError(end.error));
    }));

  test(
    `${name}: an unfinished last line waits for its newline`,
    { skip: harness.unfinishedLineSkip ?? false },
    () =>
      withLog(harness, async (log) => {
        const collector = new ChunkCollector();
        await log.append('whole\nhal');
        const source = log.createSource(new MemoryPositionStore());
        await source.start(collector.consumer);
        try {
          await collector.waitForLines(1);
          await log.append('f done\n');
          await collector.waitForLines(2);
          assert.deepEqual(
            collector.lines.map((line) => log.messageOf(line)),
            ['whole', 'half done'],
          );
        } finally {
          await source.stop();
        }
      }),
  );
}

export interface PositionStoreHarness {
  readonly name: string;
  create(): Promise<PositionStore>;
}

/** The contract every PositionStore passes (in memory now; SQLite in the persistence stage). */
export function runPositionStoreContract(harness: PositionStoreHarness): void {
  const name = harness.name;

  test(`${name}: an unknown key has no position`, async () => {
    const store = await harness.create();
    assert.equal(await store.load('file:/nowhere.log'), undefined);
  });

  test(`${name}: a saved position is loaded back as saved, each kind`, async () => {
    const store = await harness.create();
    const file = {
      kind: 'file',
      path: '/var/log/mail.log',
      offset: 12_345,
      firstLineHash: 'ab'.repeat(16),
    } as const;
    const journal = { kind: 'journal', cursor: 's=1;i=2;b=3' } as const;
    const memory = { kind: 'memory', offset: 7 } as const;
    await store.save('file:/var/log/mail.log', file);
    await store.save('journal:sshd', journal);
    await store.save('memory:m', memory);
    assert.deepEqual(await store.load('file:/var/log/mail.log'), file);
    assert.deepEqual(await store.load('journal:sshd'), journal);
    assert.deepEqual(await store.load('memory:m'), memory);
  });

  test(`${name}: saving again replaces the position of that key only`, async () => {
    const store = await harness.create();
    await store.save('file:a', { kind: 'file', path: 'a', offset: 1, firstLineHash: 'x' });
    await store.save('file:b', { kind: 'file', path: 'b', offset: 2, firstLineHash: 'y' });
    await store.save('file:a', { kind: 'file', path: 'a', offset: 9, firstLineHash: 'z' });
    assert.deepEqual(await store.load('file:a'), { kind: 'file', path: 'a', offset: 9, firstLineHash: 'z' });
    assert.deepEqual(await store.load('file:b'), { kind: 'file', path: 'b', offset: 2, firstLineHash: 'y' });
  });
}
