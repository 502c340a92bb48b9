import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineChunker, type LineChunk } from '../../../src/matching/line-chunker.js';

function collect(chunker: LineChunker, inputs: readonly Buffer[], flush = true): LineChunk[] {
  const chunks: LineChunk[] = [];
  for (const input of inputs) chunker.push(input, (c) => chunks.push(c));
  if (flush) chunker.flush((c) => chunks.push(c));
  return chunks;
}

function pieces(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

test('chunks hold whole lines only, in order, whatever the input cuts', () => {
  const text = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(i % 17)}`).join('\n') + '\n';
  for (const size of [1, 3, 7, 64, 1000, 10_000]) {
    const chunks = collect(new LineChunker({ maxLineLength: 40, chunkBytes: 256 }), pieces(text, size));
    for (const c of chunks) {
      assert.equal(c.bytes[c.bytes.length - 1], 10);
      assert.ok(c.bytes.length <= 256);
    }
    assert.equal(Buffer.concat(chunks.map((c) => c.bytes)).toString(), text, `input pieces of ${size}`);
  }
});

test('an incomplete last line waits for its newline', () => {
  const chunker = new LineChunker({ maxLineLength: 100, chunkBytes: 1000 });
  const first = collect(chunker, [Buffer.from('one\ntw')]);
  assert.deepEqual(
    first.map((c) => c.bytes.toString()),
    ['one\n'],
  );
  assert.equal(chunker.carryBytes, 2);
  assert.deepEqual(collect(chunker, []), []);
  assert.deepEqual(
    collect(chunker, [Buffer.from('o\n')]).map((c) => c.bytes.toString()),
    ['two\n'],
  );
  assert.equal(chunker.carryBytes, 0);
});

test('a 10 MB line is dropped up to its newline and counted, and the carry never exceeds maxLineLength', () => {
  const maxLineLength = 65_536;
  const allocations: number[] = [];
  const chunker = new LineChunker({
    maxLineLength,
    chunkBytes: 1 << 20,
    allocate: (size) => {
      allocations.push(size);
      return Buffer.allocUnsafe(size);
    },
  });
  const chunks: LineChunk[] = [];
  const emit = (c: LineChunk): void => {
    chunks.push(c);
  };
  chunker.push(Buffer.from('before\n'), emit);
  const block = Buffer.alloc(64 * 1024, 0x61);
  let largestCarry = 0;
  for (let sent = 0; sent < 10 * 1024 * 1024; sent += block.length) {
    chunker.push(block, emit);
    largestCarry = Math.max(largestCarry, chunker.carryBytes);
  }
  chunker.push(Buffer.from('aaaa\nafter\n'), emit);
  chunker.flush(emit);
  assert.ok(largestCarry <= maxLineLength, `carry reached ${largestCarry}`);
  // Only chunk buffers of the configured size were ever allocated, never one for the line.
  assert.ok(allocations.every((size) => size === 1 << 20));
  assert.ok(allocations.length <= 4, `${allocations.length} buffers`);
  assert.deepEqual(
    chunks.map((c) => [c.bytes.toString(), c.skippedLong]),
    [
      ['before\n', 0],
      ['after\n', 1],
    ],
  );
});

test('a long line that ends within one input is left to the matcher', () => {
  const long = 'y'.repeat(150);
  const chunks = collect(new LineChunker({ maxLineLength: 100, chunkBytes: 1000 }), [
    Buffer.from(`a\n${long}\nb\n`),
  ]);
  assert.equal(Buffer.concat(chunks.map((c) => c.bytes)).toString(), `a\n${long}\nb\n`);
});

test('lines before a dropped line go out first, so the count marks where it was', () => {
  const chunks = collect(new LineChunker({ maxLineLength: 10, chunkBytes: 100 }), [
    Buffer.from('a\nb\n'),
    Buffer.from('c'.repeat(30)),
    Buffer.from('c\nd\n'),
  ]);
  assert.deepEqual(
    chunks.map((c) => [c.bytes.toString(), c.skippedLong]),
    [
      ['a\nb\n', 0],
      ['d\n', 1],
    ],
  );
});

test('discardCarry forgets the incomplete line', () => {
  const chunker = new LineChunker({ maxLineLength: 100, chunkBytes: 1000 });
  collect(chunker, [Buffer.from('a\npart')], false);
  chunker.discardCarry();
  assert.deepEqual(
    collect(chunker, [Buffer.from('b\n')]).map((c) => c.bytes.toString()),
    ['a\nb\n'],
  );
});

test('chunkBytes must exceed maxLineLength', () => {
  assert.throws(() => new LineChunker({ maxLineLength: 100, chunkBytes: 100 }), /must exceed/);
});
