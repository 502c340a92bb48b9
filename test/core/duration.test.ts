import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration } from '../../src/core/duration.js';

test('plain numbers are seconds, negative -1 means permanent', () => {
  assert.equal(parseDuration('600'), 600);
  assert.equal(parseDuration('-1'), -1);
  assert.equal(parseDuration(' 3.5 '), 3.5);
});

test('units add up in fail2ban time syntax', () => {
  assert.equal(parseDuration('10m'), 600);
  assert.equal(parseDuration('1h30m'), 5400);
  assert.equal(parseDuration('1h 30m'), 5400);
  assert.equal(parseDuration('1w'), 604800);
  assert.equal(parseDuration('1d'), 86400);
  assert.equal(parseDuration('2days'), 172800);
  assert.equal(parseDuration('1y 6mo'), 31557600 + 6 * 2629800);
  assert.equal(parseDuration('1mo'), 2629800);
  assert.equal(parseDuration('45s'), 45);
  assert.equal(parseDuration('5minutes'), 300);
});

test('text that is not a time is rejected', () => {
  assert.equal(parseDuration(''), undefined);
  assert.equal(parseDuration('soon'), undefined);
  assert.equal(parseDuration('10 parsecs'), undefined);
  assert.equal(parseDuration('1h-'), undefined);
});
