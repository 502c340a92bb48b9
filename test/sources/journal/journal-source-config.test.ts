import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../../src/core/errors.js';
import {
  fillJournalSourceOptions,
  journalSourceDefaults,
} from '../../../src/sources/journal/journal-source-config.js';

function rejects(options: Record<string, unknown>, message: string): void {
  assert.throws(
    () => fillJournalSourceOptions({ id: 'sshd', ...options }),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_SOURCE_BAD_OPTION' &&
      error.message === message,
  );
}

test('defaults are filled in, system journals only, and the result is frozen', () => {
  const filled = fillJournalSourceOptions({ id: 'sshd' });
  assert.deepEqual(filled, {
    ...journalSourceDefaults,
    id: 'sshd',
    matches: [],
    sinceMs: undefined,
    directory: undefined,
    files: [],
    namespace: undefined,
    systemOnly: true,
  });
  assert.ok(Object.isFrozen(filled));
});

test('id must be a non-empty string', () => {
  rejects({ id: '' }, 'journal source: option id must be a non-empty string (got "")');
});

test('matches are FIELD=value words or +', () => {
  rejects(
    { matches: ['sshd.service'] },
    'journal source: option matches must be journalmatch words: FIELD=value (FIELD in upper case) or + (got "sshd.service")',
  );
  rejects(
    { matches: ['+', '_COMM=sshd'] },
    'journal source: option matches must be terms with a single + between alternatives (got ["+","_COMM=sshd"])',
  );
});

test('sinceMs is a time in ms', () => {
  rejects({ sinceMs: -1 }, 'journal source: option sinceMs must be a time in ms since the epoch (got -1)');
});

test('startAt is head or tail', () => {
  rejects({ startAt: 'now' }, `journal source: option startAt must be one of 'head', 'tail' (got "now")`);
});

test('directory, files and namespace are non-empty text', () => {
  rejects({ directory: '' }, 'journal source: option directory must be a directory path (got "")');
  rejects({ files: [''] }, 'journal source: option files must be a list of file paths (got "")');
  rejects({ namespace: '' }, 'journal source: option namespace must be a namespace name (got "")');
});

test('systemOnly is a boolean, and off by default when a directory is given', () => {
  rejects({ systemOnly: 'yes' }, 'journal source: option systemOnly must be true or false (got "yes")');
  assert.equal(fillJournalSourceOptions({ id: 'j', directory: '/j' }).systemOnly, false);
});

test('journalctl is a program name or path', () => {
  rejects({ journalctl: '' }, 'journal source: option journalctl must be a program name or path (got "")');
});

test('dateStyle is iso or syslog', () => {
  rejects(
    { dateStyle: 'rfc' },
    `journal source: option dateStyle must be one of 'iso', 'syslog' (got "rfc")`,
  );
});

test('maxLineLength, maxEntryBytes, chunkLines, queueCapacity and stopTimeoutMs are bounded integers', () => {
  rejects(
    { maxLineLength: 0 },
    'journal source: option maxLineLength must be an integer from 1 to 67108864 (got 0)',
  );
  rejects(
    { maxEntryBytes: 10 },
    'journal source: option maxEntryBytes must be an integer from 64 to 268435456 (got 10)',
  );
  rejects(
    { chunkLines: 0 },
    'journal source: option chunkLines must be an integer from 1 to 1000000 (got 0)',
  );
  rejects(
    { queueCapacity: 2000 },
    'journal source: option queueCapacity must be an integer from 1 to 1024 (got 2000)',
  );
  rejects(
    { stopTimeoutMs: 0 },
    'journal source: option stopTimeoutMs must be an integer from 1 to 60000 (got 0)',
  );
});
