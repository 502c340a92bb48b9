import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroundTruthCounter, canonicalAddress, firstBanTime } from '../../bench/corpus/ground-truth.js';

const policy = { maxretry: 5, findtime: 600 };

test('five failures within findtime ban at the fifth', () => {
  assert.equal(firstBanTime([0, 100, 200, 300, 400], policy), 400);
});

test('the window is inclusive: the fifth failure exactly findtime after the first still bans', () => {
  assert.equal(firstBanTime([0, 1, 2, 3, 600], policy), 600);
  assert.equal(firstBanTime([0, 1, 2, 3, 601], policy), undefined);
});

test('the window slides: an old failure drops out and a later burst still bans', () => {
  // 0 and 500 cannot join 601..700; 500..700 holds 500, 601, 650, 700 = 4; then 710 makes 5.
  assert.equal(firstBanTime([0, 500, 601, 650, 700], policy), undefined);
  assert.equal(firstBanTime([0, 500, 601, 650, 700, 710], policy), 710);
});

test('slow failures never ban however many there are', () => {
  const times = Array.from({ length: 50 }, (_, i) => i * 200);
  assert.equal(firstBanTime(times, policy), undefined);
});

test('the order failures are given in does not matter', () => {
  assert.equal(firstBanTime([400, 0, 300, 100, 200], policy), 400);
});

test('a hand-checked case: per jail counts, bans and their times', () => {
  const counter = new GroundTruthCounter(policy);
  // 198.51.100.7: 5 SASL failures within 240 s -> banned in postfix-sasl at 1240.
  for (const t of [1000, 1060, 1120, 1180, 1240]) counter.record('postfix-sasl', '198.51.100.7', t);
  // The same address's 2 RCPT rejects count in the postfix jail only: not banned there.
  counter.record('postfix', '198.51.100.7', 1100);
  counter.record('postfix', '198.51.100.7', 1101);
  // 203.0.113.9: 4 failures, below maxretry.
  for (const t of [1000, 1001, 1002, 1003]) counter.record('postfix-sasl', '203.0.113.9', t);
  // 192.0.2.44: three plain and two IPv4-mapped failures fold into one address: banned at 1504.
  for (const t of [1500, 1501, 1502]) counter.record('dovecot', '192.0.2.44', t);
  counter.record('dovecot', '::ffff:192.0.2.44', 1503);
  counter.record('dovecot', '::FFFF:192.0.2.44', 1504);
  // 2001:db8::5 written two ways is one address; 5 failures but spread over 800 s.
  for (const t of [0, 200, 400]) counter.record('sshd', '2001:db8::5', t);
  for (const t of [600, 800]) counter.record('sshd', '2001:DB8:0::5', t);

  const truth = counter.summarize({ perAddress: true });
  assert.deepEqual(truth['postfix-sasl'], {
    failures: 9,
    addresses: 2,
    bannedCount: 1,
    banned: { '198.51.100.7': 1240 },
    failuresByAddress: { '198.51.100.7': 5, '203.0.113.9': 4 },
  });
  assert.deepEqual(truth.postfix, {
    failures: 2,
    addresses: 1,
    bannedCount: 0,
    banned: {},
    failuresByAddress: { '198.51.100.7': 2 },
  });
  assert.deepEqual(truth.dovecot.banned, { '192.0.2.44': 1504 });
  assert.deepEqual(truth.dovecot.failuresByAddress, { '192.0.2.44': 5 });
  assert.deepEqual(truth.sshd, {
    failures: 5,
    addresses: 1,
    bannedCount: 0,
    banned: {},
    failuresByAddress: { '2001:db8::5': 5 },
  });
});

test('bans are listed by ban time, then by address', () => {
  const counter = new GroundTruthCounter(policy);
  for (const address of ['203.0.113.2', '192.0.2.9', '198.51.100.1'])
    for (const t of [10, 11, 12, 13, address === '203.0.113.2' ? 14 : 20]) counter.record('sshd', address, t);
  assert.deepEqual(Object.keys(counter.summarize().sshd.banned), [
    '203.0.113.2',
    '192.0.2.9',
    '198.51.100.1',
  ]);
});

test('per-address counts are left out unless asked for', () => {
  const counter = new GroundTruthCounter(policy);
  counter.record('sshd', '192.0.2.1', 1);
  assert.equal(counter.summarize().sshd.failuresByAddress, undefined);
});

test('a logged address that is not an address is a generator bug and throws', () => {
  assert.throws(() => canonicalAddress('unknown'), RangeError);
  const counter = new GroundTruthCounter(policy);
  counter.record('sshd', 'example.org', 1);
  assert.throws(() => counter.summarize(), RangeError);
});

test('an invalid policy is refused', () => {
  assert.throws(() => new GroundTruthCounter({ maxretry: 0, findtime: 600 }), RangeError);
  assert.throws(() => new GroundTruthCounter({ maxretry: 5, findtime: -1 }), RangeError);
});
