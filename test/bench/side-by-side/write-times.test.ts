import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutPieces, lineWrittenAt } from '../../../bench/side-by-side/write-times.js';

const corpus = Buffer.from('a\nbb\nccc\ndddd\neeeee\n');

test('pieces hold whole lines, at most maxLines each', () => {
  const pieces = cutPieces(corpus, Number.POSITIVE_INFINITY, 2);
  assert.deepEqual(
    pieces.map((piece) => [piece.bytes.toString(), piece.lines]),
    [
      ['a\nbb\n', 2],
      ['ccc\ndddd\n', 2],
      ['eeeee\n', 1],
    ],
  );
});

test('a piece ends at the first line that reaches maxBytes', () => {
  const pieces = cutPieces(corpus, 4, Number.POSITIVE_INFINITY);
  assert.deepEqual(
    pieces.map((piece) => piece.bytes.toString()),
    ['a\nbb\n', 'ccc\n', 'dddd\n', 'eeeee\n'],
  );
  assert.equal(Buffer.concat(pieces.map((piece) => piece.bytes)).toString(), corpus.toString());
});

test("a line's write time is its piece's", () => {
  const written = [
    { endLine: 2, t: 100 },
    { endLine: 4, t: 110 },
    { endLine: 5, t: 125 },
  ];
  assert.equal(lineWrittenAt(written, 1), 100);
  assert.equal(lineWrittenAt(written, 2), 100);
  assert.equal(lineWrittenAt(written, 3), 110);
  assert.equal(lineWrittenAt(written, 5), 125);
  assert.equal(lineWrittenAt(written, 6), undefined);
  assert.equal(lineWrittenAt([], 1), undefined);
});
