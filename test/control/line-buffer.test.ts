import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineBuffer } from '../../src/control/line-buffer.js';

test('lines split across chunks are joined, several in one chunk are all returned', () => {
  const buffer = new LineBuffer(100);
  assert.deepEqual(buffer.push(Buffer.from('{"a"')), { lines: [], overflow: false });
  assert.deepEqual(buffer.push(Buffer.from(':1}\n{"b":2}\n{"c"')), {
    lines: ['{"a":1}', '{"b":2}'],
    overflow: false,
  });
  assert.deepEqual(buffer.push(Buffer.from(':3}\r\n')), { lines: ['{"c":3}'], overflow: false });
});

test('a character split between chunks is decoded whole', () => {
  const bytes = Buffer.from('é\n');
  const buffer = new LineBuffer(100);
  assert.deepEqual(buffer.push(bytes.subarray(0, 1)).lines, []);
  assert.deepEqual(buffer.push(bytes.subarray(1)).lines, ['é']);
});

test('a line longer than the limit overflows, after the complete lines before it', () => {
  const buffer = new LineBuffer(10);
  assert.deepEqual(buffer.push(Buffer.from('short\n0123456789A')), { lines: ['short'], overflow: true });
  assert.deepEqual(buffer.push(Buffer.from('\n')), { lines: [], overflow: true });
  const exact = new LineBuffer(10);
  assert.deepEqual(exact.push(Buffer.from('0123456789\n')), { lines: ['0123456789'], overflow: false });
  const split = new LineBuffer(10);
  split.push(Buffer.from('012345'));
  assert.equal(split.push(Buffer.from('6789AB\n')).overflow, true);
});
