// FileTail driven step by step (no watcher, no timer): rotation three ways, truncation, rewrite in
// place, resume, head and tail starts, over-long lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  mkdtempSync,
  renameSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../src/core/clock.js';
import type { Fail2nftError } from '../../../src/core/errors.js';
import { createFileSourceStats } from '../../../src/sources/file/file-source-metrics.js';
import { FileTail, type TailContext } from '../../../src/sources/file/file-tail-io.js';
import type { FilePosition, LogChunk } from '../../../src/sources/log-source.js';

interface Rig {
  readonly dir: string;
  readonly path: string;
  readonly chunks: LogChunk[];
  readonly problems: (Fail2nftError | undefined)[];
  readonly retired: [string, number][];
  readonly context: TailContext;
  readonly clock: ManualClock;
  lines(): string[];
  cleanup(): void;
}

function rig(options: { maxLineLength?: number; readChunkBytes?: number; orphanGraceMs?: number } = {}): Rig {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-tail-'));
  const chunks: LogChunk[] = [];
  const problems: (Fail2nftError | undefined)[] = [];
  const retired: [string, number][] = [];
  const clock = new ManualClock(1_000_000);
  const context: TailContext = {
    sourceId: 'files',
    maxLineLength: options.maxLineLength ?? 1024,
    readChunkBytes: options.readChunkBytes ?? 64,
    orphanGraceMs: options.orphanGraceMs ?? 0,
    clock,
    stats: createFileSourceStats(),
    deliver: (chunk) => {
      chunks.push(chunk);
      return Promise.resolve(true);
    },
    onProblem: (_path, error) => problems.push(error),
    onRetired: (identity, bytes) => retired.push([identity, bytes]),
  };
  return {
    dir,
    path: join(dir, 'app.log'),
    chunks,
    problems,
    retired,
    context,
    clock,
    lines: () => chunks.flatMap((chunk) => chunk.chunk.toString().slice(0, -1).split('\n')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Checks until the tail has nothing more to do (bounded). */
async function drive(tail: FileTail, maxHeld = Infinity): Promise<void> {
  for (let step = 0; step < 10_000; step++) {
    const result = await tail.check();
    assert.ok(tail.heldBytes <= maxHeld, `held ${tail.heldBytes} bytes`);
    if (result === 'idle') return;
  }
  assert.fail('tail never became idle');
}

const lines = (...texts: string[]): string => texts.map((text) => `${text}\n`).join('');
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

test('appends, rename-and-create, copytruncate, delete-and-recreate and truncation: every line once, in order', async () => {
  const r = rig({ orphanGraceMs: 60_000 });
  try {
    const tail = new FileTail(r.path, r.context);
    writeFileSync(r.path, lines('a1', 'a2', 'a3'));
    await tail.openAtStart(undefined, 'head');
    await drive(tail);

    // rename-and-create: the writer still appends to the renamed file before it reopens the log.
    renameSync(r.path, `${r.path}.1`);
    appendFileSync(`${r.path}.1`, lines('b1', 'b2'));
    await drive(tail);
    writeFileSync(r.path, lines('c1'));
    appendFileSync(`${r.path}.1`, lines('b3'));
    await drive(tail);

    // copytruncate: copied away after the reader caught up, then emptied in place.
    appendFileSync(r.path, lines('d1', 'd2'));
    await drive(tail);
    copyFileSync(r.path, `${r.path}.2`);
    truncateSync(r.path, 0);
    appendFileSync(r.path, lines('e1'));
    await drive(tail);

    // delete-and-recreate.
    appendFileSync(r.path, lines('f1'));
    await drive(tail);
    unlinkSync(r.path);
    writeFileSync(r.path, lines('g1', 'g2'));
    await drive(tail);

    // plain truncation.
    truncateSync(r.path, 0);
    appendFileSync(r.path, lines('h1'));
    await drive(tail);
    await tail.close();

    assert.deepEqual(r.lines(), [
      'a1',
      'a2',
      'a3',
      'b1',
      'b2',
      'b3',
      'c1',
      'd1',
      'd2',
      'e1',
      'f1',
      'g1',
      'g2',
      'h1',
    ]);
    assert.equal(r.context.stats.rotations, 2);
    assert.equal(r.context.stats.truncations, 2);
    assert.equal(r.context.stats.filesOpen, 0);
    assert.deepEqual(r.problems, []);
  } finally {
    r.cleanup();
  }
});

test('positions carry the path, the offset after the last whole line and the first-line hash', async () => {
  const r = rig();
  try {
    writeFileSync(r.path, lines('first', 'second') + 'unfinished');
    const tail = new FileTail(r.path, r.context);
    await tail.openAtStart(undefined, 'head');
    await drive(tail);
    assert.deepEqual(r.chunks.at(-1)?.position, {
      kind: 'file',
      path: r.path,
      offset: 13,
      firstLineHash: md5('first\n'),
    });
    assert.equal(r.chunks.at(-1)?.origin, r.path);
    await tail.close();
  } finally {
    r.cleanup();
  }
});

test("a rotated file's unfinished last line is delivered, with a newline, before the new file", async () => {
  const r = rig();
  try {
    writeFileSync(r.path, lines('x1') + 'cut');
    const tail = new FileTail(r.path, r.context);
    await tail.openAtStart(undefined, 'head');
    await drive(tail);
    renameSync(r.path, `${r.path}.1`);
    writeFileSync(r.path, lines('y1'));
    await drive(tail);
    await tail.close();
    assert.deepEqual(r.lines(), ['x1', 'cut', 'y1']);
    assert.equal(r.retired.length, 1);
    assert.equal(r.retired[0]?.[1], 6);
  } finally {
    r.cleanup();
  }
});

test('a file rewritten in place beyond the old offset is noticed by its first line and read from the start', async () => {
  const r = rig();
  try {
    writeFileSync(r.path, lines('old first', 'old second'));
    const tail = new FileTail(r.path, r.context);
    await tail.openAtStart(undefined, 'head');
    await drive(tail);
    writeFileSync(r.path, lines('new first line, longer', 'new second', 'new third'));
    await drive(tail);
    await tail.close();
    assert.deepEqual(r.lines(), [
      'old first',
      'old second',
      'new first line, longer',
      'new second',
      'new third',
    ]);
    assert.equal(r.context.stats.truncations, 1);
  } finally {
    r.cleanup();
  }
});

test('a file emptied and refilled to the same size before a check is noticed by its first line', async () => {
  const r = rig();
  try {
    writeFileSync(r.path, lines('f1'));
    const tail = new FileTail(r.path, r.context);
    await tail.openAtStart(undefined, 'head');
    await drive(tail);
    truncateSync(r.path, 0);
    appendFileSync(r.path, lines('g1'));
    await drive(tail);
    await tail.close();
    assert.deepEqual(r.lines(), ['f1', 'g1']);
    assert.equal(r.context.stats.truncations, 1);
  } finally {
    r.cleanup();
  }
});

test('a renamed file with nothing created in its place is read until orphanGraceMs passes, then closed', async () => {
  const r = rig({ orphanGraceMs: 5000 });
  try {
    writeFileSync(r.path, lines('o1'));
    const tail = new FileTail(r.path, r.context);
    await tail.openAtStart(undefined, 'head');
    await drive(tail);
    renameSync(r.path, `${r.path}.1`);
    appendFileSync(`${r.path}.1`, lines('o2'));
    await drive(tail);
    assert.equal(r.context.stats.filesOpen, 1);
    r.clock.advance(5000);
    appendFileSync(`${r.path}.1`, lines('o3'));
    await drive(tail);
    assert.equal(r.context.stats.filesOpen, 0);
    assert.equal(r.context.stats.rotations, 1);
    writeFileSync(r.path, lines('n1'));
    await drive(tail);
    await tail.close();
    assert.deepEqual(r.lines(), ['o1', 'o2', 'o3', 'n1']);
  } finally {
    r.cleanup();
  }
});

test('a saved position is resumed when the first line is the same and the file is not shorter', async () => {
  const r = rig();
  try {
    writeFileSync(r.path, lines('one', 'two', 'three'));
    const stored: FilePosition = { kind: 'file', path: r.path, offset: 8, firstLineHash: md5('one\n') };
    const tail = new FileTail(r.path, r.context);
    await tail.openAtStart(stored, 'tail');
    await drive(tail);
    await tail.close();
    assert.deepEqual(r.lines(), ['three']);
  } finally {
    r.cleanup();
  }
});

test('a saved position is dropped when the first line changed (file replaced) or the file is shorter', async () => {
  const r = rig();
  try {
    writeFileSync(r.path, lines('other first', 'two'));
    const replaced = new FileTail(r.path, r.context);
    await replaced.openAtStart(
      { kind: 'file', path: r.path, offset: 8, firstLineHash: md5('one\n') },
      'tail',
    );
    await drive(replaced);
    await replaced.close();
    assert.deepEqual(r.lines(), ['other first', 'two']);
    assert.equal(r.context.stats.rotations, 1);

    writeFileSync(r.path, lines('one'));
    const shorter = new FileTail(r.path, r.context);
    await shorter.openAtStart({ kind: 'file', path: r.path, offset: 8, firstLineHash: md5('one\n') }, 'tail');
    await drive(shorter);
    await shorter.close();
    assert.deepEqual(r.lines().slice(2), ['one']);
    assert.equal(r.context.stats.truncations, 1);
  } finally {
    r.cleanup();
  }
});

test('head reads a file seen the first time from its start; tail from after its last whole line', async () => {
  const r = rig();
  try {
    writeFileSync(r.path, lines('old1', 'old2') + 'partial');
    const head = new FileTail(r.path, r.context);
    await head.openAtStart(undefined, 'head');
    await drive(head);
    await head.close();
    assert.deepEqual(r.lines(), ['old1', 'old2']);

    r.chunks.length = 0;
    const tail = new FileTail(r.path, r.context);
    await tail.openAtStart(undefined, 'tail');
    await drive(tail);
    assert.deepEqual(r.lines(), []);
    appendFileSync(r.path, ' line\n' + lines('new1'));
    await drive(tail);
    await tail.close();
    assert.deepEqual(r.lines(), ['partial line', 'new1']);
  } finally {
    r.cleanup();
  }
});

test('a tail start inside an over-long last line drops the rest of that line', async () => {
  const r = rig({ maxLineLength: 16 });
  try {
    writeFileSync(r.path, lines('short') + 'x'.repeat(40));
    const tail = new FileTail(r.path, r.context);
    await tail.openAtStart(undefined, 'tail');
    appendFileSync(r.path, 'yyy\n' + lines('next'));
    await drive(tail);
    await tail.close();
    assert.deepEqual(r.lines(), ['next']);
    assert.equal(r.context.stats.skippedLong, 1);
  } finally {
    r.cleanup();
  }
});

test('a 10 MB line without newline is dropped and counted; no more than maxLineLength bytes are held', async () => {
  const r = rig({ maxLineLength: 65_536, readChunkBytes: 65_536 });
  try {
    writeFileSync(r.path, lines('before'));
    const tail = new FileTail(r.path, r.context);
    await tail.openAtStart(undefined, 'head');
    const block = Buffer.alloc(1024 * 1024, 0x7a);
    for (let i = 0; i < 10; i++) {
      appendFileSync(r.path, block);
      await drive(tail, 65_536);
    }
    appendFileSync(r.path, '\n' + lines('after'));
    await drive(tail, 65_536);
    await tail.close();
    assert.deepEqual(r.lines(), ['before', 'after']);
    assert.equal(r.context.stats.skippedLong, 1);
    assert.deepEqual(r.chunks.at(-1)?.position, {
      kind: 'file',
      path: r.path,
      offset: 7 + 10 * 1024 * 1024 + 1 + 6,
      firstLineHash: md5('before\n'),
    });
  } finally {
    r.cleanup();
  }
});

test('a file that is missing at start is opened from its head when it appears', async () => {
  const r = rig();
  try {
    const tail = new FileTail(r.path, r.context);
    await tail.openAtStart(undefined, 'tail');
    await drive(tail);
    writeFileSync(r.path, lines('born'));
    await drive(tail);
    await tail.close();
    assert.deepEqual(r.lines(), ['born']);
  } finally {
    r.cleanup();
  }
});

test(
  'an unreadable file is counted and reported once, then read when it becomes readable',
  {
    skip:
      process.getuid?.() === 0 ? 'running as root: file permissions do not stop root from reading' : false,
  },
  async () => {
    const r = rig();
    try {
      writeFileSync(r.path, lines('secret'));
      chmodSync(r.path, 0o000);
      const tail = new FileTail(r.path, r.context);
      await tail.openAtStart(undefined, 'head');
      await drive(tail);
      await drive(tail);
      assert.equal(r.problems.length, 1);
      assert.equal(r.problems[0]?.code, 'F2N_ERR_SOURCE_READ');
      assert.ok(r.context.stats.errors >= 2);
      chmodSync(r.path, 0o644);
      await drive(tail);
      await tail.close();
      assert.deepEqual(r.lines(), ['secret']);
      assert.equal(r.problems.at(-1), undefined);
    } finally {
      r.cleanup();
    }
  },
);
