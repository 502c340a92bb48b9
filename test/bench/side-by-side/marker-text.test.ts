import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markerFailure, seedLines, sentinelLines } from '../../../bench/side-by-side/marker-text.js';
import { scenarioOf } from '../../../bench/side-by-side/scenarios.js';

const at = Date.UTC(2026, 10, 21, 12, 0, 0);

test('an sshd marker is a failed password of its own session', () => {
  const line = markerFailure('sshd', '100.64.0.2', at, 3);
  assert.match(
    line,
    /sshd\[7103\]: Failed password for invalid user bench3 from 100\.64\.0\.2 port 40003 ssh2$/,
  );
});

test('seeds are one failure per jail, sentinels maxretry per jail interleaved', () => {
  const mail = scenarioOf('mail', 1);
  assert.equal(seedLines(mail.jails, at).split('\n').filter(Boolean).length, 3);
  const sentinels = sentinelLines(mail.jails, 2, at).split('\n').filter(Boolean);
  assert.equal(sentinels.length, 6);
  assert.match(sentinels[5] ?? '', /dovecot/);
  assert.ok(sentinels.every((line) => line.includes('100.64.0.2')));
});
