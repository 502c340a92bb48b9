import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linePrefix, linesByNumber, splitLineChunks } from '../../../bench/matching/log-chunks.js';

const log = Buffer.from('one\ntwo two\nthree three three\nfour\nfive-without-newline');

test('a prefix holds complete lines only, like fail2ban a last line without newline is left', () => {
  assert.deepEqual(linePrefix(log), { data: log.subarray(0, 35), lines: 4 });
  const two = linePrefix(log, 2);
  assert.equal(two.data.toString(), 'one\ntwo two\n');
  assert.equal(two.lines, 2);
});

test('chunks end at line ends, and together are the prefix', () => {
  for (const size of [1, 5, 8, 13, 1000]) {
    const { chunks, lines, bytes } = splitLineChunks(log, size);
    assert.equal(lines, 4);
    assert.equal(bytes, 35);
    assert.equal(Buffer.concat(chunks).toString(), 'one\ntwo two\nthree three three\nfour\n');
    for (const chunk of chunks) assert.equal(chunk.at(-1), 0x0a, `size ${size}`);
  }
  assert.deepEqual(
    splitLineChunks(log, 12).chunks.map((c) => c.toString()),
    ['one\ntwo two\n', 'three three three\n', 'four\n'],
  );
});

test('chunks stop at the requested number of lines', () => {
  const { chunks, lines } = splitLineChunks(log, 4, 3);
  assert.equal(lines, 3);
  assert.equal(Buffer.concat(chunks).toString(), 'one\ntwo two\nthree three three\n');
});

test('lines are found by their 1-based number across chunks, without CR', () => {
  const { chunks } = splitLineChunks(Buffer.from('a\r\nb\nc\nd\n'), 3);
  assert.deepEqual([...linesByNumber(chunks, [4, 1, 3])].sort(), [
    [1, 'a'],
    [3, 'c'],
    [4, 'd'],
  ]);
});
