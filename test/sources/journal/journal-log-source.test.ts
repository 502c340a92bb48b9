// JournalLogSource against a fake journalctl on PATH (the LogSource contract, arguments, failures,
// stop), and against the real journal when this machine has one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/core/clock.js';
import { Fail2nftError } from '../../../src/core/errors.js';
import { createSilentLogger } from '../../../src/core/logger.js';
import type { JournalSourceOptions } from '../../../src/sources/journal/journal-source-config.js';
import { JournalLogSource } from '../../../src/sources/journal/journal-log-source.js';
import { MemoryPositionStore } from '../../../src/sources/memory-position-store.js';
import type { PositionStore } from '../../../src/sources/position-store.js';
import { ChunkCollector, waitUntil } from '../collect-chunks.js';
import { runLogSourceContract } from '../log-source-contract.js';
import { createFakeJournal, sshdEntry, type FakeJournal } from './fake-journalctl.js';

const logger = createSilentLogger();

function journalSource(
  fake: FakeJournal,
  options: Partial<JournalSourceOptions> = {},
  store: PositionStore = new MemoryPositionStore(),
): JournalLogSource {
  return new JournalLogSource(
    { id: 'sshd', startAt: 'head', ...options },
    { store, clock: systemClock, logger, env: fake.env, utcOffsetMinutes: () => 0 },
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

runLogSourceContract({
  name: 'JournalLogSource',
  unfinishedLineSkip:
    'journal entries are whole records: there is no unfinished line to append to (split JSON output is covered by the line assembler)',
  readAheadLimit: 320 * 1024,
  backpressureLines: 20_000,
  open: () => {
    const fake = createFakeJournal();
    return Promise.resolve({
      append: (text: string) => {
        assert.ok(text.endsWith('\n'), 'journal entries are whole lines');
        return fake.append(
          text
            .slice(0, -1)
            .split('\n')
            .map((message) => sshdEntry(message)),
        );
      },
      createSource: (store, options) => journalSource(fake, { ...options }, store),
      messageOf: (line: string) => line.slice(line.indexOf(']: ') + 3),
      cleanup: () => {
        fake.cleanup();
        return Promise.resolve();
      },
    });
  },
});

test('each line is date, host, tag and message; times run parallel to the lines; the cursor is the position', async () => {
  const fake = createFakeJournal();
  const collector = new ChunkCollector();
  const source = journalSource(fake);
  try {
    const first = sshdEntry('Failed password for root from 192.0.2.7 port 22 ssh2');
    const second = sshdEntry('second entry', { _SOURCE_REALTIME_TIMESTAMP: '1742616600250000' });
    await fake.append([first, second]);
    await source.start(collector.consumer);
    await collector.waitForLines(2);
    const chunk = collector.chunks[0];
    assert.ok(chunk !== undefined);
    const firstUs = Number(first.__REALTIME_TIMESTAMP);
    assert.equal(
      collector.lines[0],
      `${new Date(firstUs / 1000).toISOString().slice(0, 19)} mx1 sshd[4242]: Failed password for root from 192.0.2.7 port 22 ssh2`,
    );
    assert.equal(collector.lines[1], '2025-03-22T04:10:00.250000 mx1 sshd[4242]: second entry');
    const times = collector.chunks.flatMap((c) => [...(c.times ?? [])]);
    assert.deepEqual(times, [firstUs / 1000, 1742616600250]);
    assert.deepEqual(collector.chunks.at(-1)?.position, { kind: 'journal', cursor: second.__CURSOR });
    assert.equal(chunk.origin, 'journal:sshd');
  } finally {
    await source.stop();
    fake.cleanup();
  }
});

test('journalctl runs without a shell: matches reach it as separate arguments, unexpanded', async () => {
  const fake = createFakeJournal();
  const collector = new ChunkCollector();
  const hostile = '_COMM=$(touch /tmp/fail2nft-pwned);echo';
  const source = journalSource(fake, { matches: ['_SYSTEMD_UNIT=sshd.service', '+', hostile] });
  try {
    await fake.append([sshdEntry('kept'), sshdEntry('filtered out', { _SYSTEMD_UNIT: 'cron.service' })]);
    await source.start(collector.consumer);
    await collector.waitForLines(1);
    const run = fake.runs()[0];
    assert.deepEqual(run?.args.slice(-3), ['_SYSTEMD_UNIT=sshd.service', '+', hostile]);
    assert.ok(run?.args.includes('--no-tail'));
    assert.equal(existsSync('/tmp/fail2nft-pwned'), false);
  } finally {
    await source.stop();
    fake.cleanup();
  }
});

test('a restart passes the saved cursor to journalctl', async () => {
  const fake = createFakeJournal();
  const store = new MemoryPositionStore();
  const entry = sshdEntry('one');
  await fake.append([entry]);
  const collector = new ChunkCollector();
  const first = journalSource(fake, {}, store);
  await first.start(collector.consumer);
  await collector.waitForLines(1);
  await first.stop();
  const second = journalSource(fake, {}, store);
  await second.start(new ChunkCollector().consumer);
  await waitUntil(() => fake.runs().length === 2, 'the second journalctl has started');
  await second.stop();
  assert.ok(fake.runs()[1]?.args.includes(`--after-cursor=${String(entry.__CURSOR)}`));
  fake.cleanup();
});

test('stop kills journalctl', async () => {
  const fake = createFakeJournal();
  const source = journalSource(fake);
  await source.start(new ChunkCollector().consumer);
  const pid = source.childPid;
  assert.ok(pid !== undefined);
  assert.ok(isRunning(pid));
  await source.stop();
  assert.equal(isRunning(pid), false);
  assert.deepEqual(await source.ended(), { reason: 'stopped' });
  fake.cleanup();
});

test('a missing journalctl is a clear error at start', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'fail2nft-nojournal-'));
  const source = new JournalLogSource(
    { id: 'sshd' },
    { store: new MemoryPositionStore(), clock: systemClock, logger, env: { PATH: empty } },
  );
  try {
    await assert.rejects(
      source.start(new ChunkCollector().consumer),
      (error: unknown) =>
        error instanceof Fail2nftError &&
        error.code === 'F2N_ERR_SOURCE_JOURNAL_UNAVAILABLE' &&
        error.message.startsWith('sshd: cannot run journalctl'),
    );
    const end = await source.ended();
    assert.ok(end.reason === 'failed' && end.error instanceof Fail2nftError);
    assert.equal(end.error.code, 'F2N_ERR_SOURCE_JOURNAL_UNAVAILABLE');
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('journalctl exiting on its own ends the source as failed, with its message', async () => {
  const fake = createFakeJournal({ FAKE_JOURNAL_FAIL: 'Failed to add match: Invalid argument' });
  const source = journalSource(fake);
  try {
    await source.start(new ChunkCollector().consumer);
    const end = await source.ended();
    assert.ok(end.reason === 'failed' && end.error instanceof Fail2nftError);
    assert.equal(end.error.code, 'F2N_ERR_SOURCE_JOURNAL_EXITED');
    assert.match(end.error.message, /status 1\): Failed to add match: Invalid argument$/);
  } finally {
    await source.stop();
    fake.cleanup();
  }
});

test('over-long and malformed entries are dropped and counted; the entries around them arrive', async () => {
  const fake = createFakeJournal();
  const collector = new ChunkCollector();
  const source = journalSource(fake, { maxLineLength: 200, maxEntryBytes: 4096 });
  try {
    await fake.append([
      sshdEntry('before'),
      sshdEntry('x'.repeat(300)),
      sshdEntry('y'.repeat(5000)),
      { __CURSOR: 's=fake;i=notime', MESSAGE: 'no timestamp' },
      sshdEntry('after'),
    ]);
    await source.start(collector.consumer);
    await collector.waitForLines(2);
    await waitUntil(() => source.stats().lines === 2, 'lines are counted');
    assert.deepEqual(
      collector.lines.map((line) => line.slice(line.indexOf(']: ') + 3)),
      ['before', 'after'],
    );
    const stats = source.stats();
    assert.equal(stats.skippedLong, 2);
    assert.equal(stats.malformed, 1);
  } finally {
    await source.stop();
    fake.cleanup();
  }
});

const journald = existsSync('/run/systemd/journal/socket');
const hasLogger = spawnSync('logger', ['--version']).status === 0;

test(
  'the real journal delivers an entry written with logger',
  {
    skip: !journald
      ? 'no systemd-journald on this machine (/run/systemd/journal/socket is missing)'
      : !hasLogger
        ? 'the logger command is not installed'
        : false,
  },
  async () => {
    const tag = `fail2nft-test-${process.pid}`;
    const collector = new ChunkCollector();
    const source = new JournalLogSource(
      { id: 'real', startAt: 'tail', matches: [`SYSLOG_IDENTIFIER=${tag}`] },
      { store: new MemoryPositionStore(), clock: systemClock, logger },
    );
    await source.start(collector.consumer);
    try {
      // journalctl needs a moment to reach the end of the journal; write until the entry shows up.
      for (let attempt = 0; attempt < 20 && collector.lines.length === 0; attempt++) {
        spawnSync('logger', ['--journald'], {
          input: `SYSLOG_IDENTIFIER=${tag}\nMESSAGE=hello ${attempt}\n`,
        });
        await collector.waitForLines(1, 200).catch(() => undefined);
      }
      assert.match(collector.lines[0] ?? '', new RegExp(`${tag}: hello \\d+$`));
    } finally {
      await source.stop();
    }
  },
);
