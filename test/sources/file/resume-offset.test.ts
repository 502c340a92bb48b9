import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideResumeOffset, tailStartOffset } from '../../../src/sources/file/resume-offset.js';
import type { FilePosition } from '../../../src/sources/log-source.js';

const saved: FilePosition = { kind: 'file', path: '/l', offset: 100, firstLineHash: 'h1' };

test('without a saved position the file starts at head or at its size for tail', () => {
  assert.deepEqual(decideResumeOffset(undefined, { size: 500, firstLineHash: 'h1' }, 'head'), {
    reason: 'head',
    offset: 0,
  });
  assert.deepEqual(decideResumeOffset(undefined, { size: 500, firstLineHash: 'h1' }, 'tail'), {
    reason: 'tail',
    offset: 500,
  });
});

test('a saved position with the same first line on a file at least as long is resumed', () => {
  assert.deepEqual(decideResumeOffset(saved, { size: 100, firstLineHash: 'h1' }, 'tail'), {
    reason: 'resumed',
    offset: 100,
  });
});

test('a different first line means a replaced file, read from the start', () => {
  assert.deepEqual(decideResumeOffset(saved, { size: 900, firstLineHash: 'h2' }, 'tail'), {
    reason: 'replaced',
    offset: 0,
  });
});

test('a file shorter than the saved offset was truncated and is read from the start', () => {
  assert.deepEqual(decideResumeOffset(saved, { size: 99, firstLineHash: 'h1' }, 'tail'), {
    reason: 'truncated',
    offset: 0,
  });
});

test('a saved offset of 0 stays 0 whatever the file holds', () => {
  const empty: FilePosition = { ...saved, offset: 0, firstLineHash: '' };
  assert.deepEqual(decideResumeOffset(empty, { size: 50, firstLineHash: 'h9' }, 'tail'), {
    reason: 'resumed',
    offset: 0,
  });
});

test('a tail start goes after the last newline, so an unfinished line is read whole later', () => {
  assert.deepEqual(tailStartOffset(20, Buffer.from('abc\ndefg\nhij'), 100), { offset: 17, midLine: false });
  assert.deepEqual(tailStartOffset(12, Buffer.from('abc\ndefg\nhij'), 100), { offset: 9, midLine: false });
});

test('a tail start in a file of one unfinished line starts at 0, inside an over-long line at the end', () => {
  assert.deepEqual(tailStartOffset(5, Buffer.from('abcde'), 100), { offset: 0, midLine: false });
  assert.deepEqual(tailStartOffset(500, Buffer.from('x'.repeat(11)), 10), { offset: 500, midLine: true });
});
