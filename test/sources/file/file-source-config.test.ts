import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../../src/core/errors.js';
import {
  fileSourceDefaults,
  fillFileSourceOptions,
  type FileSourceOptions,
} from '../../../src/sources/file/file-source-config.js';

const base: FileSourceOptions = { id: 'files', patterns: ['/var/log/mail.log'] };

function rejects(options: Record<string, unknown>, message: string): void {
  assert.throws(
    () => fillFileSourceOptions({ ...base, ...options }),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_SOURCE_BAD_OPTION' &&
      error.message === message,
  );
}

test('defaults are filled in and the result is frozen', () => {
  const filled = fillFileSourceOptions(base);
  assert.deepEqual(filled, { ...fileSourceDefaults, id: 'files', patterns: ['/var/log/mail.log'] });
  assert.ok(Object.isFrozen(filled));
  assert.ok(Object.isFrozen(filled.patterns));
});

test('repeated patterns are kept once', () => {
  assert.deepEqual(fillFileSourceOptions({ ...base, patterns: ['/a', '/b', '/a'] }).patterns, ['/a', '/b']);
});

test('id must be a non-empty string', () => {
  rejects({ id: ' ' }, 'file source: option id must be a non-empty string (got " ")');
});

test('patterns must be a non-empty list of non-empty paths', () => {
  rejects(
    { patterns: [] },
    'file source: option patterns must be a non-empty list of paths or globs (got [])',
  );
  rejects(
    { patterns: [''] },
    'file source: option patterns must be a list of non-empty paths or globs (got "")',
  );
});

test('startAt is head or tail', () => {
  rejects({ startAt: 'middle' }, `file source: option startAt must be one of 'head', 'tail' (got "middle")`);
});

test('watchMode is auto or poll', () => {
  rejects(
    { watchMode: 'inotify' },
    `file source: option watchMode must be one of 'auto', 'poll' (got "inotify")`,
  );
});

test('pollIntervalMs is an integer of at least 10', () => {
  rejects(
    { pollIntervalMs: 5 },
    'file source: option pollIntervalMs must be an integer from 10 to 86400000 (got 5)',
  );
});

test('rescanIntervalMs is an integer of at least 10', () => {
  rejects(
    { rescanIntervalMs: 1.5 },
    'file source: option rescanIntervalMs must be an integer from 10 to 86400000 (got 1.5)',
  );
});

test('maxLineLength is a positive integer', () => {
  rejects(
    { maxLineLength: 0 },
    'file source: option maxLineLength must be an integer from 1 to 67108864 (got 0)',
  );
});

test('readChunkBytes is a positive integer', () => {
  rejects(
    { readChunkBytes: -1 },
    'file source: option readChunkBytes must be an integer from 1 to 67108864 (got -1)',
  );
});

test('queueCapacity is from 1 to 1024', () => {
  rejects(
    { queueCapacity: 0 },
    'file source: option queueCapacity must be an integer from 1 to 1024 (got 0)',
  );
});

test('orphanGraceMs is a non-negative integer', () => {
  rejects(
    { orphanGraceMs: -5 },
    'file source: option orphanGraceMs must be an integer from 0 to 86400000 (got -5)',
  );
});
