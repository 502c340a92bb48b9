import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { firstLineHash, firstLineLength } from '../../src/sources/first-line-hash.js';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

test('the hash is the md5 of the first line with its newline, as fail2ban keeps it', () => {
  assert.equal(firstLineHash(Buffer.from('first line\nsecond\n'), 100), md5('first line\n'));
  assert.equal(firstLineLength(Buffer.from('first line\nsecond\n'), 100), 11);
});

test('an unfinished short first line has no hash yet', () => {
  assert.equal(firstLineHash(Buffer.from('no newline yet'), 100), '');
  assert.equal(firstLineHash(Buffer.alloc(0), 100), '');
});

test('an over-long first line is identified by its first maxLineLength + 1 bytes', () => {
  const head = Buffer.from('abcdefgh');
  assert.equal(firstLineLength(head, 5), 6);
  assert.equal(firstLineHash(head, 5), md5('abcdef'));
  assert.equal(firstLineHash(Buffer.from('abcdefg\n'), 5), md5('abcdef'));
});
