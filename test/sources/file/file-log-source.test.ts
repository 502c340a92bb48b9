// FileLogSource: the LogSource contract on a real file, then rotation, globs, polling and restarts
// through the running source (inotify events or polling; every wait is bounded).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  renameSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/core/clock.js';
import { createSilentLogger } from '../../../src/core/logger.js';
import type { FileSourceOptions } from '../../../src/sources/file/file-source-config.js';
import { FileLogSource, type FileLogSourceDeps } from '../../../src/sources/file/file-log-source.js';
import { MemoryPositionStore } from '../../../src/sources/memory-position-store.js';
import type { PositionStore } from '../../../src/sources/position-store.js';
import { ChunkCollector, waitUntil } from '../collect-chunks.js';
import { runLogSourceContract } from '../log-source-contract.js';

const logger = createSilentLogger();

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fail2nft-files-'));
}

function source(
  options: Partial<FileSourceOptions> & Pick<FileSourceOptions, 'patterns'>,
  store: PositionStore = new MemoryPositionStore(),
  deps: Partial<FileLogSourceDeps> = {},
): FileLogSource {
  return new FileLogSource(
    { id: 'files', rescanIntervalMs: 200, pollIntervalMs: 20, ...options },
    { store, clock: systemClock, logger, ...deps },
  );
}

const lines = (...texts: string[]): string => texts.map((text) => `${text}\n`).join('');

runLogSourceContract({
  name: 'FileLogSource',
  readAheadLimit: 4 * 4096,
  backpressureLines: 20_000,
  open: () => {
    const dir = tempDir();
    const path = join(dir, 'contract.log');
    writeFileSync(path, '');
    return Promise.resolve({
      append: (text: string) => appendFile(path, text),
      createSource: (store, options) => source({ patterns: [path], readChunkBytes: 4096, ...options }, store),
      messageOf: (line: string) => line,
      cleanup: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
});

test('appended lines survive rename-and-create, copytruncate, delete-and-recreate and truncation, once each', async () => {
  const dir = tempDir();
  const path = join(dir, 'app.log');
  writeFileSync(path, lines('a1'));
  const collector = new ChunkCollector();
  const files = source({ patterns: [path] });
  await files.start(collector.consumer);
  try {
    await collector.waitForLines(1);
    appendFileSync(path, lines('a2', 'a3'));
    await collector.waitForLines(3);

    renameSync(path, `${path}.1`);
    appendFileSync(`${path}.1`, lines('b1'));
    writeFileSync(path, lines('c1'));
    await collector.waitForLines(5);

    appendFileSync(path, lines('d1'));
    await collector.waitForLines(6);
    copyFileSync(path, `${path}.2`);
    truncateSync(path, 0);
    appendFileSync(path, lines('e1'));
    await collector.waitForLines(7);

    unlinkSync(path);
    writeFileSync(path, lines('f1'));
    await collector.waitForLines(8);

    truncateSync(path, 0);
    appendFileSync(path, lines('g1'));
    await collector.waitForLines(9);

    assert.deepEqual(collector.lines, ['a1', 'a2', 'a3', 'b1', 'c1', 'd1', 'e1', 'f1', 'g1']);
    await waitUntil(() => files.stats().lines === 9, 'nine lines are counted');
    const stats = files.stats();
    assert.equal(stats.rotations, 2);
    assert.equal(stats.truncations, 2);
    assert.equal(stats.polling, 0);
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a restart resumes from the saved position; a file whose first line changed meanwhile is read from 0', async () => {
  const dir = tempDir();
  const path = join(dir, 'app.log');
  const store = new MemoryPositionStore();
  writeFileSync(path, lines('one', 'two'));
  const first = new ChunkCollector();
  const run1 = source({ patterns: [path] }, store);
  await run1.start(first.consumer);
  await first.waitForLines(2);
  await run1.stop();
  assert.deepEqual(store.entries().get(`file:${path}`), {
    kind: 'file',
    path,
    offset: 8,
    firstLineHash: createHash('md5').update('one\n').digest('hex'),
  });

  appendFileSync(path, lines('three'));
  const second = new ChunkCollector();
  const run2 = source({ patterns: [path], startAt: 'tail' }, store);
  await run2.start(second.consumer);
  await second.waitForLines(1);
  await run2.stop();
  assert.deepEqual(second.lines, ['three']);

  writeFileSync(path, lines('replaced first', 'x', 'y', 'z'));
  const third = new ChunkCollector();
  const run3 = source({ patterns: [path], startAt: 'tail' }, store);
  await run3.start(third.consumer);
  await third.waitForLines(4);
  await run3.stop();
  assert.deepEqual(third.lines, ['replaced first', 'x', 'y', 'z']);
  rmSync(dir, { recursive: true, force: true });
});

test('head reads what a file already holds; tail only what is appended after start', async () => {
  const dir = tempDir();
  const path = join(dir, 'app.log');
  writeFileSync(path, lines('backlog1', 'backlog2'));
  try {
    const head = new ChunkCollector();
    const fromHead = source({ patterns: [path], startAt: 'head' });
    await fromHead.start(head.consumer);
    await head.waitForLines(2);
    await fromHead.stop();
    assert.deepEqual(head.lines, ['backlog1', 'backlog2']);

    const tail = new ChunkCollector();
    const fromTail = source({ patterns: [path], startAt: 'tail' });
    await fromTail.start(tail.consumer);
    appendFileSync(path, lines('fresh'));
    await tail.waitForLines(1);
    await fromTail.stop();
    assert.deepEqual(tail.lines, ['fresh']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a new file matching a glob is picked up and read from its start', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.log'), lines('in a'));
  const collector = new ChunkCollector();
  const files = source({ patterns: [join(dir, '*.log')], rescanIntervalMs: 5000 });
  await files.start(collector.consumer);
  try {
    await collector.waitForLines(1);
    writeFileSync(join(dir, 'b.log'), lines('in b', 'more b'));
    writeFileSync(join(dir, 'ignored.txt'), lines('not a log'));
    await collector.waitForLines(3);
    assert.deepEqual(collector.lines, ['in a', 'in b', 'more b']);
    assert.deepEqual(
      collector.chunks.map((chunk) => chunk.origin),
      [join(dir, 'a.log'), join(dir, 'b.log')],
    );
    assert.deepEqual(files.files(), [join(dir, 'a.log'), join(dir, 'b.log')]);
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file rotated to a name the glob also matches is not read twice', async () => {
  const dir = tempDir();
  const path = join(dir, 'app.log');
  writeFileSync(path, lines('r1'));
  const collector = new ChunkCollector();
  const files = source({ patterns: [join(dir, 'app.log*')], rescanIntervalMs: 50 });
  await files.start(collector.consumer);
  try {
    await collector.waitForLines(1);
    renameSync(path, `${path}.1`);
    writeFileSync(path, lines('r2'));
    await collector.waitForLines(2);
    await waitUntil(() => files.files().length === 2, 'the rotated file is followed under its new name');
    appendFileSync(`${path}.1`, lines('late write to the rotated file'));
    appendFileSync(path, lines('r3'));
    await collector.waitForLines(4);
    assert.deepEqual([...collector.lines].sort(), ['late write to the rotated file', 'r1', 'r2', 'r3']);
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unfinished last line waits for its newline through the running source', async () => {
  const dir = tempDir();
  const path = join(dir, 'app.log');
  writeFileSync(path, 'start of ');
  const collector = new ChunkCollector();
  const files = source({ patterns: [path] });
  await files.start(collector.consumer);
  try {
    appendFileSync(path, 'a line\n');
    await collector.waitForLines(1);
    assert.deepEqual(collector.lines, ['start of a line']);
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a 10 MB line without newline is dropped and counted; the lines around it arrive', async () => {
  const dir = tempDir();
  const path = join(dir, 'app.log');
  writeFileSync(path, lines('before'));
  const collector = new ChunkCollector();
  const files = source({ patterns: [path] });
  await files.start(collector.consumer);
  try {
    await collector.waitForLines(1);
    const block = Buffer.alloc(1024 * 1024, 0x71);
    for (let i = 0; i < 10; i++) appendFileSync(path, block);
    appendFileSync(path, '\n' + lines('after'));
    await collector.waitForLines(2);
    assert.deepEqual(collector.lines, ['before', 'after']);
    assert.equal(files.stats().skippedLong, 1);
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('forced polling reads appended lines without inotify', async () => {
  const dir = tempDir();
  const path = join(dir, 'app.log');
  writeFileSync(path, '');
  let watches = 0;
  const collector = new ChunkCollector();
  const files = source(
    { patterns: [path], watchMode: 'poll', pollIntervalMs: 20 },
    new MemoryPositionStore(),
    {
      watchDirectory: () => {
        watches++;
        return { close: () => undefined };
      },
    },
  );
  await files.start(collector.consumer);
  try {
    appendFileSync(path, lines('polled'));
    await collector.waitForLines(1);
    assert.deepEqual(collector.lines, ['polled']);
    assert.equal(watches, 0);
    assert.equal(files.stats().polling, 1);
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('when watching fails the source falls back to polling and keeps reading', async () => {
  const dir = tempDir();
  const path = join(dir, 'app.log');
  writeFileSync(path, lines('x1'));
  const collector = new ChunkCollector();
  const files = source({ patterns: [path], pollIntervalMs: 20 }, new MemoryPositionStore(), {
    watchDirectory: () => {
      throw Object.assign(new Error('inotify watch limit reached'), { code: 'ENOSPC' });
    },
  });
  await files.start(collector.consumer);
  try {
    await collector.waitForLines(1);
    appendFileSync(path, lines('x2'));
    await collector.waitForLines(2);
    assert.deepEqual(collector.lines, ['x1', 'x2']);
    const stats = files.stats();
    assert.equal(stats.polling, 1);
    assert.equal(stats.pollFallbacks, 1);
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a watch that breaks later also switches to polling', async () => {
  const dir = tempDir();
  const path = join(dir, 'app.log');
  writeFileSync(path, '');
  let breakWatch: (error: Error) => void = () => undefined;
  const collector = new ChunkCollector();
  const files = source({ patterns: [path], pollIntervalMs: 20 }, new MemoryPositionStore(), {
    watchDirectory: (_dir, _onEvent, onError) => {
      breakWatch = onError;
      return { close: () => undefined };
    },
  });
  await files.start(collector.consumer);
  try {
    breakWatch(new Error('watch broke'));
    appendFileSync(path, lines('after break'));
    await collector.waitForLines(1);
    assert.equal(files.stats().pollFallbacks, 1);
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a plain path that does not exist yet is read from its start once it is created', async () => {
  const dir = tempDir();
  const path = join(dir, 'later.log');
  const collector = new ChunkCollector();
  const files = source({ patterns: [path], startAt: 'tail' });
  await files.start(collector.consumer);
  try {
    writeFileSync(path, lines('first', 'second'));
    await collector.waitForLines(2);
    assert.deepEqual(collector.lines, ['first', 'second']);
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one source reads a file matched by two patterns once', async () => {
  const dir = tempDir();
  const path = join(dir, 'mail.log');
  writeFileSync(path, lines('m1'));
  const collector = new ChunkCollector();
  const files = source({ patterns: [path, join(dir, 'mail*.log'), path] });
  await files.start(collector.consumer);
  try {
    await collector.waitForLines(1);
    appendFileSync(path, lines('m2'));
    await collector.waitForLines(2);
    assert.deepEqual(collector.lines, ['m1', 'm2']);
    assert.deepEqual(files.files(), [path]);
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('chunks read before the reader first reached the end are the backlog; later ones are not', async () => {
  const dir = tempDir();
  const path = join(dir, 'app.log');
  // Small reads make the backlog several chunks long.
  writeFileSync(path, lines(...Array.from({ length: 40 }, (_, i) => `old line ${i}`)));
  const seen: { first: string; backlog: boolean }[] = [];
  const files = source({ patterns: [path], readChunkBytes: 64 });
  const collector = new ChunkCollector();
  await files.start(async (chunk) => {
    seen.push({ first: chunk.chunk.toString().split('\n')[0] ?? '', backlog: files.inBacklog() });
    await collector.consumer(chunk);
  });
  try {
    await collector.waitForLines(40);
    assert.ok(seen.length > 2, `several backlog chunks (${seen.length})`);
    assert.ok(seen.every((chunk) => chunk.backlog));
    await appendFile(path, lines('new line'));
    await collector.waitForLines(41);
    assert.deepEqual(seen.at(-1), { first: 'new line', backlog: false });
  } finally {
    await files.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
