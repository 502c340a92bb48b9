import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineAssembler } from '../../src/sources/line-assembler.js';

const text = (buffer: Buffer | undefined): string | undefined => buffer?.toString('latin1');

test('whole lines pass through; the unfinished tail is carried until its newline', () => {
  const assembler = new LineAssembler(100);
  const first = assembler.push(Buffer.from('a\nbb\ncc'));
  assert.equal(text(first.chunk), 'a\nbb\n');
  assert.equal(first.lines, 2);
  assert.equal(first.advance, 5);
  assert.equal(assembler.pendingBytes, 2);
  const second = assembler.push(Buffer.from('c\nd'));
  assert.equal(text(second.chunk), 'ccc\n');
  assert.equal(second.lines, 1);
  assert.equal(second.advance, 4);
  assert.equal(assembler.pendingBytes, 1);
});

test('a block without newline is carried whole and nothing is delivered', () => {
  const assembler = new LineAssembler(100);
  assert.equal(assembler.push(Buffer.from('abc')).chunk, undefined);
  assert.equal(assembler.push(Buffer.from('def')).chunk, undefined);
  assert.equal(text(assembler.push(Buffer.from('\n')).chunk), 'abcdef\n');
});

test('a line of exactly maxLineLength bytes is kept, one byte more is dropped and counted', () => {
  const assembler = new LineAssembler(4);
  const kept = assembler.push(Buffer.from('abcd\nabcde\nok\n'));
  assert.equal(text(kept.chunk), 'abcd\nok\n');
  assert.equal(kept.lines, 2);
  assert.equal(kept.skippedLong, 1);
  assert.equal(kept.advance, 14);
});

test('an over-long line split across blocks is dropped up to its newline without carrying it', () => {
  const assembler = new LineAssembler(8);
  const one = assembler.push(Buffer.from('ok\n0123456'));
  assert.equal(text(one.chunk), 'ok\n');
  const two = assembler.push(Buffer.from('789abcdef'));
  assert.equal(two.chunk, undefined);
  assert.equal(assembler.pendingBytes, 16);
  const three = assembler.push(Buffer.from('XYZ\nnext\n'));
  assert.equal(text(three.chunk), 'next\n');
  assert.equal(three.skippedLong, 1);
  assert.equal(three.advance, 20 + 5);
  assert.equal(assembler.pendingBytes, 0);
});

test('a carried line that becomes too long when its newline arrives is dropped', () => {
  const assembler = new LineAssembler(5);
  assembler.push(Buffer.from('abcd'));
  const done = assembler.push(Buffer.from('ef\ng\n'));
  assert.equal(text(done.chunk), 'g\n');
  assert.equal(done.skippedLong, 1);
  assert.equal(done.advance, 9);
});

test('flush ends an unfinished line with a newline; a dropped line is counted', () => {
  const assembler = new LineAssembler(3);
  assembler.push(Buffer.from('ab'));
  const flushed = assembler.flush();
  assert.equal(text(flushed.chunk), 'ab\n');
  assert.equal(flushed.advance, 2);
  assembler.push(Buffer.from('abcdef'));
  const dropped = assembler.flush();
  assert.equal(dropped.chunk, undefined);
  assert.equal(dropped.skippedLong, 1);
  assert.equal(dropped.advance, 6);
  assert.equal(assembler.flush().advance, 0);
});

test('dropUntilNewline discards the rest of a line the reader started inside', () => {
  const assembler = new LineAssembler(100);
  assembler.dropUntilNewline();
  const result = assembler.push(Buffer.from('tail of old\nfresh\n'));
  assert.equal(text(result.chunk), 'fresh\n');
  assert.equal(result.skippedLong, 1);
  assert.equal(result.advance, 18);
});

test('10 MB without newline never holds more than maxLineLength bytes', () => {
  const assembler = new LineAssembler(1024);
  const block = Buffer.alloc(64 * 1024, 0x61);
  for (let i = 0; i < 160; i++) {
    assembler.push(block);
    assert.ok(assembler.pendingBytes === 0 || assembler.pendingBytes > 1024);
  }
  const end = assembler.push(Buffer.from('\nafter\n'));
  assert.equal(text(end.chunk), 'after\n');
  assert.equal(end.skippedLong, 1);
});

test('reset forgets carried bytes', () => {
  const assembler = new LineAssembler(10);
  assembler.push(Buffer.from('abc'));
  assembler.reset();
  assert.equal(text(assembler.push(Buffer.from('x\n')).chunk), 'x\n');
});

test('data read after the carried bytes gives what push gives, for any split and long lines', () => {
  let state = 7;
  const random = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  for (let round = 0; round < 300; round++) {
    const text = Array.from({ length: 40 }, () => 'x'.repeat(random(30)) + '\n').join('');
    const data = Buffer.from(text.slice(0, text.length - random(20)));
    const viaPush = new LineAssembler(20);
    const viaCarried = new LineAssembler(20);
    const outcomes: [string[], string[]] = [[], []];
    for (let at = 0; at < data.length;) {
      const end = Math.min(data.length, at + 1 + random(50));
      const block = data.subarray(at, end);
      const a = viaPush.push(block);
      const carried = viaCarried.carried;
      const b =
        carried.length > 0
          ? viaCarried.pushContinuing(Buffer.concat([carried, block]))
          : viaCarried.push(block);
      outcomes[0].push(`${a.chunk?.toString() ?? '-'}|${a.lines}|${a.advance}|${a.skippedLong}`);
      outcomes[1].push(`${b.chunk?.toString() ?? '-'}|${b.lines}|${b.advance}|${b.skippedLong}`);
      assert.equal(viaCarried.pendingBytes, viaPush.pendingBytes);
      at = end;
    }
    assert.deepEqual(outcomes[1], outcomes[0], `round ${round}`);
  }
});

test('pushContinuing refuses data that cannot begin with the carried bytes', () => {
  const assembler = new LineAssembler(100);
  assembler.push(Buffer.from('unfinished'));
  assert.throws(() => assembler.pushContinuing(Buffer.from('short')), RangeError);
});
