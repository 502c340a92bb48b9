import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markerNotes } from '../../../bench/service/marker-checks.js';
import {
  SEED_ADDRESS,
  SEED_LINES,
  SENTINEL_ADDRESS,
  SENTINEL_LINES,
  seedText,
  sentinelText,
  syslogStamp,
} from '../../../bench/service/marker-lines.js';

const at = new Date(2026, 10, 1, 9, 5, 7).getTime();

test('syslog stamps pad the day with a space and the time with zeros', () => {
  assert.equal(syslogStamp(at), 'Nov  1 09:05:07');
});

test('seeds are one line per jail from the seed address, sentinels five per jail', () => {
  const seeds = seedText(at)
    .split('\n')
    .filter((line) => line !== '');
  const sentinels = sentinelText(at)
    .split('\n')
    .filter((line) => line !== '');
  assert.equal(seeds.length, SEED_LINES);
  assert.equal(sentinels.length, SENTINEL_LINES);
  assert.ok(seeds.every((line) => line.includes(SEED_ADDRESS)));
  assert.ok(sentinels.every((line) => line.includes(SENTINEL_ADDRESS)));
  // The jails' formats take turns, so every jail reaches its fifth sentinel at the end of the file.
  assert.match(sentinels.at(-3) ?? '', /Relay access denied/);
  assert.match(sentinels.at(-2) ?? '', /SASL PLAIN authentication failed/);
  assert.match(sentinels.at(-1) ?? '', /imap-login: Disconnected \(auth failed/);
});

test('a missing sentinel ban or a seed ban is reported per jail', () => {
  const all = ['postfix', 'postfix-sasl', 'dovecot'].map((jail) => ({ jail, address: SENTINEL_ADDRESS }));
  assert.deepEqual(markerNotes(all), []);
  assert.deepEqual(markerNotes([...all.slice(1), { jail: 'dovecot', address: SEED_ADDRESS }]), [
    'postfix: the sentinel 100.64.0.2 was not banned',
    'dovecot: the seed 100.64.0.1 was banned',
  ]);
});
