import { test } from 'node:test';
import assert from 'node:assert/strict';
import { banLatencies, completingLines } from '../../../bench/side-by-side/ban-latency.js';

test('the maxretry-th failure of an address in a jail completes its ban', () => {
  const failures = [
    { jail: 'sshd', line: 3, id: '192.0.2.1' },
    { jail: 'sshd', line: 5, id: '192.0.2.2' },
    { jail: 'sshd', line: 8, id: '::ffff:192.0.2.1' },
    { jail: 'dovecot', line: 9, id: '192.0.2.1' },
    { jail: 'sshd', line: 12, id: '192.0.2.1' },
  ];
  const lines = completingLines(failures, 2);
  assert.deepEqual([...(lines.get('sshd') ?? [])], [['192.0.2.1', 8]]);
  assert.deepEqual([...(lines.get('dovecot') ?? [])], []);
});

test('latency runs from the write of the completing line to the element, markers excluded', () => {
  const seen = new Map([
    [
      'sshd',
      new Map([
        ['192.0.2.1', 150],
        ['192.0.2.9', 160],
        ['100.64.0.2', 170],
      ]),
    ],
  ]);
  const completing = new Map([['sshd', new Map([['192.0.2.1', 8]])]]);
  const pieces = [
    { endLine: 5, t: 100 },
    { endLine: 10, t: 120 },
  ];
  const summary = banLatencies(seen, completing, pieces, ['100.64.0.2']);
  assert.equal(summary.bans, 1);
  assert.equal(summary.unattributed, 1);
  assert.equal(summary.p50Ms, 30);
  assert.equal(summary.p99Ms, 30);
  assert.equal(summary.maxMs, 30);
});

test('no bans give no percentiles', () => {
  const summary = banLatencies(new Map(), new Map(), [], []);
  assert.equal(summary.bans, 0);
  assert.ok(Number.isNaN(summary.p99Ms));
  assert.ok(Number.isNaN(summary.maxMs));
});
