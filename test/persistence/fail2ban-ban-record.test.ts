// One fail2ban bips row as fail2nft's history row and, while active, current ban.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertFail2banRecord, type Fail2banBipsRow } from '../../src/persistence/fail2ban-ban-record.js';

const nowMs = 1_795_000_000_000;
const row = (overrides: Partial<Fail2banBipsRow> = {}): Fail2banBipsRow => ({
  ip: '192.0.2.7',
  jail: 'sshd',
  timeofban: 1_794_999_900,
  bantime: 600,
  bancount: 2,
  data: Buffer.from('{"matches": ["one", "two"], "failures": 4}'),
  ...overrides,
});

test('an active ban becomes a current ban and a history row with its count', () => {
  const result = convertFail2banRecord(row(), nowMs);
  assert.deepEqual(result, {
    kind: 'record',
    history: {
      jail: 'sshd',
      address: '192.0.2.7',
      count: 2,
      lastStartMs: 1_794_999_900_000,
      durationSec: 600,
    },
    active: {
      jail: 'sshd',
      address: '192.0.2.7',
      family: 4,
      startMs: 1_794_999_900_000,
      durationSec: 600,
      banCount: 2,
      failures: 4,
      matches: ['one', 'two'],
    },
    unknownBanTime: false,
  });
});

test('a ban that ended is history only, and one ending exactly now has ended', () => {
  const result = convertFail2banRecord(row({ bantime: 100 }), nowMs);
  assert.equal(result.kind === 'record' && result.active, undefined);
});

test('a permanent ban is active at any time', () => {
  const result = convertFail2banRecord(row({ timeofban: 1, bantime: -1 }), nowMs);
  assert.equal(result.kind === 'record' && result.active?.durationSec, -1);
});

test("fail2ban's unknown ban time (-2) is history with ban time 0, never an active ban", () => {
  const result = convertFail2banRecord(row({ bantime: -2 }), nowMs);
  assert.equal(result.kind, 'record');
  assert.equal(result.kind === 'record' && result.unknownBanTime, true);
  assert.equal(result.kind === 'record' && result.active, undefined);
  assert.equal(result.kind === 'record' && result.history.durationSec, 0);
});

test('addresses come out canonical; a full-length prefix is the address; networks stay networks', () => {
  const addressOf = (ip: string): string | undefined => {
    const result = convertFail2banRecord(row({ ip }), nowMs);
    return result.kind === 'record' ? result.active?.address : undefined;
  };
  assert.equal(addressOf('2001:DB8:0:0::1'), '2001:db8::1');
  assert.equal(addressOf('192.0.2.9/32'), '192.0.2.9');
  assert.equal(addressOf('198.51.100.0/24'), '198.51.100.0/24');
  const v6 = convertFail2banRecord(row({ ip: '2001:db8::/64' }), nowMs);
  assert.equal(v6.kind === 'record' && v6.active?.family, 6);
});

test('host names, custom ids and malformed rows are skipped with a reason', () => {
  for (const bad of [row({ ip: 'mail.example.org' }), row({ ip: 'user@example' }), row({ ip: null })]) {
    assert.equal(convertFail2banRecord(bad, nowMs).kind, 'skipped');
  }
  assert.equal(convertFail2banRecord(row({ jail: '' }), nowMs).kind, 'skipped');
  assert.equal(convertFail2banRecord(row({ timeofban: 'yesterday' }), nowMs).kind, 'skipped');
});

test('a ban count of 0 counts as one ban; unreadable data means no failures and no lines', () => {
  const result = convertFail2banRecord(row({ bancount: 0, data: 'not json' }), nowMs);
  assert.equal(result.kind === 'record' && result.history.count, 1);
  assert.equal(result.kind === 'record' && result.active?.failures, 0);
  assert.equal(result.kind === 'record' && result.active?.matches, undefined);
  const text = convertFail2banRecord(row({ data: '{"matches": ["a", 3], "failures": 2}' }), nowMs);
  assert.deepEqual(text.kind === 'record' && text.active?.matches, ['a']);
});
