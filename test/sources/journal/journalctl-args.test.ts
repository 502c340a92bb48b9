import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildJournalctlArgs } from '../../../src/sources/journal/journalctl-args.js';
import { fillJournalSourceOptions } from '../../../src/sources/journal/journal-source-config.js';

const common = ['--follow', '--output=json', '--no-pager', '--all', '--quiet'];

test('a saved cursor resumes right after it; matches come last, one argument each', () => {
  const options = fillJournalSourceOptions({
    id: 'sshd',
    matches: ['_SYSTEMD_UNIT=sshd.service', '+', '_COMM=sshd'],
  });
  assert.deepEqual(buildJournalctlArgs(options, { cursor: 's=1;i=2' }), [
    ...common,
    '--after-cursor=s=1;i=2',
    '--no-tail',
    '--system',
    '_SYSTEMD_UNIT=sshd.service',
    '+',
    '_COMM=sshd',
  ]);
});

test('without a cursor: since a time, or the whole journal, or only new entries', () => {
  const since = fillJournalSourceOptions({ id: 'j', sinceMs: 1_742_616_671_999 });
  assert.deepEqual(buildJournalctlArgs(since, {}), [
    ...common,
    '--since=@1742616671',
    '--no-tail',
    '--system',
  ]);
  const head = fillJournalSourceOptions({ id: 'j', startAt: 'head' });
  assert.deepEqual(buildJournalctlArgs(head, {}), [...common, '--no-tail', '--system']);
  const tail = fillJournalSourceOptions({ id: 'j' });
  assert.deepEqual(buildJournalctlArgs(tail, {}), [...common, '--lines=0', '--system']);
});

test('a journal directory, files or namespace replace the system-only default', () => {
  const options = fillJournalSourceOptions({
    id: 'j',
    directory: '/var/log/journal/remote',
    files: ['/tmp/a.journal'],
    namespace: 'mail',
  });
  assert.deepEqual(buildJournalctlArgs(options, {}), [
    ...common,
    '--lines=0',
    '--directory=/var/log/journal/remote',
    '--file=/tmp/a.journal',
    '--namespace=mail',
  ]);
});
